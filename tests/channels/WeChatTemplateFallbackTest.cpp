// The template-message fallback (PROTOCOLS.md §1.7, §6 case 7): a notice that finds the
// customer-service window closed (45015/45047) goes out as the configured template, with the
// text mapped onto first/keyword1/remark; without a template it fails for good.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "channels/wechat/WeChatNotice.hpp"
#include "channels/wechat/WeChatSender.hpp"
#include "tests/support/FakeWeChatApi.hpp"

namespace civicdesk::channels {
namespace {

using civicdesk::testing::FakeWeChatApi;
using nlohmann::json;
using Sent = FakeWeChatApi::SentMessage;

constexpr const char* kFallbackOpenId = "oyORnuP8q7ou2gfYjqLzSIWZf0rs";
constexpr const char* kTemplateId = "Q3kP_notice-template-0001";
// config/templates.zh-CN.json citizen.case.accepted, filled in.
const std::string kAccepted =
    "您的投诉（案件编号 TS-2026-000123）已受理。我们将调查核实，于 2026年3月20日 前办结，"
    "办结后 5 个工作日内告知您处理情况。";

WeChatConfig fallbackConfigFor(const FakeWeChatApi& api, std::string templateId = kTemplateId) {
  WeChatConfig config;
  config.appId = api.appId();
  config.appSecret = api.appSecret();
  config.apiBase = api.baseUrl();
  config.noticeTemplateId = std::move(templateId);
  return config;
}

json dataOf(const std::string& first, const std::string& keyword1, const std::string& remark) {
  return json{{"first", {{"value", first}}},
              {"keyword1", {{"value", keyword1}}},
              {"remark", {{"value", remark}}}};
}

class WeChatTemplateFallback : public ::testing::Test {
 protected:
  WeChatTemplateFallback() { api.allowTemplate(kTemplateId); }
  FakeWeChatApi api;
};

TEST_F(WeChatTemplateFallback, InsideTheWindowOnlyTheCustomerServiceMessageIsSent) {
  WeChatSender sender(fallbackConfigFor(api));
  auto sent = sender.send(kFallbackOpenId, Reply{kAccepted});
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  EXPECT_EQ(api.sent(), (std::vector<Sent>{{kFallbackOpenId, kAccepted}}));
  EXPECT_EQ(api.templateRequests(), 0);
}

TEST_F(WeChatTemplateFallback, OutsideTheWindowTheTemplateCarriesTheMappedFields) {
  api.closeWindowFor(kFallbackOpenId);
  WeChatSender sender(fallbackConfigFor(api));
  auto sent = sender.send(kFallbackOpenId, Reply{kAccepted});
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  EXPECT_EQ(*sent, "2000000001");  // the template send's msgid
  EXPECT_TRUE(api.sent().empty());
  EXPECT_EQ(api.sendRequests(), 1);  // 45015 once, not retried
  const std::vector<FakeWeChatApi::SentTemplate> templates = api.sentTemplates();
  ASSERT_EQ(templates.size(), 1u);
  const FakeWeChatApi::SentTemplate& notice = templates[0];
  EXPECT_EQ(notice.touser, kFallbackOpenId);
  EXPECT_EQ(notice.templateId, kTemplateId);
  EXPECT_EQ(json::parse(notice.data),
            dataOf("您的投诉（案件编号 TS-2026-000123）已受理。", "TS-2026-000123",
                   "我们将调查核实，于 2026年3月20日 前办结，办结后 5 个工作日内告知您处理情况。"));
  EXPECT_EQ(api.tokenFetches(), 1);  // one token serves both calls
}

TEST_F(WeChatTemplateFallback, TooManySendsInTheWindowAlsoFallsBack) {
  api.failNextSends(1, 45047);
  WeChatSender sender(fallbackConfigFor(api));
  auto sent = sender.send(kFallbackOpenId, Reply{"通知"});
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  ASSERT_EQ(api.sentTemplates().size(), 1u);
  EXPECT_EQ(json::parse(api.sentTemplates()[0].data), dataOf("通知", "", ""));
}

TEST_F(WeChatTemplateFallback, WithoutATemplateIdTheClosedWindowIsAFinalError) {
  api.closeWindowFor(kFallbackOpenId);
  WeChatSender sender(fallbackConfigFor(api, ""));
  auto sent = sender.send(kFallbackOpenId, Reply{kAccepted});
  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().code, "45015");
  EXPECT_FALSE(sent.error().retryable);
  EXPECT_EQ(api.templateRequests(), 0);
}

TEST_F(WeChatTemplateFallback, OtherVerdictsDoNotFallBack) {
  api.failNextSends(1, 40003);  // a bad OpenID is as bad for a template
  WeChatSender sender(fallbackConfigFor(api));
  auto sent = sender.send(kFallbackOpenId, Reply{"x"});
  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().code, "40003");
  EXPECT_EQ(api.templateRequests(), 0);
}

