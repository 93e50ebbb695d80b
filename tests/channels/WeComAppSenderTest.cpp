// WeComAppSender against a loopback WeCom application API (FakeWeComApp): the §2.2 message
// shape, token caching and refresh, invaliduser and 81013, and the client-side per-member
// limit that keeps WeCom from silently dropping notices.
#include "channels/wecom/WeComAppSender.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <atomic>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/FakeWeComApp.hpp"
#include "tests/support/ManualClock.hpp"

namespace civicdesk::channels {
namespace {

using civicdesk::testing::ManualClock;

using civicdesk::testing::FakeWeComApp;
using nlohmann::json;
using AppReceived = FakeWeComApp::Received;
using Clock = WeComAppSender::Clock;

class WeComAppTest : public ::testing::Test {
 protected:
  WeComAppConfig config() const {
    WeComAppConfig c;
    c.baseUrl = app.baseUrl();
    c.corpId = app.corpId();
    c.corpSecret = app.corpSecret();
    c.agentId = app.agentId();
    return c;
  }
  WeComAppSender sender(WeComAppConfig c) {
    return WeComAppSender(
        std::move(c), [this](const PartialDelivery& p) { partials.push_back(p); }, clock.fn());
  }
  // Every failure passes through here: neither the secret nor a token may be in it.
  SendError failure(WeComAppSender& s, const std::string& to, const std::string& text = "x") {
    auto sent = s.send(to, Reply{text});
    EXPECT_FALSE(sent.has_value());
    if (sent.has_value()) return {};
    EXPECT_EQ(sent.error().message.find(app.corpSecret()), std::string::npos);
    EXPECT_EQ(sent.error().message.find("WCTOKEN"), std::string::npos) << sent.error().message;
    return sent.error();
  }

