// WeChat's encrypted callback (encrypt_type=aes, PROTOCOLS.md §1.6) under a fixed test key
// (the official sample's, vector W1). The input is the decrypted buffer the scheme defines,
// random(16) ‖ msg_len(4) ‖ msg ‖ appid ‖ padding: the target seals it with the key (whole AES
// blocks as they are, so the fuzzer controls the padding; anything else padded as WeChat
// pads), signs it and posts it to WeChatAdapter::receive. So every input reaches
// WeChatCrypto::decrypt's padding, length and AppID checks, and the XML parser behind them.
#include <openssl/evp.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "channels/Signature.hpp"
#include "channels/wechat/WeChatAdapter.hpp"
#include "channels/wechat/WeChatCrypto.hpp"
#include "channels/wechat/WeChatXml.hpp"
#include "fuzz/FuzzSupport.hpp"

using namespace civicdesk;
using namespace civicdesk::channels;

namespace {

constexpr std::string_view kToken = "spamtest";
constexpr std::string_view kAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
constexpr std::string_view kAppId = "wx2c2769f8efd9abc2";
constexpr std::string_view kTimestamp = "1409735669";
constexpr std::string_view kNonce = "1320562132";

struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};

// AES-256-CBC without padding, IV = the key's first 16 bytes, as the scheme says. `plain` is
// a whole number of AES blocks.
std::string seal(std::string_view plain) {
  static const std::string key = [] {
    std::string bytes;
    fuzz::require(base64Decode(std::string(kAesKey) + "=", bytes) && bytes.size() == 32);
    return bytes;
  }();
  const auto* keyBytes = reinterpret_cast<const unsigned char*>(key.data());
  std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree> ctx(EVP_CIPHER_CTX_new());
  std::string out(plain.size() + 16, '\0');
  int written = 0;
  int tail = 0;
  const bool ok =
      ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_cbc(), nullptr, keyBytes, keyBytes) == 1 &&
      EVP_CIPHER_CTX_set_padding(ctx.get(), 0) == 1 &&
      EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &written,
                        reinterpret_cast<const unsigned char*>(plain.data()),
                        static_cast<int>(plain.size())) == 1 &&
      EVP_EncryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()) + written,
                          &tail) == 1;
  fuzz::require(ok);
  out.resize(static_cast<std::size_t>(written + tail));
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const WeChatCrypto crypto{std::string(kToken), kAesKey, std::string(kAppId)};
  static const WeChatAdapter adapter(
      WeChatConfig{.token = std::string(kToken),
                   .appId = std::string(kAppId),
                   .encodingAesKey = std::string(kAesKey),
                   .requireEncryption = true},
      [] { return std::int64_t{1409735700}; });

  std::string plain(fuzz::asText(data, size));
  if (plain.empty() || plain.size() % 16 != 0) {
    const std::size_t pad = 32 - plain.size() % 32;  // WeChat's PKCS#7 over 32-byte blocks
    plain.append(pad, static_cast<char>(pad));
  }
  const std::string encrypt = base64Encode(seal(plain));

  HttpRequest request;
  request.method = "POST";
  request.path = "/wechat";
  request.query = {{"timestamp", std::string(kTimestamp)},
                   {"nonce", std::string(kNonce)},
                   {"encrypt_type", "aes"},
                   {"signature", crypto.signature(kTimestamp, kNonce)},
                   {"msg_signature", crypto.msgSignature(kTimestamp, kNonce, encrypt)}};
  request.body = "<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt>" +
                 cdata(encrypt) + "</Encrypt></xml>";

  const Expected<InboundBatch, ChannelError> batch = adapter.receive(request);
  // The ciphertext is well formed and signed: only the sealed content can be wrong (400), or
  // sealed for another AppID (401).
  if (!batch) {
    fuzz::require(batch.error().status == 400 || batch.error().status == 401);
    return 0;
  }
  fuzz::require(batch->encrypted && batch->messages.size() == 1);
  // The encrypted passive reply must decrypt back to XML we can read.
  const HttpResponse reply = adapter.render(request, *batch, {Reply{.text = "收到"}});
  if (reply.body != "success") {
    const Expected<WeChatXmlFields, XmlError> outer = parseWeChatXml(reply.body);
    fuzz::require(outer.has_value());
    const Expected<std::string, CryptoError> inner = crypto.decrypt(outer->getOr("Encrypt"));
    fuzz::require(inner.has_value() && parseWeChatXml(*inner).has_value());
  }
  return 0;
}
