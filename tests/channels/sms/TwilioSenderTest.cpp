// TwilioSender against a loopback Messages.json (FakeTwilioApi): the request shape, one
// message per SMS part, which failures the outbox should retry, and resuming a reply whose
// later part failed without sending the earlier parts again.
#include "channels/sms/TwilioSender.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>

#include "channels/sms/SmsText.hpp"
#include "tests/support/FakeTwilioApi.hpp"

namespace civicdesk::channels {
namespace {

using civicdesk::testing::FakeTwilioApi;
using Clock = TwilioSender::Clock;

constexpr const char* kTwilioCitizen = "+8613800138000";

struct ManualClock {
  std::atomic<Clock::rep> ticks{0};
  void advance(Clock::duration by) { ticks += by.count(); }
  std::function<Clock::time_point()> fn() {
    return [this] { return Clock::time_point(Clock::duration(ticks.load())); };
  }
};

TwilioConfig configFor(const FakeTwilioApi& api) {
  TwilioConfig config;
  config.accountSid = api.accountSid();
  config.authToken = api.authToken();
  config.fromNumber = "+15005550006";
  config.apiBase = api.baseUrl();
  config.statusCallbackUrl = "https://desk.example.gov.cn/sms/twilio/status";
  return config;
}

std::string threePartText() {
  std::string text;
  for (const char* sentence : {"第一部分", "第二部分", "第三部分"}) {
    for (int i = 0; i < 15; ++i) text += sentence;  // 60 characters
    text += "。";
  }
  return text;
}

TEST(TwilioSender, SendsOneMessageWithEveryField) {
  FakeTwilioApi api;
  TwilioSender sender(configFor(api));
  EXPECT_EQ(sender.name(), "sms");
  auto sid = sender.send(kTwilioCitizen, Reply{"您的投诉已登记，编号 TS-2026-000001。"});
  ASSERT_TRUE(sid) << sid.error().message;
  EXPECT_EQ(*sid, "SM00000000000000000000000000000001");
  ASSERT_EQ(api.messages().size(), 1u);
  EXPECT_EQ(
      api.messages()[0],
      (FakeTwilioApi::Message{
          kTwilioCitizen, "+15005550006", "您的投诉已登记，编号 TS-2026-000001。",
          "https://desk.example.gov.cn/sms/twilio/status", "SM00000000000000000000000000000001"}));
}

TEST(TwilioSender, NoStatusCallbackWhenNotConfigured) {
  FakeTwilioApi api;
  TwilioConfig config = configFor(api);
  config.statusCallbackUrl.clear();
  TwilioSender sender(config);
  ASSERT_TRUE(sender.send(kTwilioCitizen, Reply{"好"}));
  EXPECT_EQ(api.messages()[0].statusCallback, "");
  EXPECT_EQ(sender.renderBody(kTwilioCitizen, "a b&c"),
            "To=%2B8613800138000&From=%2B15005550006&Body=a%20b%26c");
}

TEST(TwilioSender, LongReplyGoesOutAsNumberedPartsInOrder) {
  FakeTwilioApi api;
  TwilioSender sender(configFor(api));
  const std::string text = threePartText();
  auto sids = sender.send(kTwilioCitizen, Reply{text});
  ASSERT_TRUE(sids) << sids.error().message;
  EXPECT_EQ(*sids,
            "SM00000000000000000000000000000001,SM00000000000000000000000000000002,"
            "SM00000000000000000000000000000003");
  const auto messages = api.messages();
  const auto parts = splitForSms(text);
  ASSERT_EQ(messages.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(messages[i].body, parts[i]);
  EXPECT_EQ(messages[0].body.rfind("(1/3)", 0), 0u);
}

TEST(TwilioSender, WrongCredentialsAreRetryable) {
  FakeTwilioApi api;
  TwilioConfig config = configFor(api);
  config.authToken = "rotated";
  auto sid = TwilioSender(config).send(kTwilioCitizen, Reply{"x"});
  ASSERT_FALSE(sid);
  EXPECT_TRUE(sid.error().retryable);
  EXPECT_EQ(sid.error().code, "20003");
  EXPECT_EQ(sid.error().message.find("rotated"), std::string::npos);
}

TEST(TwilioSender, InvalidNumberIsFinal) {
  FakeTwilioApi api;
  api.failNext(1, FakeTwilioApi::invalidTo());
  auto sid = TwilioSender(configFor(api)).send("+86123", Reply{"x"});
  ASSERT_FALSE(sid);
  EXPECT_FALSE(sid.error().retryable);
  EXPECT_EQ(sid.error().code, "21211");
  EXPECT_NE(sid.error().message.find("Invalid 'To' Phone Number"), std::string::npos);
}

TEST(TwilioSender, UnsubscribedIsFinal) {
  FakeTwilioApi api;
  api.failNext(1, FakeTwilioApi::unsubscribed());
  auto sid = TwilioSender(configFor(api)).send(kTwilioCitizen, Reply{"x"});
  ASSERT_FALSE(sid);
  EXPECT_FALSE(sid.error().retryable);
  EXPECT_EQ(sid.error().code, "21610");
}

TEST(TwilioSender, RateLimitCarriesRetryAfter) {
  FakeTwilioApi api;
  api.failNext(1, FakeTwilioApi::rateLimited(17));
  TwilioSender sender(configFor(api));
  auto sid = sender.send(kTwilioCitizen, Reply{"x"});
  ASSERT_FALSE(sid);
  EXPECT_TRUE(sid.error().retryable);
  EXPECT_EQ(sid.error().code, "20429");
  EXPECT_EQ(sid.error().retryAfterSeconds, 17);
  EXPECT_TRUE(sender.send(kTwilioCitizen, Reply{"x"}));
}

TEST(TwilioSender, ServerErrorWithoutJsonIsRetryable) {
  FakeTwilioApi api;
  api.failNext(1, FakeTwilioApi::serverError(503));
  auto sid = TwilioSender(configFor(api)).send(kTwilioCitizen, Reply{"x"});
  ASSERT_FALSE(sid);
  EXPECT_TRUE(sid.error().retryable);
  EXPECT_EQ(sid.error().code, "http-503");
  EXPECT_EQ(sid.error().retryAfterSeconds, 0);
}

TEST(TwilioSender, NetworkFailureIsRetryable) {
  std::string deadBase;
  {
    FakeTwilioApi gone;
    deadBase = gone.baseUrl();
  }
  FakeTwilioApi api;
  TwilioConfig config = configFor(api);
  config.apiBase = deadBase;
  auto sid = TwilioSender(config).send(kTwilioCitizen, Reply{"x"});
  ASSERT_FALSE(sid);
  EXPECT_TRUE(sid.error().retryable);
  EXPECT_EQ(sid.error().code, "network");
}

TEST(TwilioSender, RetryAfterPartialFailureSendsOnlyMissingParts) {
  FakeTwilioApi api;
  api.failNext(1, FakeTwilioApi::serverError(500), /*after=*/1);
  TwilioSender sender(configFor(api));
  const std::string text = threePartText();

  auto first = sender.send(kTwilioCitizen, Reply{text});
  ASSERT_FALSE(first);
  EXPECT_TRUE(first.error().retryable);
  EXPECT_NE(first.error().message.find("parts 1-1 of 3 sent (SM00000000000000000000000000000001)"),
            std::string::npos)
      << first.error().message;
  ASSERT_EQ(api.messages().size(), 1u);

  auto retry = sender.send(kTwilioCitizen, Reply{text});
  ASSERT_TRUE(retry) << retry.error().message;
  EXPECT_EQ(*retry,
            "SM00000000000000000000000000000001,SM00000000000000000000000000000002,"
            "SM00000000000000000000000000000003");
  const auto messages = api.messages();
  ASSERT_EQ(messages.size(), 3u);  // part 1 once, not twice
  EXPECT_EQ(messages[0].body.rfind("(1/3)", 0), 0u);
  EXPECT_EQ(messages[1].body.rfind("(2/3)", 0), 0u);
  EXPECT_EQ(messages[2].body.rfind("(3/3)", 0), 0u);

  // Completed: the same reply again (another outbox row) is sent whole.
  ASSERT_TRUE(sender.send(kTwilioCitizen, Reply{text}));
  EXPECT_EQ(api.messages().size(), 6u);
}

TEST(TwilioSender, ResumeMemoryIsPerRecipientAndExpires) {
  FakeTwilioApi api;
  ManualClock clock;
  TwilioSender sender(configFor(api), clock.fn());
  const std::string text = threePartText();
  api.failNext(1, FakeTwilioApi::serverError(500), /*after=*/2);
  ASSERT_FALSE(sender.send(kTwilioCitizen, Reply{text}));
  EXPECT_EQ(api.messages().size(), 2u);

  // Another citizen, same text: nothing of the first send is reused.
  ASSERT_TRUE(sender.send("+8613900139000", Reply{text}));
  EXPECT_EQ(api.messages().size(), 5u);

  // Past kResumeKeep the memory is gone: a late retry sends every part again.
  clock.advance(TwilioSender::kResumeKeep);
  ASSERT_TRUE(sender.send(kTwilioCitizen, Reply{text}));
  EXPECT_EQ(api.messages().size(), 8u);
}

TEST(TwilioSender, FinalRefusalAfterPartialSendNamesTheSentParts) {
  FakeTwilioApi api;
  api.failNext(1, FakeTwilioApi::unsubscribed(), /*after=*/2);
  TwilioSender sender(configFor(api));
  auto sids = sender.send(kTwilioCitizen, Reply{threePartText()});
  ASSERT_FALSE(sids);
  EXPECT_FALSE(sids.error().retryable);
  EXPECT_EQ(sids.error().code, "21610");
  EXPECT_NE(sids.error().message.find("parts 1-2 of 3 sent (SM00000000000000000000000000000001,"
                                      "SM00000000000000000000000000000002); part 3 refused"),
            std::string::npos)
      << sids.error().message;
}

TEST(TwilioSender, NothingToSendIsFinal) {
  FakeTwilioApi api;
  TwilioSender sender(configFor(api));
  EXPECT_EQ(sender.send("", Reply{"x"}).error().code, "no-recipient");
  EXPECT_EQ(sender.send(kTwilioCitizen, Reply{""}).error().code, "empty-text");
  EXPECT_FALSE(sender.send(kTwilioCitizen, Reply{""}).error().retryable);
  EXPECT_EQ(api.requests(), 0);
}

TEST(TwilioSender, BadConfigurationThrows) {
  FakeTwilioApi api;
  for (auto breakIt : std::vector<std::function<void(TwilioConfig&)>>{
           [](TwilioConfig& c) { c.accountSid.clear(); },
           [](TwilioConfig& c) { c.authToken.clear(); },
           [](TwilioConfig& c) { c.fromNumber.clear(); },
           [](TwilioConfig& c) { c.apiBase = "ftp://api.twilio.com"; },
           [](TwilioConfig& c) { c.statusCallbackUrl = "desk.example.gov.cn/status"; }}) {
    TwilioConfig config = configFor(api);
    breakIt(config);
    EXPECT_THROW(TwilioSender{config}, std::invalid_argument);
  }
}

}  // namespace
}  // namespace civicdesk::channels
