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

constexpr std::int64_t kGuardNow = 1700000000;

TEST(ReplayGuard, ReplayedTokenRefused) {
  ReplayGuard guard;
  EXPECT_TRUE(guard.firstUse("token", kGuardNow, kGuardNow));
  EXPECT_FALSE(guard.firstUse("token", kGuardNow, kGuardNow + 10));
  EXPECT_TRUE(guard.firstUse("another-token", kGuardNow, kGuardNow + 10));
}

TEST(ReplayGuard, ForgetsTokensOlderThanTheWindow) {
  ReplayGuard guard(300);
  EXPECT_TRUE(guard.firstUse("t1", kGuardNow, kGuardNow));
  EXPECT_TRUE(guard.firstUse("t2", kGuardNow + 200, kGuardNow + 200));
  EXPECT_EQ(guard.size(), 2u);
  EXPECT_TRUE(
      guard.firstUse("t3", kGuardNow + 301, kGuardNow + 301));  // t1 is now stale: forgotten
  EXPECT_EQ(guard.size(), 2u);
}

TEST(ReplayGuard, HardCapForgetsTheOldestFirst) {
  ReplayGuard guard(300, 2);
  EXPECT_TRUE(guard.firstUse("a", kGuardNow, kGuardNow));
  EXPECT_TRUE(guard.firstUse("b", kGuardNow + 1, kGuardNow + 1));
  EXPECT_TRUE(guard.firstUse("c", kGuardNow + 2, kGuardNow + 2));
  EXPECT_EQ(guard.size(), 2u);
  EXPECT_FALSE(guard.firstUse("c", kGuardNow + 2, kGuardNow + 3));
  EXPECT_TRUE(guard.firstUse("a", kGuardNow, kGuardNow + 3));  // "a" was forgotten to make room
}

TEST(ReplayGuard, ConcurrentUsesOfOneTokenAcceptOnlyOne) {
  ReplayGuard guard;
  std::atomic<int> accepted{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 200; ++j) {
        if (guard.firstUse("token-" + std::to_string(j), kGuardNow, kGuardNow)) ++accepted;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(accepted.load(), 200);
}

TEST(ReplayGuard, SameTokenWithSameFingerprintIsThePlatformsRetry) {
  ReplayGuard guard;
  EXPECT_TRUE(guard.firstUse("1795744800:42", kGuardNow, kGuardNow, "digest-of-body-1"));
  EXPECT_TRUE(guard.firstUse("1795744800:42", kGuardNow, kGuardNow + 5, "digest-of-body-1"));
  EXPECT_EQ(guard.size(), 1u);
}

TEST(ReplayGuard, SameTokenWithAnotherFingerprintIsRefused) {
  ReplayGuard guard;
  EXPECT_TRUE(guard.firstUse("1795744800:42", kGuardNow, kGuardNow, "digest-of-body-1"));
  EXPECT_FALSE(guard.firstUse("1795744800:42", kGuardNow, kGuardNow + 5, "digest-of-body-2"));
  // ...and the first body stays the only one accepted for that token.
  EXPECT_TRUE(guard.firstUse("1795744800:42", kGuardNow, kGuardNow + 6, "digest-of-body-1"));
}

TEST(ReplayGuard, WithoutFingerprintATokenIsSingleUse) {
  ReplayGuard guard;
  EXPECT_TRUE(guard.firstUse("token", kGuardNow, kGuardNow));
  EXPECT_FALSE(guard.firstUse("token", kGuardNow, kGuardNow, "any"));
  EXPECT_TRUE(guard.firstUse("fp-token", kGuardNow, kGuardNow, "digest"));
  EXPECT_FALSE(guard.firstUse("fp-token", kGuardNow, kGuardNow));
}

}  // namespace
}  // namespace civicdesk::channels
