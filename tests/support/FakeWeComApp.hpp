#pragma once
// A loopback stand-in for the WeCom application-message API (PROTOCOLS.md §2.1-2.2): a real
// HTTP server on 127.0.0.1 (ephemeral port). Point WeComAppConfig::baseUrl at baseUrl().
//
//   GET  /cgi-bin/gettoken?corpid=..&corpsecret=..
//        → {"errcode":0,"access_token":"WCTOKEN<n>","expires_in":<tokenLifetime>}; wrong
//          corpid → 40013, wrong secret → 40001. Only the latest token is valid.
//   POST /cgi-bin/message/send?access_token=..
//        in order: a token not the latest → 40014; expireTokenOnce → 42001 (and retires
//        the token); armed HTTP failure; armed errcode; a body not a JSON object → 40058;
//        agentid not this app's → 40056; msgtype not text/markdown/textcard → 40008; every
//        recipient invalid (markInvalidUser) or none given → 81013 with invaliduser;
//        else {"errcode":0,"errmsg":"ok","invaliduser":"..","msgid":"msg<n>"} and the
//        message is recorded. Invalid users come back lowercased, as WeCom answers them.
//
// Thread-safe: the server answers on its own threads while the test reads and arms it.
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "tests/support/LoopbackServer.hpp"

namespace civicdesk::testing {

class FakeWeComApp {
 public:
  struct Received {
    std::string touser;   // as posted, "" when absent
    std::string toparty;  // as posted, "" when absent
    std::string msgtype;
    std::string content;  // text/markdown content, textcard description
    long agentid = 0;
    bool operator==(const Received&) const = default;
  };

  // Starts listening before it returns; the destructor stops the server.
  explicit FakeWeComApp(std::string corpId = "wwfakecorp0000001",
                        std::string corpSecret = "fake-wecom-app-secret", long agentId = 1000002);
  FakeWeComApp(const FakeWeComApp&) = delete;
  FakeWeComApp& operator=(const FakeWeComApp&) = delete;

  std::string baseUrl() const { return server_.baseUrl(); }
  const std::string& corpId() const { return corpId_; }
  const std::string& corpSecret() const { return corpSecret_; }
  long agentId() const { return agentId_; }

  // --- arming ---
  void markInvalidUser(const std::string& userId);  // not in the corp (matched ignoring case)
  void expireTokenOnce();  // the next send answers 42001 and retires the current token
  // The next `count` sends answer `errcode` (e.g. -1, 45009) and deliver nothing.
  void failNextSends(int count, int errcode);
  // The next `count` sends answer HTTP `status` with no JSON.
  void failNextSendsWithHttpStatus(int count, int status);
  void setTokenLifetime(int seconds);  // expires_in of tokens issued from now on

  // --- observations ---
  std::vector<Received> received() const;   // delivered messages, in order
  std::vector<std::string> bodies() const;  // their JSON bodies as posted
  int tokenFetches() const;                 // successful gettoken answers
  int sendRequests() const;                 // every POST to message/send

 private:
  void installRoutes();

  std::string corpId_;
  std::string corpSecret_;
  long agentId_;

  mutable std::mutex mutex_;
  std::set<std::string> invalidUsers_;  // lowercased
  std::string currentToken_;
  int tokenFetches_ = 0;
  int tokenLifetime_ = 7200;
  int sendRequests_ = 0;
  bool expireOnce_ = false;
  int failCount_ = 0;
  int failErrcode_ = 0;
  int httpFailCount_ = 0;
  int httpFailStatus_ = 500;
  std::vector<Received> received_;
  std::vector<std::string> bodies_;

  // Last, so it is destroyed first: the server stops before the state its routes use.
  LoopbackServer server_;
};

}  // namespace civicdesk::testing
