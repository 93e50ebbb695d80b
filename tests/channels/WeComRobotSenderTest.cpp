// WeComRobotSender against a loopback WeCom robot (FakeWeComRobot): the §2.3 message shape,
// the markdown → text fallback, the client-side 20/min limit, and which failures the outbox
// should retry. Sender and fake share one manual clock, so "a minute later" is instant.
#include "channels/wecom/WeComRobotSender.hpp"

#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/FakeWeComRobot.hpp"
#include "tests/support/ManualClock.hpp"
#include "tests/support/Utf8Check.hpp"

namespace civicdesk::channels {
namespace {

using civicdesk::testing::ManualClock;

using civicdesk::testing::FakeWeComRobot;
using nlohmann::json;
using Received = FakeWeComRobot::Received;
using Clock = WeComRobotSender::Clock;

constexpr const char* kKeyA = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";
constexpr const char* kKeyB = "5b7c2d10-1e2f-4a3b-8c4d-9e0f1a2b3c4d";
const std::string kEllipsis = "\xE2\x80\xA6";

// Read by the server's threads too, hence atomic.
class WeComRobotTest : public ::testing::Test {
 protected:
  WeComRobotTest() {
    robot.addKey(kKeyA);
    robot.addKey(kKeyB);
  }
  WeComRobotConfig config() const { return WeComRobotConfig{robot.baseUrl(), 20}; }

  // Every error of every test passes through here: the key must never be in the message.
  SendError failure(WeComRobotSender& sender, const std::string& key, const std::string& text) {
    auto sent = sender.send(key, Reply{text});
    EXPECT_FALSE(sent.has_value());
    if (sent.has_value()) return {};
    if (!key.empty()) {
      EXPECT_EQ(sent.error().message.find(key), std::string::npos) << sent.error().message;
      EXPECT_EQ(sent.error().code.find(key), std::string::npos) << sent.error().code;
    }
    return sent.error();
  }

  ManualClock clock;  // declared first: the fake's threads read it until the fake is gone
  FakeWeComRobot robot{clock.fn()};
};

TEST_F(WeComRobotTest, SendsMarkdownWithTheFieldNamesOfTheProtocol) {
  WeComRobotSender sender(config(), clock.fn());
  EXPECT_EQ(sender.name(), "wecom-robot");
  const std::string text = "**逾期提醒**\n<font color=\"warning\">A-17</font> 明日到期";
  auto sent = sender.send(kKeyA, Reply{text});
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  EXPECT_EQ(*sent, "");  // the webhook gives no message id
  EXPECT_EQ(robot.received(), (std::vector<Received>{{kKeyA, "markdown", text}}));
  ASSERT_EQ(robot.bodies().size(), 1u);
  EXPECT_EQ(json::parse(robot.bodies()[0]),
            (json{{"msgtype", "markdown"}, {"markdown", {{"content", text}}}}));
}

TEST_F(WeComRobotTest, MarkdownUpTo4096BytesThenText) {
  WeComRobotSender sender(config(), clock.fn());
  ASSERT_TRUE(sender.send(kKeyA, Reply{std::string(4096, 'x')}));
  ASSERT_TRUE(sender.send(kKeyA, Reply{std::string(4097, 'x')}));
  const auto got = robot.received();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].msgtype, "markdown");
  EXPECT_EQ(got[0].content.size(), 4096u);
  EXPECT_EQ(got[1].msgtype, "text");
  EXPECT_EQ(got[1].content, std::string(2045, 'x') + kEllipsis);
  EXPECT_EQ(json::parse(robot.bodies()[1]).at("text").size(), 1u);  // just {content}
}

