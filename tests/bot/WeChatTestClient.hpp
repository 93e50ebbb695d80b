#pragma once
// Talks to a running CivicDesk the way WeChat's servers do: signed callbacks over HTTP on
// loopback, in plaintext or encrypted mode, and reads the passive reply back (decrypting and
// checking its MsgSignature in encrypted mode).
#include <cstdint>
#include <functional>
#include <optional>
#include <random>
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
  // The Unix time the callbacks' signed `timestamp` carries. Unset: now, as WeChat signs
  // with the time a callback leaves (the service checks it against the host's clock).
  std::function<std::int64_t()> signingTime;
  // The query string and body of the last post(), to replay them.
  std::string lastQuery;
  std::string lastBody;

 private:
  std::string signedQuery(const std::string& timestamp, const std::string& nonce,
                          bool badSignature) const;
  std::string timestamp() const;
  std::string nextNonce();
  WeChatReply readReply(httplib::Result result) const;

  httplib::Client http_;
  std::string token_;
  std::string appId_;
  std::string aesKey_;
  // Random nonces, like WeChat's: clients sharing a stopped test clock must not sign two
  // different bodies with the same timestamp and nonce (the service refuses that as a replay).
  std::mt19937_64 nonces_{std::random_device{}()};
};

}  // namespace civicdesk::testing
