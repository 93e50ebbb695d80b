#pragma once
// A loopback stand-in for api.twilio.com's Messages resource (PROTOCOLS.md §3.3): a real
// HTTP server on 127.0.0.1 (ephemeral port) that accepts message creations for one account,
// records them, and can be told to fail the way Twilio fails. Point TwilioConfig::apiBase at
// baseUrl().
//
//   POST /2010-04-01/Accounts/{AccountSid}/Messages.json
//        form To, From, Body, StatusCallback?; HTTP Basic AccountSid:AuthToken
//        → 201 {"sid":"SM<32 hex>","status":"queued",...} and {to, from, body,
//          statusCallback} is recorded. In order: wrong or missing credentials, or another
//          account in the path → 401 code 20003; an armed failure; no To → 400 code 21604;
//          no Body → 400 code 21602.
//
// Thread-safe: the server answers on its own threads while the test reads and arms it.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

#include "tests/support/LoopbackServer.hpp"

namespace civicdesk::testing {

class FakeTwilioApi {
 public:
  struct Message {
    std::string to;
    std::string from;
    std::string body;
    std::string statusCallback;  // "" when the request had none
    std::string sid;             // the sid answered
    bool operator==(const Message&) const = default;
  };

  // How an armed request fails.
  struct Failure {
    int httpStatus = 500;
    int twilioCode = 0;  // 0: a plain-text body, no Twilio error JSON
    std::string message = "failure armed by the test";
    int retryAfterSeconds = 0;  // > 0: a Retry-After header
  };
  static Failure invalidTo() { return {400, 21211, "Invalid 'To' Phone Number", 0}; }
  static Failure unsubscribed() {
    return {400, 21610, "Attempt to send to unsubscribed recipient", 0};
  }
  static Failure rateLimited(int retryAfterSeconds) {
    return {429, 20429, "Too Many Requests", retryAfterSeconds};
  }
  static Failure serverError(int status = 503) { return {status, 0, "upstream failure", 0}; }

  // Starts listening before it returns; the destructor stops the server and joins its thread.
  explicit FakeTwilioApi(std::string accountSid = "AC00000000000000000000000000000001",
                         std::string authToken = "fake-auth-token");
  FakeTwilioApi(const FakeTwilioApi&) = delete;
  FakeTwilioApi& operator=(const FakeTwilioApi&) = delete;

  std::string baseUrl() const { return server_.baseUrl(); }  // "http://127.0.0.1:PORT"
  int port() const { return server_.port(); }
  const std::string& accountSid() const { return accountSid_; }
  const std::string& authToken() const { return authToken_; }

  // --- arming failures ---
  // The next `count` authenticated requests, after `after` more that succeed, fail as
  // `failure` and create nothing. Arming again replaces what is left of the last arming.
  void failNext(int count, Failure failure, int after = 0);

  // --- observations ---
  std::vector<Message> messages() const;  // created messages, in arrival order
  // Blocks until at least `count` messages were created or `timeout` passes; true if they
  // were. For tests of code that sends from another thread (the outbox).
  bool waitForMessages(std::size_t count,
                       std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;
  int requests() const;  // every POST to Messages.json, failed ones included

 private:
  void installRoutes();

  std::string accountSid_;
  std::string authToken_;

  mutable std::mutex mutex_;
  mutable std::condition_variable messagesChanged_;
  int requests_ = 0;
  int failAfter_ = 0;
  int failCount_ = 0;
  Failure failure_;
  std::vector<Message> messages_;

  // Last, so it is destroyed first: the server stops before the state its routes use.
  LoopbackServer server_;
};

}  // namespace civicdesk::testing
