#pragma once
// A loopback stand-in for WeCom group robots (PROTOCOLS.md §2.3): a real HTTP server on
// 127.0.0.1 (ephemeral port) that accepts webhook sends for the keys it was given, records
// them, enforces WeCom's 20 messages per minute per robot, and can be told to fail. Point
// WeComRobotConfig::baseUrl at baseUrl().
//
//   POST /cgi-bin/webhook/send?key=..   Content-Type: application/json
//        → {"errcode":0,"errmsg":"ok"} and {key, msgtype, content} is recorded; in order:
//          unknown key → 93000; armed HTTP failure; armed errcode; a 21st delivery within a
//          rolling minute for the key → 45009; Content-Type not JSON, a body that is not
//          JSON, no string content, text.content > 2048 or markdown.content > 4096 bytes →
//          40058; another msgtype → 40008.
//
// Thread-safe: the server answers on its own threads while the test reads and arms it.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "tests/support/LoopbackServer.hpp"

namespace civicdesk::testing {

class FakeWeComRobot {
 public:
  using Clock = std::chrono::steady_clock;

  struct Received {
    std::string key;
    std::string msgtype;  // "text" or "markdown"
    std::string content;
    bool operator==(const Received&) const = default;
  };

  static constexpr std::size_t kLimitPerMinute = 20;

  // Starts listening before it returns; the destructor stops the server and joins its thread.
  // `now` drives the server-side rate limit: share the sender's manual clock in tests, so
  // both sides agree on when a minute has passed. It is called from the server's threads.
  explicit FakeWeComRobot(std::function<Clock::time_point()> now = &Clock::now);
  FakeWeComRobot(const FakeWeComRobot&) = delete;
  FakeWeComRobot& operator=(const FakeWeComRobot&) = delete;

  std::string baseUrl() const { return server_.baseUrl(); }  // "http://127.0.0.1:PORT"
  int port() const { return server_.port(); }
  void addKey(const std::string& key);  // a robot that exists

  // --- arming failures (each applies to the next requests for a known key) ---
  // The next `count` requests answer `errcode` (e.g. 45009) with `errmsg`, and deliver
  // nothing.
  void failNext(int count, int errcode, std::string errmsg = "failure armed by the test");
  // The next `count` requests answer HTTP `status` (e.g. 503) with no JSON.
  void failNextWithHttpStatus(int count, int status);

  // --- observations ---
  std::vector<Received> received() const;   // delivered messages, in arrival order
  std::vector<std::string> bodies() const;  // their JSON bodies as posted, to check the shape
  // Blocks until at least `count` messages were delivered or `timeout` passes; true if they
  // were.
  bool waitForReceived(std::size_t count,
                       std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;
  int requests() const;       // every POST to webhook/send, failed ones included
  int rateLimitHits() const;  // requests answered 45009 by the server-side limit

 private:
  void installRoutes();

  std::function<Clock::time_point()> now_;

  mutable std::mutex mutex_;
  mutable std::condition_variable receivedChanged_;
  std::set<std::string> keys_;
  std::map<std::string, std::deque<Clock::time_point>> deliveredAt_;  // per key, oldest first
  int requests_ = 0;
  int rateLimitHits_ = 0;
  int failCount_ = 0;
  int failErrcode_ = 0;
  std::string failErrmsg_;
  int httpFailCount_ = 0;
  int httpFailStatus_ = 500;
  std::vector<Received> received_;
  std::vector<std::string> bodies_;

  // Last, so it is destroyed first: the server stops before the state its routes use.
  LoopbackServer server_;
};

}  // namespace civicdesk::testing