TEST_F(WeComRobotTest, LongTextIsCutAtACharacterBoundary) {
  WeComRobotSender sender(config(), clock.fn());
  // 办 is 3 bytes: 2045 = 3 * 681 + 2, so a byte cut would split a character.
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "办";  // 6000 bytes
  auto sent = sender.send(kKeyA, Reply{text});
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  const auto got = robot.received();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].msgtype, "text");
  EXPECT_LE(got[0].content.size(), 2048u);
  EXPECT_TRUE(civicdesk::testing::isWellFormedUtf8(got[0].content));
  EXPECT_EQ(got[0].content.size(), 3u * 681 + kEllipsis.size());
  EXPECT_EQ(got[0].content.substr(0, 3 * 681), text.substr(0, 3 * 681));
}

TEST(WeComRobotBody, EveryAlignmentOfEveryCharacterWidthCutsCleanly) {
  for (const std::string wide : {"é", "办", "😀"}) {
    for (std::size_t pad = 0; pad < 4; ++pad) {
      std::string text(pad, 'a');
      while (text.size() <= 4096) text += wide;
      const json body = json::parse(WeComRobotSender::renderBody(text));
      const std::string content = body.at("text").at("content");
      SCOPED_TRACE(wide + " pad " + std::to_string(pad));
      EXPECT_LE(content.size(), 2048u);
      EXPECT_GT(content.size(), 2048u - 4 - kEllipsis.size());  // lost at most one character
      EXPECT_TRUE(civicdesk::testing::isWellFormedUtf8(content));
      const std::string kept = content.substr(0, content.size() - kEllipsis.size());
      EXPECT_EQ(content.substr(kept.size()), kEllipsis);
      EXPECT_EQ(text.compare(0, kept.size(), kept), 0);
    }
  }
}