  FakeWeComApp app;
  ManualClock clock;
  std::vector<PartialDelivery> partials;
};

TEST_F(WeComAppTest, TextToUsersHasTheSection22Shape) {
  WeComAppSender s = sender(config());
  EXPECT_EQ(s.name(), "wecom-app");
  auto sent = s.send("user:ZhangSan|lisi", Reply{"新任务：TS-2026-000123 调查核实\n请于3日内处理"});
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  EXPECT_EQ(*sent, "msg1");
  ASSERT_EQ(app.bodies().size(), 1u);
  EXPECT_EQ(json::parse(app.bodies()[0]),
            (json{{"touser", "ZhangSan|lisi"},
                  {"msgtype", "text"},
                  {"agentid", app.agentId()},
                  {"text", {{"content", "新任务：TS-2026-000123 调查核实\n请于3日内处理"}}}}));
  EXPECT_TRUE(partials.empty());
}

TEST_F(WeComAppTest, TextToADepartmentUsesToparty) {
  WeComAppSender s = sender(config());
  ASSERT_TRUE(s.send("party:3|14", Reply{"通知"}));
  EXPECT_EQ(app.received(),
            (std::vector<AppReceived>{{"", "3|14", "text", "通知", app.agentId()}}));
  EXPECT_FALSE(json::parse(app.bodies()[0]).contains("touser"));
}

TEST_F(WeComAppTest, OneTokenIsCachedAndRefreshedBeforeItExpires) {
  WeComAppSender s = sender(config());
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(s.send("user:u" + std::to_string(i), Reply{"m"}));
  EXPECT_EQ(app.tokenFetches(), 1);
  clock.advance(std::chrono::seconds(7200 - 300 - 1));
  ASSERT_TRUE(s.send("user:a", Reply{"m"}));
  EXPECT_EQ(app.tokenFetches(), 1);
  clock.advance(std::chrono::seconds(2));
  ASSERT_TRUE(s.send("user:b", Reply{"m"}));
  EXPECT_EQ(app.tokenFetches(), 2);
}

TEST_F(WeComAppTest, ExpiredTokenIsRefetchedOnce) {
  WeComAppSender s = sender(config());
  ASSERT_TRUE(s.send("user:a", Reply{"first"}));
  app.expireTokenOnce();
  auto sent = s.send("user:a", Reply{"second"});
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  EXPECT_EQ(app.tokenFetches(), 2);
  EXPECT_EQ(app.sendRequests(), 3);
  EXPECT_EQ(app.received().size(), 2u);
}

TEST_F(WeComAppTest, TokenRejectedTwiceIsRetryableAfterOneRefetch) {
  WeComAppSender s = sender(config());
  app.failNextSends(2, 40014);
  const SendError error = failure(s, "user:a");
  EXPECT_EQ(error.code, "40014");
  EXPECT_TRUE(error.retryable);
  EXPECT_EQ(app.sendRequests(), 2);
  EXPECT_EQ(app.tokenFetches(), 2);
}

TEST_F(WeComAppTest, InvalidUsersAreSurfacedButTheSendSucceeds) {
  app.markInvalidUser("lisi");
  WeComAppSender s = sender(config());
  auto sent = s.send("user:zhangsan|LiSi", Reply{"x"});
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  EXPECT_EQ(*sent, "msg1");
  ASSERT_EQ(partials.size(), 1u);
  EXPECT_EQ(partials[0].to, "user:zhangsan|LiSi");
  EXPECT_EQ(partials[0].msgid, "msg1");
  EXPECT_EQ(partials[0].invalidUsers, "lisi");
}

TEST_F(WeComAppTest, EveryRecipientInvalidIsFinal81013) {
  app.markInvalidUser("ghost1");
  app.markInvalidUser("ghost2");
  WeComAppSender s = sender(config());
  const SendError error = failure(s, "user:ghost1|ghost2");
  EXPECT_EQ(error.code, "81013");
  EXPECT_FALSE(error.retryable);
  EXPECT_NE(error.message.find("invaliduser=ghost1|ghost2"), std::string::npos) << error.message;
  EXPECT_TRUE(partials.empty());
  EXPECT_TRUE(app.received().empty());
}

TEST_F(WeComAppTest, TransientFailuresAreRetryableVerdictsAreNot) {
  WeComAppSender s = sender(config());
  for (int code : {-1, 45009}) {
    app.failNextSends(1, code);
    EXPECT_TRUE(failure(s, "user:a").retryable) << code;
  }
  for (int code : {40008, 60020}) {
    app.failNextSends(1, code);
    EXPECT_FALSE(failure(s, "user:a").retryable) << code;
  }
  app.failNextSendsWithHttpStatus(1, 503);
  EXPECT_EQ(failure(s, "user:a").code, "http-503");
  WeComAppConfig wrongAgent = config();
  wrongAgent.agentId = 7;
  WeComAppSender other = sender(wrongAgent);
  EXPECT_EQ(failure(other, "user:a").code, "40056");
}

TEST_F(WeComAppTest, WrongSecretIsRetryableAndNotLeaked) {
  WeComAppConfig c = config();
  c.corpSecret = "wrong-wecom-secret-value";
  WeComAppSender s = sender(c);
  const SendError error = failure(s, "user:a");
  EXPECT_EQ(error.code, "40001");
  EXPECT_TRUE(error.retryable);
  EXPECT_EQ(error.message.find("wrong-wecom-secret-value"), std::string::npos);
  EXPECT_EQ(app.sendRequests(), 0);
}

TEST_F(WeComAppTest, ServerDownIsRetryable) {
  WeComAppConfig c;
  {
    FakeWeComApp gone;
    c = config();
    c.baseUrl = gone.baseUrl();
  }
  WeComAppSender s = sender(c);
  const SendError error = failure(s, "user:a");
  EXPECT_EQ(error.code, "network");
  EXPECT_TRUE(error.retryable);
}

TEST_F(WeComAppTest, MalformedRecipientsAreRefusedWithoutCallingWeCom) {
  WeComAppSender s = sender(config());
  std::string many = "user:u0";
  for (int i = 1; i <= 1000; ++i) many += "|u" + std::to_string(i);
  for (const std::string& to :
       {std::string(""), std::string("zhangsan"), std::string("user:"), std::string("user:a||b"),
        std::string("user:@all"), std::string("user:a|@ALL"), std::string("user:a b"),
        std::string("party:"), std::string("party:abc"), std::string("tag:1"), many}) {
    const SendError error = failure(s, to);
    EXPECT_EQ(error.code, "bad-recipient") << to;
    EXPECT_FALSE(error.retryable) << to;
  }
  EXPECT_FALSE(s.send("user:a", Reply{""}).has_value());
  EXPECT_EQ(app.sendRequests(), 0);
  EXPECT_EQ(app.tokenFetches(), 0);
}

TEST_F(WeComAppTest, PerMemberMinuteLimitDefersWithoutCallingWeCom) {
  WeComAppSender s = sender(config());
  for (int i = 0; i < 30; ++i) ASSERT_TRUE(s.send("user:zhangsan", Reply{std::to_string(i)}));
  clock.advance(std::chrono::seconds(20));
  SendError error = failure(s, "user:ZHANGSAN");  // the same member, however spelled
  EXPECT_EQ(error.code, "rate_limited");
  EXPECT_TRUE(error.retryable);
  EXPECT_EQ(error.retryAfterSeconds, 40);
  // All or none: lisi has room, but a message that also goes to zhangsan waits, and does not
  // use up lisi's budget meanwhile.
  EXPECT_EQ(failure(s, "user:lisi|zhangsan").code, "rate_limited");
  for (int i = 0; i < 30; ++i) ASSERT_TRUE(s.send("user:lisi", Reply{std::to_string(i)}));
  EXPECT_EQ(app.sendRequests(), 60);
  clock.advance(std::chrono::seconds(40));
  EXPECT_TRUE(s.send("user:zhangsan", Reply{"later"}));
}

TEST_F(WeComAppTest, PerMemberHourLimitDefersUntilTheHourHasRoom) {
  WeComAppConfig c = config();
  c.maxPerHourPerMember = 40;
  WeComAppSender s = sender(c);
  for (int i = 0; i < 30; ++i) ASSERT_TRUE(s.send("user:a", Reply{"m"}));
  clock.advance(std::chrono::seconds(61));
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(s.send("user:a", Reply{"m"}));
  clock.advance(std::chrono::seconds(61));
  const SendError error = failure(s, "user:a");
  EXPECT_EQ(error.code, "rate_limited");
  EXPECT_EQ(error.retryAfterSeconds, 3600 - 122);
  clock.advance(std::chrono::seconds(3600 - 122));
  EXPECT_TRUE(s.send("user:a", Reply{"m"}));
}

TEST_F(WeComAppTest, LongTextIsCutOnACharacterBoundary) {
  std::string text;
  while (text.size() < 3000) text += "投诉";
  const json body = json::parse(WeComAppSender::renderBody({false, {"a"}}, 1, text));
  const std::string content = body["text"]["content"];
  EXPECT_LE(content.size(), WeComAppSender::kTextMaxBytes);
  EXPECT_EQ(content.substr(content.size() - 3), "\xE2\x80\xA6");
  EXPECT_EQ(content.substr(0, 6), "投诉");
  EXPECT_EQ((content.size() - 3) % 3, 0u);  // whole 3-byte characters only
}

TEST(WeComAppSenderConfig, RefusesIncompleteConfiguration) {
  WeComAppConfig c;
  c.corpId = "ww";
  c.corpSecret = "s";
  c.agentId = 1;
  EXPECT_NO_THROW(WeComAppSender{c});
  for (auto breakIt : std::vector<std::function<void(WeComAppConfig&)>>{
           [](WeComAppConfig& x) { x.corpId.clear(); },
           [](WeComAppConfig& x) { x.corpSecret.clear(); },
           [](WeComAppConfig& x) { x.agentId = 0; },
           [](WeComAppConfig& x) { x.maxPerMinutePerMember = 0; },
           [](WeComAppConfig& x) { x.maxPerHourPerMember = 0; },
           [](WeComAppConfig& x) { x.baseUrl = "qyapi.weixin.qq.com"; }}) {
    WeComAppConfig broken = c;
    breakIt(broken);
    EXPECT_THROW(WeComAppSender{broken}, std::invalid_argument);
  }
}

}  // namespace
}  // namespace civicdesk::channels
