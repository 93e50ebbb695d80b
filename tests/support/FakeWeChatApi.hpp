#pragma once
// A loopback stand-in for api.weixin.qq.com: a real HTTP server on 127.0.0.1 (ephemeral
// port) that speaks the two calls WeChatSender makes, records what it was asked to deliver,
// and can be told to fail the way WeChat fails. Point WeChatConfig::apiBase at baseUrl().
//
//   GET  /cgi-bin/token?grant_type=client_credential&appid=..&secret=..
//        → {"access_token":"TOKEN<n>","expires_in":<tokenLifetime>}; wrong appid → 40013,
//          wrong secret → 40125. Only the latest token is valid: a sender that keeps using
//          an older one gets 40001, as it would once WeChat retires it.
//   POST /cgi-bin/message/custom/send?access_token=..
//        → {"errcode":0,"errmsg":"ok"} and the {touser, content} is recorded; 40001 for a
//          token that is not the latest, 45015 for a user whose window was closed
//          (closeWindowFor), 47001 for a body that is not a text message.
//   POST /cgi-bin/message/template/send?access_token=..
//        → {"errcode":0,"errmsg":"ok","msgid":<n>} and {touser, template_id, data} is
//          recorded; 40001 as above, 40037 for a template id not allowed (allowTemplate),
//          40003 for no touser, 47001 for a data that is not an object.
//
// Armed failures (expireTokenOnce, failNext...) apply to custom and template sends alike,
// whichever comes next; failNextTemplateSends only to template sends.
//
// Idempotency: a send carrying an X-Idempotency-Key header (WeChatSender sends the outbox
// row's key; real WeChat ignores it) whose key was already delivered, by either send route,
// is answered ok (errcode 0) but not delivered again; duplicateDeliveries() counts
// those. Sends without the header are all delivered.
// Thread-safe: the server answers on its own threads while the test reads and arms it.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "tests/support/LoopbackServer.hpp"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace civicdesk::testing {

class FakeWeChatApi {
 public:
  struct SentMessage {
    std::string touser;
    std::string content;
    bool operator==(const SentMessage&) const = default;
  };
  struct SentTemplate {
    std::string touser;
    std::string templateId;
    std::string data;  // the "data" object as JSON (dump()), for comparing whole
    bool operator==(const SentTemplate&) const = default;
  };

  // Starts listening before it returns; the destructor stops the server and joins its thread.
  explicit FakeWeChatApi(std::string appId = "wxfakeappid0000001",
                         std::string appSecret = "fake-app-secret");
  FakeWeChatApi(const FakeWeChatApi&) = delete;
  FakeWeChatApi& operator=(const FakeWeChatApi&) = delete;

  std::string baseUrl() const { return server_.baseUrl(); }  // "http://127.0.0.1:PORT"
  int port() const { return server_.port(); }
  const std::string& appId() const { return appId_; }
  const std::string& appSecret() const { return appSecret_; }

  // --- arming failures (each applies to the next send requests, in this order) ---
  // The next send answers 42001 (access_token expired) and retires the current token.
  void expireTokenOnce();
  // The next `count` sends answer `errcode` (e.g. 45015, -1) and deliver nothing.
  void failNextSends(int count, int errcode);
  // The next `count` sends answer HTTP `status` (e.g. 503) with no JSON.
  void failNextSendsWithHttpStatus(int count, int status);
  // expires_in of tokens issued from now on (default 7200).
  void setTokenLifetime(int seconds);
  // From now on custom sends to `openid` answer 45015, as 48 h after their last message.
  void closeWindowFor(const std::string& openid);
  // A template id the account may use (none by default).
  void allowTemplate(const std::string& templateId);
  // The next `count` template sends answer `errcode` (e.g. 43004, -1) and deliver nothing.
  void failNextTemplateSends(int count, int errcode);

  // --- observations ---
  std::vector<SentMessage> sent() const;  // delivered messages, in arrival order
  // Blocks until at least `count` messages were delivered or `timeout` passes; true if they
  // were. For tests of code that sends from another thread (the outbox).
  bool waitForSent(std::size_t count,
                   std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;
  int tokenFetches() const;  // successful GET /cgi-bin/token answers
  int sendRequests() const;  // every POST to message/custom/send, failed ones included
  std::vector<SentTemplate> sentTemplates() const;  // delivered template messages, in order
  int templateRequests() const;  // every POST to message/template/send, failed ones included
  // The X-Idempotency-Key of each delivered message, parallel to sent() ("" when none).
  std::vector<std::string> sentKeys() const;
  // Sends answered ok without delivering, because their key had been delivered before.
  int duplicateDeliveries() const;

 private:
  void installRoutes();
  // The checks both send routes make first, under mutex_: true when it answered.
  bool answeredCommonFailure(const httplib::Request& request, httplib::Response& response);
  // Under mutex_: true when the request's idempotency key was delivered before (counted).
  bool isDuplicate(const httplib::Request& request);
  // Under mutex_: remembers the request's idempotency key as delivered; returns it.
  std::string rememberKey(const httplib::Request& request);

  std::string appId_;
  std::string appSecret_;

  mutable std::mutex mutex_;
  mutable std::condition_variable sentChanged_;
  std::string currentToken_;  // empty: none issued, or retired
  int tokenFetches_ = 0;
  int tokenLifetime_ = 7200;
  int sendRequests_ = 0;
  bool expireOnce_ = false;
  int failCount_ = 0;
  int failErrcode_ = 0;
  int httpFailCount_ = 0;
  int httpFailStatus_ = 500;
  std::vector<SentMessage> sent_;
  std::set<std::string> closedWindows_;
  std::set<std::string> templates_;
  int templateFailCount_ = 0;
  int templateFailErrcode_ = 0;
  int templateRequests_ = 0;
  std::vector<SentTemplate> sentTemplates_;
  std::vector<std::string> sentKeys_;
  std::set<std::string> deliveredKeys_;
  int duplicates_ = 0;

  // Last, so it is destroyed first: the server stops before the state its routes use.
  LoopbackServer server_;
};

}  // namespace civicdesk::testing
