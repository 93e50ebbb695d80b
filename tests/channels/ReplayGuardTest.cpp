// PROTOCOLS.md §6 item 13 (Mailgun tokens) and the WeChat plaintext query: a signed value is
// accepted once per window; a platform retry of the very same request passes again.
#include "channels/ReplayGuard.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace civicdesk::channels {
namespace {

constexpr std::int64_t kNow = 1700000000;

TEST(ReplayGuard, ReplayedTokenRefused) {
  ReplayGuard guard;
  EXPECT_TRUE(guard.firstUse("token", kNow, kNow));
  EXPECT_FALSE(guard.firstUse("token", kNow, kNow + 10));
  EXPECT_TRUE(guard.firstUse("another-token", kNow, kNow + 10));
}

TEST(ReplayGuard, ForgetsTokensOlderThanTheWindow) {
  ReplayGuard guard(300);
  EXPECT_TRUE(guard.firstUse("t1", kNow, kNow));
  EXPECT_TRUE(guard.firstUse("t2", kNow + 200, kNow + 200));
  EXPECT_EQ(guard.size(), 2u);
  EXPECT_TRUE(guard.firstUse("t3", kNow + 301, kNow + 301));  // t1 is now stale: forgotten
  EXPECT_EQ(guard.size(), 2u);
}

TEST(ReplayGuard, HardCapForgetsTheOldestFirst) {
  ReplayGuard guard(300, 2);
  EXPECT_TRUE(guard.firstUse("a", kNow, kNow));
  EXPECT_TRUE(guard.firstUse("b", kNow + 1, kNow + 1));
  EXPECT_TRUE(guard.firstUse("c", kNow + 2, kNow + 2));
  EXPECT_EQ(guard.size(), 2u);
  EXPECT_FALSE(guard.firstUse("c", kNow + 2, kNow + 3));
  EXPECT_TRUE(guard.firstUse("a", kNow, kNow + 3));  // "a" was forgotten to make room
}

TEST(ReplayGuard, ConcurrentUsesOfOneTokenAcceptOnlyOne) {
  ReplayGuard guard;
  std::atomic<int> accepted{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 200; ++j) {
        if (guard.firstUse("token-" + std::to_string(j), kNow, kNow)) ++accepted;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(accepted.load(), 200);
}

TEST(ReplayGuard, SameTokenWithSameFingerprintIsThePlatformsRetry) {
  ReplayGuard guard;
  EXPECT_TRUE(guard.firstUse("1795744800:42", kNow, kNow, "digest-of-body-1"));
  EXPECT_TRUE(guard.firstUse("1795744800:42", kNow, kNow + 5, "digest-of-body-1"));
  EXPECT_EQ(guard.size(), 1u);
}

TEST(ReplayGuard, SameTokenWithAnotherFingerprintIsRefused) {
  ReplayGuard guard;
  EXPECT_TRUE(guard.firstUse("1795744800:42", kNow, kNow, "digest-of-body-1"));
  EXPECT_FALSE(guard.firstUse("1795744800:42", kNow, kNow + 5, "digest-of-body-2"));
  // ...and the first body stays the only one accepted for that token.
  EXPECT_TRUE(guard.firstUse("1795744800:42", kNow, kNow + 6, "digest-of-body-1"));
}

TEST(ReplayGuard, WithoutFingerprintATokenIsSingleUse) {
  ReplayGuard guard;
  EXPECT_TRUE(guard.firstUse("token", kNow, kNow));
  EXPECT_FALSE(guard.firstUse("token", kNow, kNow, "any"));
  EXPECT_TRUE(guard.firstUse("fp-token", kNow, kNow, "digest"));
  EXPECT_FALSE(guard.firstUse("fp-token", kNow, kNow));
}

}  // namespace
}  // namespace civicdesk::channels