TEST(WeComRobotBody, InvalidUtf8IsReplacedBeforeMeasuring) {
  // 2048 stray continuation bytes: each becomes U+FFFD (3 bytes), 6144 in all → text.
  const json big = json::parse(WeComRobotSender::renderBody(std::string(2048, '\x80')));
  EXPECT_EQ(big.at("msgtype"), "text");
  EXPECT_LE(big.at("text").at("content").get<std::string>().size(), 2048u);
  const json small = json::parse(WeComRobotSender::renderBody("ok\xC3(\xED\xA0\x80"));
  EXPECT_EQ(small.at("markdown").at("content"),
            "ok\xEF\xBF\xBD(\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_F(WeComRobotTest, The21stSendInAMinuteIsRefusedWithoutCallingTheServer) {
  WeComRobotSender sender(config(), clock.fn());
  for (int i = 0; i < 20; ++i) {
    auto sent = sender.send(kKeyA, Reply{"提醒 " + std::to_string(i)});
    ASSERT_TRUE(sent.has_value()) << i << ": " << sent.error().message;
    clock.advance(std::chrono::milliseconds(100));
  }
  const SendError refused = failure(sender, kKeyA, "提醒 20");
  EXPECT_TRUE(refused.retryable);  // the outbox keeps it; nothing is dropped
  EXPECT_EQ(refused.code, "rate_limited");
  EXPECT_EQ(refused.message, "robot limit 20/min; retry after 58s");
  EXPECT_EQ(robot.requests(), 20);
  EXPECT_EQ(robot.received().size(), 20u);
  EXPECT_EQ(robot.rateLimitHits(), 0);

  clock.advance(std::chrono::seconds(30));
  EXPECT_EQ(failure(sender, kKeyA, "提醒 20").message, "robot limit 20/min; retry after 28s");
  clock.advance(std::chrono::seconds(28));  // 60 s after the first send
  auto later = sender.send(kKeyA, Reply{"提醒 20"});
  ASSERT_TRUE(later.has_value()) << later.error().message;
  EXPECT_EQ(robot.requests(), 21);
  EXPECT_EQ(robot.rateLimitHits(), 0);  // the server's own limit was never reached
}

TEST_F(WeComRobotTest, TheWindowRollsRatherThanResetting) {
  WeComRobotSender sender(config(), clock.fn());
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(sender.send(kKeyA, Reply{"a"}));
  clock.advance(std::chrono::seconds(30));
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(sender.send(kKeyA, Reply{"b"}));
  clock.advance(std::chrono::seconds(30));  // the first 10 leave the window, the last 10 stay
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(sender.send(kKeyA, Reply{"c"}));
  EXPECT_EQ(failure(sender, kKeyA, "d").message, "robot limit 20/min; retry after 30s");
  EXPECT_EQ(robot.requests(), 30);
  EXPECT_EQ(robot.rateLimitHits(), 0);
}

TEST_F(WeComRobotTest, EachRobotHasItsOwnLimit) {
  WeComRobotSender sender(config(), clock.fn());
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(sender.send(kKeyA, Reply{"a"}));
  EXPECT_EQ(failure(sender, kKeyA, "a").code, "rate_limited");
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(sender.send(kKeyB, Reply{"b"}));
  EXPECT_EQ(failure(sender, kKeyB, "b").code, "rate_limited");
  EXPECT_EQ(robot.received().size(), 40u);
}

TEST_F(WeComRobotTest, AConfiguredLowerLimitIsHonoured) {
  WeComRobotSender sender(WeComRobotConfig{robot.baseUrl(), 2}, clock.fn());
  ASSERT_TRUE(sender.send(kKeyA, Reply{"1"}));
  ASSERT_TRUE(sender.send(kKeyA, Reply{"2"}));
  EXPECT_EQ(failure(sender, kKeyA, "3").message, "robot limit 2/min; retry after 60s");
}

TEST_F(WeComRobotTest, ConcurrentSendersShareOneWindow) {
  WeComRobotSender sender(config(), clock.fn());
  std::atomic<int> ok{0};
  std::atomic<int> limited{0};
  std::atomic<int> other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 30; ++i) {
    threads.emplace_back([&] {
      auto sent = sender.send(kKeyA, Reply{"x"});
      if (sent.has_value())
        ++ok;
      else if (sent.error().code == "rate_limited")
        ++limited;
      else
        ++other;  // a connection the loaded loopback server did not take in time
    });
  }
  for (auto& thread : threads) thread.join();
  // The window is reserved before any request goes out, whatever the network does: exactly
  // 20 may try and 10 are told to wait, and the robot never sees more than 20.
  EXPECT_EQ(limited.load(), 10);
  EXPECT_EQ(ok.load() + other.load(), 20);
  EXPECT_EQ(robot.requests(), ok.load());
  EXPECT_LE(robot.requests(), 20);
  EXPECT_EQ(robot.rateLimitHits(), 0);
}

TEST_F(WeComRobotTest, AnUnknownKeyIsFinal) {
  WeComRobotSender sender(config(), clock.fn());
  const std::string unknown = "00000000-dead-beef-0000-00000000c0de";
  const SendError error = failure(sender, unknown, "提醒");
  EXPECT_FALSE(error.retryable);
  EXPECT_EQ(error.code, "93000");
  EXPECT_NE(error.message.find("...c0de"), std::string::npos) << error.message;
}

TEST_F(WeComRobotTest, FrequencyLimitFromWeComIsRetryable) {
  WeComRobotSender sender(config(), clock.fn());
  robot.failNext(1, 45009);
  const SendError error = failure(sender, kKeyA, "提醒");
  EXPECT_TRUE(error.retryable);
  EXPECT_EQ(error.code, "45009");
  EXPECT_TRUE(sender.send(kKeyA, Reply{"提醒"}));
}

TEST_F(WeComRobotTest, BadParametersAndUnknownCodesAreFinal) {
  WeComRobotSender sender(config(), clock.fn());
  for (int code : {40058, 40008, 12345}) {
    robot.failNext(1, code);
    const SendError error = failure(sender, kKeyA, "提醒");
    EXPECT_FALSE(error.retryable) << code;
    EXPECT_EQ(error.code, std::to_string(code));
  }
}

