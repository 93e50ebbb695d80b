#pragma once
// Unit-group notices (reminders, overdue escalations) through a WeCom group robot webhook
// (群机器人, PROTOCOLS.md §2.3). Each unit's group has its own robot, and the robot KEY is the
// recipient: send(key, reply). The key is the only credential, so it never appears in an
// error message; at most its last 4 characters do. Safe to call from several threads.
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "channels/ChannelSender.hpp"
#include "channels/HttpEndpoint.hpp"

namespace civicdesk::channels {

struct WeComRobotConfig {
  std::string baseUrl = "https://qyapi.weixin.qq.com";  // scheme://host[:port][/prefix]
  int maxPerMinute = 20;  // WeCom's own limit per robot (§2.3); lower it to leave headroom
};

class WeComRobotSender final : public ChannelSender {
 public:
  using Clock = std::chrono::steady_clock;

  static constexpr std::chrono::seconds kConnectTimeout{5};
  static constexpr std::chrono::seconds kReadTimeout{10};
  static constexpr std::chrono::seconds kWindow{60};
  static constexpr std::size_t kMarkdownMaxBytes = 4096;  // markdown.content (§2.3)
  static constexpr std::size_t kTextMaxBytes = 2048;      // text.content (§2.3)

  // Throws std::invalid_argument for a baseUrl that is not http(s)://host[:port][/prefix] or
  // a maxPerMinute below 1. `now` drives the rate limit (a manual clock in tests).
  explicit WeComRobotSender(WeComRobotConfig config = {},
                            std::function<Clock::time_point()> now = &Clock::now);

  std::string_view name() const override { return "wecom-robot"; }

  // Posts reply.text to the robot `key`: as markdown when it fits 4096 bytes, else as text
  // cut to 2048 bytes. Ok → "" (the webhook gives no message id). Errors: rate_limited (this
  // key's quota for the rolling minute is used up; the server was not called), network, HTTP
  // errors and 45009 are retryable; 93000 (bad key), 40008/40058 (bad message) and any other
  // errcode are not.
  Expected<std::string, SendError> send(const std::string& key, const Reply& reply) override;

  // The JSON body send() posts for `text` (exposed for tests and for previewing a notice).
  static std::string renderBody(std::string_view text);

 private:
  // Takes one slot of `key`'s rolling window, or says how long until one frees up.
  std::chrono::seconds reserveSlot(const std::string& key);

  WeComRobotConfig config_;
  HttpEndpoint endpoint_;
  std::function<Clock::time_point()> now_;

  std::mutex mutex_;
  std::map<std::string, std::deque<Clock::time_point>> sentAt_;  // per key, oldest first
};

}  // namespace civicdesk::channels
