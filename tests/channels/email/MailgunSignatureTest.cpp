// PROTOCOLS.md §6 item 13: the §4.1 fixture and stale timestamps (replayed tokens:
// ReplayGuardTest.cpp).
#include "channels/email/MailgunSignature.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <string>

namespace civicdesk::channels::email {
namespace {

constexpr const char* kKey = "test-signing-key";
constexpr const char* kTimestamp = "1700000000";
constexpr const char* kMailgunToken = "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0";
constexpr const char* kSignature =
    "444628888cb731e10e2e6523bf8f5705cc808d03624d9658c376c21cb0cc3475";
constexpr std::int64_t kSignatureNow = 1700000000;

TEST(MailgunSignature, PublishedFixturePasses) {
  Expected<std::int64_t, MailgunSignatureError> verified =
      verifyMailgunSignature(kKey, kTimestamp, kMailgunToken, kSignature, kSignatureNow);
  ASSERT_TRUE(verified);
  EXPECT_EQ(*verified, 1700000000);
  std::string upper = kSignature;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_TRUE(verifyMailgunSignature(kKey, kTimestamp, kMailgunToken, upper, kSignatureNow));
}

TEST(MailgunSignature, AnyChangeFails) {
  EXPECT_EQ(
      verifyMailgunSignature("other-key", kTimestamp, kMailgunToken, kSignature, kSignatureNow)
          .error(),
      MailgunSignatureError::BadSignature);
  EXPECT_EQ(
      verifyMailgunSignature(kKey, "1700000001", kMailgunToken, kSignature, kSignatureNow).error(),
      MailgunSignatureError::BadSignature);
  std::string token = kMailgunToken;
  token[0] = 'b';
  EXPECT_EQ(verifyMailgunSignature(kKey, kTimestamp, token, kSignature, kSignatureNow).error(),
            MailgunSignatureError::BadSignature);
  EXPECT_EQ(verifyMailgunSignature(kKey, kTimestamp, kMailgunToken, "", kSignatureNow).error(),
            MailgunSignatureError::BadSignature);
}

TEST(MailgunSignature, TimestampMoreThanFiveMinutesAwayIsStale) {
  EXPECT_TRUE(
      verifyMailgunSignature(kKey, kTimestamp, kMailgunToken, kSignature, kSignatureNow + 300));
  EXPECT_TRUE(
      verifyMailgunSignature(kKey, kTimestamp, kMailgunToken, kSignature, kSignatureNow - 300));
  EXPECT_EQ(verifyMailgunSignature(kKey, kTimestamp, kMailgunToken, kSignature, kSignatureNow + 301)
                .error(),
            MailgunSignatureError::StaleTimestamp);
  EXPECT_EQ(verifyMailgunSignature(kKey, kTimestamp, kMailgunToken, kSignature, kSignatureNow - 301)
                .error(),
            MailgunSignatureError::StaleTimestamp);
}

}  // namespace
}  // namespace civicdesk::channels::email
