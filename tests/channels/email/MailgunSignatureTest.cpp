// PROTOCOLS.md §6 item 13: the §4.1 fixture, stale timestamps and replayed tokens.
#include "channels/email/MailgunSignature.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cctype>
#include <string>
#include <thread>
#include <vector>

#include "channels/email/ReplayGuard.hpp"

namespace civicdesk::channels::email {
namespace {

constexpr const char* kKey = "test-signing-key";
constexpr const char* kTimestamp = "1700000000";
constexpr const char* kToken = "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0";
constexpr const char* kSignature =
    "444628888cb731e10e2e6523bf8f5705cc808d03624d9658c376c21cb0cc3475";
constexpr std::int64_t kNow = 1700000000;

TEST(MailgunSignature, PublishedFixturePasses) {
  Expected<std::int64_t, MailgunSignatureError> verified =
      verifyMailgunSignature(kKey, kTimestamp, kToken, kSignature, kNow);
  ASSERT_TRUE(verified);
  EXPECT_EQ(*verified, 1700000000);
  std::string upper = kSignature;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_TRUE(verifyMailgunSignature(kKey, kTimestamp, kToken, upper, kNow));
}

TEST(MailgunSignature, AnyChangeFails) {
  EXPECT_EQ(verifyMailgunSignature("other-key", kTimestamp, kToken, kSignature, kNow).error(),
            MailgunSignatureError::BadSignature);
  EXPECT_EQ(verifyMailgunSignature(kKey, "1700000001", kToken, kSignature, kNow).error(),
            MailgunSignatureError::BadSignature);
  std::string token = kToken;
  token[0] = 'b';
  EXPECT_EQ(verifyMailgunSignature(kKey, kTimestamp, token, kSignature, kNow).error(),
            MailgunSignatureError::BadSignature);
  EXPECT_EQ(verifyMailgunSignature(kKey, kTimestamp, kToken, "", kNow).error(),
            MailgunSignatureError::BadSignature);
}

TEST(MailgunSignature, TimestampMoreThanFiveMinutesAwayIsStale) {
  EXPECT_TRUE(verifyMailgunSignature(kKey, kTimestamp, kToken, kSignature, kNow + 300));
  EXPECT_TRUE(verifyMailgunSignature(kKey, kTimestamp, kToken, kSignature, kNow - 300));
  EXPECT_EQ(verifyMailgunSignature(kKey, kTimestamp, kToken, kSignature, kNow + 301).error(),
            MailgunSignatureError::StaleTimestamp);
  EXPECT_EQ(verifyMailgunSignature(kKey, kTimestamp, kToken, kSignature, kNow - 301).error(),
            MailgunSignatureError::StaleTimestamp);
}

TEST(MailgunReplayGuard, ReplayedTokenRefused) {
  ReplayGuard guard;
  EXPECT_TRUE(guard.firstUse(kToken, kNow, kNow));
  EXPECT_FALSE(guard.firstUse(kToken, kNow, kNow + 10));
  EXPECT_TRUE(guard.firstUse("another-token", kNow, kNow + 10));
}

TEST(MailgunReplayGuard, ForgetsTokensOlderThanTheWindow) {
  ReplayGuard guard(300);
  EXPECT_TRUE(guard.firstUse("t1", kNow, kNow));
  EXPECT_TRUE(guard.firstUse("t2", kNow + 200, kNow + 200));
  EXPECT_EQ(guard.size(), 2u);
  EXPECT_TRUE(guard.firstUse("t3", kNow + 301, kNow + 301));  // t1 is now stale: forgotten
  EXPECT_EQ(guard.size(), 2u);
}

TEST(MailgunReplayGuard, HardCapForgetsTheOldestFirst) {
  ReplayGuard guard(300, 2);
  EXPECT_TRUE(guard.firstUse("a", kNow, kNow));
  EXPECT_TRUE(guard.firstUse("b", kNow + 1, kNow + 1));
  EXPECT_TRUE(guard.firstUse("c", kNow + 2, kNow + 2));
  EXPECT_EQ(guard.size(), 2u);
  EXPECT_FALSE(guard.firstUse("c", kNow + 2, kNow + 3));
}

TEST(MailgunReplayGuard, ConcurrentUsesOfOneTokenAcceptOnlyOne) {
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

}  // namespace
}  // namespace civicdesk::channels::email
