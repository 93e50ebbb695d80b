#pragma once
// The WeChat message crypto (WXBizMsgCrypt scheme, PROTOCOLS.md §1.2 and §1.6), shared by the
// official account and WeCom: SHA-1 signatures over sorted strings, and AES-256-CBC with
// IV = first 16 key bytes, plaintext = random(16) ‖ msg_len(4, big-endian) ‖ msg ‖ appid,
// PKCS#7 padding to a multiple of 32 bytes.
#include <array>
#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

#include "util/Expected.hpp"

namespace civicdesk::channels {

// Lowercase hex SHA-1 of the concatenation of `parts` after sorting them as strings (byte
// order). `signature` is this over {token, timestamp, nonce}; `msg_signature` adds the
// Encrypt text. Needs no AES key, so plaintext-only accounts use it directly.
std::string sortedSha1(std::initializer_list<std::string_view> parts);

struct CryptoError {
  enum class Kind {
    BadBase64,      // the Encrypt text is not strict standard base64
    BadCiphertext,  // wrong length for AES-CBC, or the cipher failed
    BadPadding,     // last byte outside 1..32, or padding bytes that disagree
    BadLength,      // msg_len points outside the decrypted buffer
    AppIdMismatch   // decrypted fine, but for another account: not ours to read
  };
  Kind kind;
  std::string message;  // never holds key material or plaintext
};

class WeChatCrypto {
 public:
  static constexpr std::size_t kRandomBytes = 16;
  static constexpr std::size_t kKeyBytes = 32;
  static constexpr std::size_t kPadBlock = 32;  // WeChat pads to 32, not to the AES block

  // Throws std::invalid_argument unless `encodingAesKey` is 43 characters of [A-Za-z0-9]
  // (base64 of exactly 32 bytes once "=" is appended). A bad key is a configuration error
  // found at start-up, not a per-request condition.
  WeChatCrypto(std::string token, std::string_view encodingAesKey, std::string appId);
  ~WeChatCrypto();  // wipes the key
  WeChatCrypto(const WeChatCrypto&) = default;
  WeChatCrypto& operator=(const WeChatCrypto&) = default;

  const std::string& appId() const { return appId_; }

  // `signature` of a plaintext callback and of the URL verification GET.
  std::string signature(std::string_view timestamp, std::string_view nonce) const;
  // `msg_signature` / `MsgSignature`: over the base64 Encrypt text as sent.
  std::string msgSignature(std::string_view timestamp, std::string_view nonce,
                           std::string_view encrypt) const;

  // Deterministic, for test vectors: `random16` must be exactly 16 bytes
  // (std::invalid_argument otherwise). Returns the base64 Encrypt text.
  std::string encrypt(std::string_view message, std::string_view random16) const;
  // Production form: the 16 random bytes come from RAND_bytes.
  std::string encrypt(std::string_view message) const;

  // Base64 Encrypt text → the message (UTF-8 XML, or WeCom's echostr plaintext). Checks the
  // padding, msg_len and that the trailing id equals our AppID. Verify msg_signature first.
  Expected<std::string, CryptoError> decrypt(std::string_view encryptBase64) const;

 private:
  std::string token_;
  std::string appId_;
  std::array<unsigned char, kKeyBytes> key_{};
};

}  // namespace civicdesk::channels