TEST_F(WeComRobotTest, AKeyEchoedInErrmsgIsRedacted) {
  WeComRobotSender sender(config(), clock.fn());
  robot.failNext(1, 93000, std::string("invalid webhook url, key=") + kKeyA);
  const SendError error = failure(sender, kKeyA, "提醒");
  EXPECT_NE(error.message.find("key=***"), std::string::npos) << error.message;
}

TEST_F(WeComRobotTest, Http503IsRetryable) {
  WeComRobotSender sender(config(), clock.fn());
  robot.failNextWithHttpStatus(1, 503);
  const SendError error = failure(sender, kKeyA, "提醒");
  EXPECT_TRUE(error.retryable);
  EXPECT_EQ(error.code, "http-503");
}

TEST_F(WeComRobotTest, ServerDownIsRetryable) {
  std::string url;
  {
    FakeWeComRobot gone;
    url = gone.baseUrl();
  }
  WeComRobotSender sender(WeComRobotConfig{url, 20}, clock.fn());
  const SendError error = failure(sender, kKeyA, "提醒");
  EXPECT_TRUE(error.retryable);
  EXPECT_EQ(error.code, "network");
}

TEST_F(WeComRobotTest, NothingToSendOrNoKeyIsFinal) {
  WeComRobotSender sender(config(), clock.fn());
  EXPECT_FALSE(failure(sender, "", "提醒").retryable);
  EXPECT_FALSE(failure(sender, kKeyA, "").retryable);
  EXPECT_EQ(robot.requests(), 0);
}

TEST(WeComRobotConfig, BadConfigurationFailsAtStartUp) {
  EXPECT_THROW(WeComRobotSender(WeComRobotConfig{"qyapi.weixin.qq.com", 20}),
               std::invalid_argument);
  EXPECT_THROW(WeComRobotSender(WeComRobotConfig{"https://h:99999", 20}), std::invalid_argument);
  EXPECT_THROW(WeComRobotSender(WeComRobotConfig{"https://h?key=x", 20}), std::invalid_argument);
  EXPECT_THROW(WeComRobotSender(WeComRobotConfig{"https://h", 0}), std::invalid_argument);
  EXPECT_NO_THROW(WeComRobotSender(WeComRobotConfig{}));
}

// The fake's own limits, shown with a raw client: otherwise "the fake saw 20 and never said
// 45009" would prove nothing.
TEST(WeComRobotFake, EnforcesTheRealLimitAndShape) {
  ManualClock clock;
  FakeWeComRobot robot(clock.fn());
  robot.addKey(kKeyA);
  httplib::Client client(robot.baseUrl());
  const std::string path = std::string("/cgi-bin/webhook/send?key=") + kKeyA;
  const auto errcode = [&](const std::string& body, const char* type = "application/json") {
    auto result = client.Post(path, body, type);
    return result ? json::parse(result->body).at("errcode").get<int>() : -999;
  };
  const std::string ok = R"({"msgtype":"text","text":{"content":"hi"}})";
  EXPECT_EQ(errcode(ok, "text/plain"), 40058);
  EXPECT_EQ(errcode(R"({"msgtype":"image","image":{}})"), 40008);
  EXPECT_EQ(
      errcode(json{{"msgtype", "text"}, {"text", {{"content", std::string(2049, 'x')}}}}.dump()),
      40058);
  EXPECT_EQ(
      errcode(json{{"msgtype", "markdown"}, {"markdown", {{"content", std::string(4097, 'x')}}}}
                  .dump()),
      40058);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(errcode(ok), 0) << i;
  EXPECT_EQ(errcode(ok), 45009);
  EXPECT_EQ(robot.rateLimitHits(), 1);
  clock.advance(std::chrono::seconds(60));
  EXPECT_EQ(errcode(ok), 0);
  EXPECT_TRUE(robot.waitForReceived(21, std::chrono::milliseconds(100)));
}

}  // namespace
}  // namespace civicdesk::channels