TEST_F(WeChatTemplateFallback, NotSubscribedIsFinal) {
  api.closeWindowFor(kFallbackOpenId);
  api.failNextTemplateSends(1, 43004);
  WeChatSender sender(fallbackConfigFor(api));
  auto sent = sender.send(kFallbackOpenId, Reply{kAccepted});
  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().code, "43004");
  EXPECT_FALSE(sent.error().retryable);
  EXPECT_NE(sent.error().message.find("template send (window closed, 45015)"), std::string::npos)
      << sent.error().message;
  EXPECT_EQ(sent.error().message.find("TOKEN"), std::string::npos) << sent.error().message;
}

TEST_F(WeChatTemplateFallback, SystemBusyIsRetryableAndPassesLater) {
  api.closeWindowFor(kFallbackOpenId);
  api.failNextTemplateSends(1, -1);
  WeChatSender sender(fallbackConfigFor(api));
  auto busy = sender.send(kFallbackOpenId, Reply{kAccepted});
  ASSERT_FALSE(busy.has_value());
  EXPECT_EQ(busy.error().code, "-1");
  EXPECT_TRUE(busy.error().retryable);
  EXPECT_TRUE(sender.send(kFallbackOpenId, Reply{kAccepted}));
  EXPECT_EQ(api.sentTemplates().size(), 1u);
}

TEST_F(WeChatTemplateFallback, AnUnknownTemplateIdIsFinal) {
  api.closeWindowFor(kFallbackOpenId);
  WeChatSender sender(fallbackConfigFor(api, "not-granted"));
  auto sent = sender.send(kFallbackOpenId, Reply{kAccepted});
  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().code, "40037");
  EXPECT_FALSE(sent.error().retryable);
}

TEST_F(WeChatTemplateFallback, AnExpiredTokenOnTheTemplateSendIsRefetched) {
  api.closeWindowFor(kFallbackOpenId);
  WeChatSender sender(fallbackConfigFor(api));
  api.failNextTemplateSends(1, 42001);
  auto sent = sender.send(kFallbackOpenId, Reply{"notice"});
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  EXPECT_EQ(api.tokenFetches(), 2);
  EXPECT_EQ(api.templateRequests(), 2);
  EXPECT_EQ(api.sendRequests(), 1);  // the custom send is not repeated
  EXPECT_EQ(api.sentTemplates().size(), 1u);
}

TEST(WeChatNotice, MapsLinesSentencesAndCaseNumbers) {
  EXPECT_EQ(splitNotice("  投诉已办结\n处理情况：已整改。\n谢谢  "),
            (NoticeFields{"投诉已办结", "", "处理情况：已整改。\n谢谢"}));
  EXPECT_EQ(splitNotice("案件 TS-2026-000007 延期！将于5月1日前办结。"),
            (NoticeFields{"案件 TS-2026-000007 延期！", "TS-2026-000007", "将于5月1日前办结。"}));
  EXPECT_EQ(splitNotice("没有句号的一行"), (NoticeFields{"没有句号的一行", "", ""}));
  EXPECT_EQ(findCaseNumber("TS-2026-0001234 TS-26-000001 ts-2026-000001"), "");
  EXPECT_EQ(findCaseNumber("见 TS-2026-000001。"), "TS-2026-000001");
  EXPECT_EQ(splitNotice("bad \xFF byte").first, "bad \xEF\xBF\xBD byte");
}

TEST(WeChatNotice, TemplateBodyHasTheSection17Shape) {
  const json body = json::parse(WeChatSender::renderTemplateBody("oX", "T1", "一。二"));
  EXPECT_EQ(body,
            (json{{"touser", "oX"}, {"template_id", "T1"}, {"data", dataOf("一。", "", "二")}}));
}

}  // namespace
}  // namespace civicdesk::channels
