#pragma once
// What the WeChat official account (公众号) console gives us, plus our own limits. Holds
// secrets (token, EncodingAESKey, AppSecret): never log a WeChatConfig.
#include <cstddef>
#include <string>

namespace civicdesk::channels {

struct WeChatConfig {
  std::string token;           // 令牌: signs every callback (signature, msg_signature)
  std::string appId;           // 公众号 AppID: the trailing id inside every encrypted message
  std::string encodingAesKey;  // 43 characters; empty = plaintext mode only (明文模式)
  std::string appSecret;       // for the access_token of the outbound API (WeChatSender)
  // Base URL of the outbound API; http://127.0.0.1:PORT in tests (FakeWeChatApi).
  std::string apiBase = "https://api.weixin.qq.com";
  // 模板消息 template id for notices the customer-service window no longer allows (45015,
  // 45047); empty = no fallback, the send fails. The template needs first, keyword1 (case
  // number) and remark fields: see WeChatNotice.hpp for the mapping.
  std::string noticeTemplateId;
  // WeChat's callback bodies are a few KiB (compatible mode about 3x a plain one); anything
  // much larger is not from WeChat and is refused before any parsing or crypto.
  std::size_t maxBodyBytes = 64 * 1024;
  // Secure mode (安全模式): refuse plaintext callbacks. Needs encodingAesKey.
  bool requireEncryption = false;
  // A callback whose signed `timestamp` is further than this from our clock is refused, and
  // within it a plaintext callback's timestamp and nonce are accepted with one body only: a
  // captured signed query cannot be replayed later, or with a forged body. WeChat itself
  // prescribes no window (its SDKs check none); five minutes, as Mailgun's, leaves room for
  // its retries and some clock drift. 0 = not checked (load tests replay pre-signed corpora).
  int maxClockSkewSeconds = 300;
};

}  // namespace civicdesk::channels
