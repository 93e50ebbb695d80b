#include "channels/wechat/WeChatCrypto.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <vector>

#include "channels/OpenSslAlgorithms.hpp"
#include "channels/Signature.hpp"

namespace civicdesk::channels {

namespace {

struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;

constexpr std::size_t kLengthBytes = 4;
constexpr int kAesBlock = 16;

bool isKeyChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// One AES-256-CBC pass with library padding off: WeChat pads to 32 bytes, which OpenSSL's
// PKCS#7 (16-byte blocks) would reject on decrypt for pad values 17..32. `input` is always a
// whole number of AES blocks here, so the output has the same length. Empty on failure.
std::string aes256Cbc(bool encrypting, const unsigned char* key, std::string_view input) {
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  if (!ctx) return {};
  const unsigned char* iv = key;  // the scheme's IV is the first 16 key bytes
  if (EVP_CipherInit_ex(ctx.get(), openssl::aes256Cbc(), nullptr, key, iv, encrypting ? 1 : 0) !=
          1 ||
      EVP_CIPHER_CTX_set_padding(ctx.get(), 0) != 1) {
    return {};
  }
  std::string out(input.size() + kAesBlock, '\0');
  auto* outBytes = reinterpret_cast<unsigned char*>(out.data());
  int written = 0;
  int tail = 0;
  if (EVP_CipherUpdate(ctx.get(), outBytes, &written, bytes(input),
                       static_cast<int>(input.size())) != 1 ||
      EVP_CipherFinal_ex(ctx.get(), outBytes + written, &tail) != 1) {
    return {};
  }
  out.resize(static_cast<std::size_t>(written + tail));
  return out;
}

}  // namespace

std::string sortedSha1(std::initializer_list<std::string_view> parts) {
  std::vector<std::string_view> sorted(parts);
  std::sort(sorted.begin(), sorted.end());  // string order: "1409735669" < "spamtest"
  std::string joined;
  for (std::string_view part : sorted) joined.append(part);
  return sha1Hex(joined);
}

WeChatCrypto::WeChatCrypto(std::string token, std::string_view encodingAesKey, std::string appId)
    : token_(std::move(token)), appId_(std::move(appId)) {
  if (encodingAesKey.size() != 43 ||
      !std::all_of(encodingAesKey.begin(), encodingAesKey.end(), isKeyChar)) {
    throw std::invalid_argument("EncodingAESKey must be 43 characters of [A-Za-z0-9]");
  }
  std::string key;
  if (!base64Decode(std::string(encodingAesKey) + "=", key) || key.size() != kKeyBytes) {
    throw std::invalid_argument("EncodingAESKey does not decode to a 32-byte AES key");
  }
  std::copy(key.begin(), key.end(), key_.begin());
  OPENSSL_cleanse(key.data(), key.size());
}

WeChatCrypto::~WeChatCrypto() {
  OPENSSL_cleanse(key_.data(), key_.size());
}

std::string WeChatCrypto::signature(std::string_view timestamp, std::string_view nonce) const {
  return sortedSha1({token_, timestamp, nonce});
}

std::string WeChatCrypto::msgSignature(std::string_view timestamp, std::string_view nonce,
                                       std::string_view encrypt) const {
  return sortedSha1({token_, timestamp, nonce, encrypt});
}

std::string WeChatCrypto::encrypt(std::string_view message, std::string_view random16) const {
  if (random16.size() != kRandomBytes) {
    throw std::invalid_argument("WeChatCrypto::encrypt needs exactly 16 random bytes");
  }
  if (message.size() > UINT32_MAX) throw std::invalid_argument("message too long to encrypt");
  const auto length = static_cast<std::uint32_t>(message.size());

  std::string plain;
  plain.reserve(kRandomBytes + kLengthBytes + message.size() + appId_.size() + kPadBlock);
  plain.append(random16);
  plain.push_back(static_cast<char>((length >> 24) & 0xff));
  plain.push_back(static_cast<char>((length >> 16) & 0xff));
  plain.push_back(static_cast<char>((length >> 8) & 0xff));
  plain.push_back(static_cast<char>(length & 0xff));
  plain.append(message);
  plain.append(appId_);
  // 1..32 bytes of value `pad`; an aligned buffer gains a whole 32-byte block, so the last
  // byte always says how much to strip.
  const std::size_t pad = kPadBlock - plain.size() % kPadBlock;
  plain.append(pad, static_cast<char>(pad));

  std::string cipher = aes256Cbc(true, key_.data(), plain);
  if (cipher.size() != plain.size()) throw std::runtime_error("AES-256-CBC encryption failed");
  return base64Encode(cipher);
}

std::string WeChatCrypto::encrypt(std::string_view message) const {
  std::array<unsigned char, kRandomBytes> random{};
  if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  return encrypt(message,
                 std::string_view(reinterpret_cast<const char*>(random.data()), random.size()));
}

Expected<std::string, CryptoError> WeChatCrypto::decrypt(std::string_view encryptBase64) const {
  using Kind = CryptoError::Kind;
  std::string cipher;
  if (!base64Decode(encryptBase64, cipher)) {
    return unexpected(CryptoError{Kind::BadBase64, "Encrypt is not valid base64"});
  }
  // At least one 32-byte padded unit (random + length alone are 20 bytes), whole AES blocks.
  if (cipher.size() < kPadBlock || cipher.size() % kAesBlock != 0) {
    return unexpected(CryptoError{Kind::BadCiphertext, "ciphertext length is not valid"});
  }
  std::string plain = aes256Cbc(false, key_.data(), cipher);
  if (plain.size() != cipher.size()) {
    return unexpected(CryptoError{Kind::BadCiphertext, "AES-256-CBC decryption failed"});
  }

  // Strict PKCS#7 over 32: the official encoders never produce anything else, and the
  // message signature was checked before we got here, so strictness costs nothing.
  const auto pad = static_cast<unsigned char>(plain.back());
  if (pad < 1 || pad > kPadBlock || !std::all_of(plain.end() - pad, plain.end(), [pad](char c) {
        return static_cast<unsigned char>(c) == pad;
      })) {
    return unexpected(CryptoError{Kind::BadPadding, "bad padding"});
  }
  plain.resize(plain.size() - pad);

  if (plain.size() < kRandomBytes + kLengthBytes) {
    return unexpected(CryptoError{Kind::BadLength, "decrypted buffer too short"});
  }
  const auto* p = reinterpret_cast<const unsigned char*>(plain.data()) + kRandomBytes;
  const std::uint32_t length = (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) |
                               (std::uint32_t{p[2]} << 8) | std::uint32_t{p[3]};
  const std::size_t start = kRandomBytes + kLengthBytes;
  if (length > plain.size() - start) {
    return unexpected(CryptoError{Kind::BadLength, "msg_len exceeds the decrypted buffer"});
  }
  std::string_view trailingId = std::string_view(plain).substr(start + length);
  if (trailingId != appId_) {
    return unexpected(CryptoError{Kind::AppIdMismatch, "message is for another AppID"});
  }
  return plain.substr(start, length);
}

}  // namespace civicdesk::channels
