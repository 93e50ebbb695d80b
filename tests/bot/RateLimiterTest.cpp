// Per-sender token buckets, on an explicit clock.
#include "bot/RateLimiter.hpp"

#include <gtest/gtest.h>

#include <string>

namespace civicdesk::bot::test {
namespace {

using namespace std::chrono_literals;
using Clock = RateLimiter::Clock;

int admittedInARow(RateLimiter& limiter, const std::string& sender, Clock::time_point at) {
  int admitted = 0;
  while (limiter.admit(sender, at).allowed && admitted < 1000) ++admitted;
  return admitted;
}

TEST(RateLimiter, AQuietSenderMaySendABurstThenIsHeldToTheRate) {
  RateLimiter limiter({.burst = 20, .perMinute = 30});
  const auto t0 = Clock::time_point{} + 1h;
  EXPECT_EQ(admittedInARow(limiter, "wechat:oFlood", t0), 20);
  const auto refused = limiter.admit("wechat:oFlood", t0);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retryAfter, 2s);  // 30 a minute: one every two seconds
  EXPECT_FALSE(limiter.admit("wechat:oFlood", t0 + 1s).allowed);
  EXPECT_TRUE(limiter.admit("wechat:oFlood", t0 + 2s).allowed);
  // A minute later: 30 more, not the whole burst plus the minute.
  EXPECT_EQ(admittedInARow(limiter, "wechat:oFlood", t0 + 62s), 20);
}

TEST(RateLimiter, OneSendersFloodDoesNotTouchAnotherSender) {
  RateLimiter limiter({.burst = 5, .perMinute = 6});
  const auto t0 = Clock::time_point{} + 1h;
  admittedInARow(limiter, "sms:+8613800000001", t0);
  EXPECT_FALSE(limiter.admit("sms:+8613800000001", t0).allowed);
  EXPECT_TRUE(limiter.admit("sms:+8613800000002", t0).allowed);
  EXPECT_TRUE(limiter.admit("wechat:+8613800000001", t0).allowed);  // the key is per channel
}

TEST(RateLimiter, ACitizenTypingQuicklyIsNeverRefusedByTheDefaults) {
  RateLimiter limiter(RateLimiter::Limits{});
  auto t = Clock::time_point{} + 1h;
  // Ten messages in ten seconds, then one every three seconds for ten minutes.
  for (int i = 0; i < 10; ++i, t += 1s) EXPECT_TRUE(limiter.admit("wechat:oBusy", t).allowed);
  for (int i = 0; i < 200; ++i, t += 3s) EXPECT_TRUE(limiter.admit("wechat:oBusy", t).allowed);
}

TEST(RateLimiter, MemoryIsBoundedAndIdleSendersAreForgotten) {
  RateLimiter limiter({.burst = 2, .perMinute = 60, .maxSenders = 100});
  const auto t0 = Clock::time_point{} + 1h;
  for (int i = 0; i < 100; ++i) limiter.admit("wechat:o" + std::to_string(i), t0);
  EXPECT_EQ(limiter.trackedSenders(), 100u);
  // A second later every bucket has refilled: the 101st sender sweeps them all.
  EXPECT_TRUE(limiter.admit("wechat:oNew", t0 + 1s).allowed);
  EXPECT_EQ(limiter.trackedSenders(), 1u);
  // A flood of distinct senders, all still limited: the table stays at its bound.
  for (int i = 0; i < 500; ++i) {
    const std::string sender = "wechat:x" + std::to_string(i);
    limiter.admit(sender, t0 + 2s);
    limiter.admit(sender, t0 + 2s);
  }
  EXPECT_LE(limiter.trackedSenders(), 100u);
}

TEST(RateLimiter, NonsenseLimitsAreRefusedAtStartUp) {
  EXPECT_THROW(RateLimiter({.burst = 0, .perMinute = 30}), std::invalid_argument);
  EXPECT_THROW(RateLimiter({.burst = 5, .perMinute = 0}), std::invalid_argument);
}

}  // namespace
}  // namespace civicdesk::bot::test
