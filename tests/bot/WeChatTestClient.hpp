#pragma once
// Talks to a running CivicDesk the way WeChat's servers do: signed callbacks over HTTP on
// loopback, in plaintext or encrypted mode, and reads the passive reply back (decrypting and
// checking its MsgSignature in encrypted mode).
#include <cstdint>
#include <optional>
#include <string>

#include <httplib.h>

namespace civicdesk::testing {

struct WeChatReply {
  int status = 0;
  std::string body;      // as received
  std::string content;   // the passive reply's Content ("" for `success`)
  std::string toUser;    // ToUserName of the reply
  std::string fromUser;  // FromUserName of the reply
  std::int64_t createTime = 0;
  bool isSuccess() const { return status == 200 && body == "success"; }
};

class WeChatTestClient {
 public:
  // `aesKey` empty: plaintext mode.
  WeChatTestClient(int port, std::string token, std::string appId, std::string aesKey = {});

  // A text message with `msgId` from `openId`.
  WeChatReply sendText(const std::string& openId, const std::string& text, std::uint64_t msgId);
  WeChatReply sendVoice(const std::string& openId, const std::string& recognition,
                        std::uint64_t msgId);
  WeChatReply sendImage(const std::string& openId, const std::string& mediaId, std::uint64_t msgId);
  WeChatReply sendEvent(const std::string& openId, const std::string& event,
                        std::int64_t createTime, const std::string& eventKey = {});
  // Any body, signed correctly (or not, with `badSignature`), in the client's mode.
  WeChatReply post(const std::string& innerXml, bool badSignature = false);
  // The raw exchange, for malformed requests: query string and body as given.
  httplib::Result raw(const std::string& pathAndQuery, const std::string& body);
  // URL verification.
  httplib::Result verify(const std::string& echostr, bool badSignature = false);

  static std::string textXml(const std::string& openId, const std::string& text,
                             std::uint64_t msgId, std::int64_t createTime);

  std::string accountId = "gh_demo000000";
  std::int64_t createTime = 1790000000;

 private:
  std::string signedQuery(const std::string& timestamp, const std::string& nonce,
                          bool badSignature) const;
  WeChatReply readReply(httplib::Result result) const;

  httplib::Client http_;
  std::string token_;
  std::string appId_;
  std::string aesKey_;
  std::uint64_t nonce_ = 1000;
};

}  // namespace civicdesk::testing
