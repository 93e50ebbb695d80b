// The information-request dialog's steps after the applicant: contact, unit, the information
// sought, delivery with what it needs; 返回, 取消, 帮助, 菜单; restarts; the SMS texts.
#include <set>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "dialogs/common/TextMatchers.hpp"
#include "tests/dialogs/DialogHarness.hpp"
#include "util/Utf8.hpp"
#include "workflows/info_requests/Application.hpp"

namespace civicdesk::dialogs::testing {
namespace {

// --- delivery -------------------------------------------------------------------------------

TEST(InfoRequestDelivery, ByPostAsksForTheAddress) {
  Chat chat;
  walkInfoTo(chat, "info_request.delivery");
  EXPECT_TRUE(contains(chat.send("邮寄"), "收件地址"));
  EXPECT_EQ(chat.state(), "info_request.address");
  EXPECT_TRUE(contains(chat.send(" "), "不超过200个字"));
  EXPECT_TRUE(contains(chat.send("青溪区东风路30号3单元"), "邮寄至 青溪区东风路30号3单元"));
  EXPECT_EQ(chat.state(), "info_request.confirm");
}

TEST(InfoRequestDelivery, ByEmailAsksForTheEmailWhenTheContactWasAPhone) {
  Chat chat;
  walkInfoTo(chat, "info_request.delivery");
  EXPECT_TRUE(contains(chat.send("2"), "接收信息的电子邮箱"));
  EXPECT_EQ(chat.state(), "info_request.email");
  EXPECT_TRUE(contains(chat.send("zhangsan at example"), "邮箱地址好像不对"));
  EXPECT_EQ(chat.state(), "info_request.email");
  EXPECT_TRUE(
      contains(chat.send("邮箱：ZhangSan@Example.CN"), "电子邮件发送至 zhangsan@example.cn"));
  EXPECT_EQ(chat.state(), "info_request.confirm");
  const DialogOutcome confirmed = chat.send("确认");
  ASSERT_TRUE(confirmed.registerInfoRequest.has_value());
  EXPECT_EQ(confirmed.registerInfoRequest->application.applicant.email, "zhangsan@example.cn");
  EXPECT_EQ(confirmed.registerInfoRequest->application.applicant.phone, "13800138000");
}

TEST(InfoRequestDelivery, ByEmailDoesNotAskAgainWhenTheContactWasAnEmail) {
  Chat chat;
  walkInfoTo(chat, "info_request.contact");
  chat.send("zhang@example.cn");
  EXPECT_EQ(chat.state(), "info_request.unit");
  chat.send("教育局");
  chat.send("青教发〔2026〕3号");
  chat.send("2");
  EXPECT_TRUE(contains(chat.send("电子邮件"), "电子邮件发送至 zhang@example.cn"));
  EXPECT_EQ(chat.state(), "info_request.confirm");
}

TEST(InfoRequestDelivery, PickupAndOnlineNeedNothingMore) {
  struct Case {
    const char* typed;
    const char* shown;
    workflows::Delivery delivery;
  };
  for (const Case& c : {Case{"3", "当面领取", workflows::Delivery::Pickup},
                        Case{"当面领取", "当面领取", workflows::Delivery::Pickup},
                        Case{"4", "在线获取", workflows::Delivery::Online},
                        Case{"在线", "在线获取", workflows::Delivery::Online}}) {
    Chat chat;
    walkInfoTo(chat, "info_request.delivery");
    EXPECT_TRUE(contains(chat.send(c.typed), c.shown)) << c.typed;
    EXPECT_EQ(chat.state(), "info_request.confirm") << c.typed;
    const DialogOutcome confirmed = chat.send("确认");
    ASSERT_TRUE(confirmed.registerInfoRequest.has_value());
    EXPECT_EQ(confirmed.registerInfoRequest->application.delivery, c.delivery) << c.typed;
  }
}

TEST(InfoRequestDelivery, AnUnknownFormOrDeliveryIsAskedAgain) {
  Chat chat;
  walkInfoTo(chat, "info_request.form");
  EXPECT_TRUE(contains(chat.send("随便"), "1（纸质）或 2（电子）"));
  EXPECT_EQ(chat.state(), "info_request.form");
  chat.send("纸质版");
  EXPECT_EQ(chat.state(), "info_request.delivery");
  EXPECT_TRUE(contains(chat.send("5"), "1 到 4"));
  EXPECT_EQ(chat.state(), "info_request.delivery");
}

// --- contact, unit, information -------------------------------------------------------------

TEST(InfoRequestContact, AMobileOrAnEmailIsNeeded) {
  Chat chat;
  walkInfoTo(chat, "info_request.contact");
  EXPECT_TRUE(contains(chat.send("12345"), "11位手机号码"));
  EXPECT_EQ(chat.state(), "info_request.contact");
  chat.send("我的手机号是13800138000");
  EXPECT_EQ(chat.state(), "info_request.unit");
}

TEST(InfoRequestUnit, UnitsAreResolvedAsInTheComplaintDialog) {
  Chat chat;
  walkInfoTo(chat, "info_request.unit");
  const DialogOutcome offered = chat.send("街道办");
  EXPECT_EQ(chat.state(), "info_request.unitChoice");
  EXPECT_TRUE(contains(offered, "1 青溪区东城街道办事处"));
  EXPECT_TRUE(contains(chat.send("3"), "1 到 2"));
  EXPECT_TRUE(contains(chat.send("2"), "向青溪区西苑街道办事处申请公开的信息"));
  EXPECT_EQ(chat.state(), "info_request.info");
  EXPECT_EQ(chat.snapshot().slots["application"]["unitId"], "xiyuan");
}

TEST(InfoRequestUnit, AnUnknownUnitIsAskedAgainAndAUnitOutsideThePlatformGetsItsContacts) {
  Chat chat;
  walkInfoTo(chat, "info_request.unit");
  const DialogOutcome unknown = chat.send("火星管理局");
  EXPECT_TRUE(contains(unknown, "没有找到“火星管理局”"));
  EXPECT_TRUE(contains(unknown, "青溪区教育局"));
  EXPECT_EQ(chat.state(), "info_request.unit");
  const DialogOutcome outside = chat.send("信访局");
  EXPECT_TRUE(contains(outside, "“青溪区信访局”暂未通过本平台受理"));
  EXPECT_TRUE(contains(outside, "099-1018"));
  EXPECT_EQ(chat.state(), "info_request.unit") << "what was collected is kept";
  chat.send("教育局");
  EXPECT_EQ(chat.state(), "info_request.info");
}

TEST(InfoRequestInfo, TheDescriptionIsReadIntoTitleDocumentNumberAndFeatures) {
  struct Case {
    const char* typed;
    const char* title;
    const char* documentNumber;
    const char* features;
  };
  for (const Case& c : {
           Case{"《2026年招生工作方案》", "2026年招生工作方案", "", ""},
           Case{"青教发〔2026〕3号", "", "青教发〔2026〕3号", ""},
           Case{"文号为青教发[2026]12号的文件", "", "青教发[2026]12号", ""},
           Case{"2025年东城街道老旧小区改造的补偿标准", "", "",
                "2025年东城街道老旧小区改造的补偿标准"},
           Case{"《关于印发学区划分方案的通知》（青教发（2025）7号）及其附件的学区地图",
                "关于印发学区划分方案的通知", "青教发（2025）7号",
                "《关于印发学区划分方案的通知》（青教发（2025）7号）及其附件的学区地图"},
       }) {
    Chat chat;
    walkInfoTo(chat, "info_request.info");
    chat.send(c.typed);
    EXPECT_EQ(chat.state(), "info_request.form") << c.typed;
    Chat check(chat.snapshot());
    check.send("2");
    check.send("3");
    const DialogOutcome confirmed = check.send("确认");
    ASSERT_TRUE(confirmed.registerInfoRequest.has_value()) << c.typed;
    const auto& sought = confirmed.registerInfoRequest->application.info;
    EXPECT_EQ(sought.title, c.title) << c.typed;
    EXPECT_EQ(sought.documentNumber, c.documentNumber) << c.typed;
    EXPECT_EQ(sought.features, c.features) << c.typed;
  }
}

TEST(InfoRequestInfo, ATooShortDescriptionIsAskedToSayMore) {
  Chat chat;
  walkInfoTo(chat, "info_request.info");
  EXPECT_TRUE(contains(chat.send("文件"), "至少6个字"));
  EXPECT_EQ(chat.state(), "info_request.info");
}

TEST(InfoRequestInfo, DocumentNumbersAndRequestNumbersAreFoundInSentences) {
  EXPECT_EQ(text::findDocumentNumber("请公开青政办发〔2025〕21号文件"), "青政办发〔2025〕21号");
  EXPECT_EQ(text::findDocumentNumber("关于印发青教发〔2026〕3号的通知"), "青教发〔2026〕3号");
  EXPECT_EQ(text::findDocumentNumber("〔2026〕3号"), std::nullopt);
  EXPECT_EQ(text::findDocumentNumber("青教发〔26〕3号"), std::nullopt);
  EXPECT_EQ(text::findDocumentNumber("青教发〔2026〕３号"), "青教发〔2026〕3号");
  EXPECT_EQ(text::findInfoRequestNumber("为什么不公开 ys－2026－000001？"), "YS-2026-000001");
  EXPECT_EQ(text::findInfoRequestNumber("YS2026000001"), "YS-2026-000001");
  EXPECT_EQ(text::findInfoRequestNumber("TS-2026-000001"), std::nullopt);
  EXPECT_EQ(text::findInfoRequestNumber("YS-2026-0000012"), std::nullopt);
  EXPECT_EQ(text::findCaseNumber("YS-2026-000001"), std::nullopt);
}

// --- 返回, 取消, 帮助, 菜单 ----------------------------------------------------------------------

TEST(InfoRequestNavigation, BackGoesToThePreviousQuestionAndAtTheFirstLeaves) {
  Chat chat;
  walkInfoTo(chat, "info_request.unit");
  EXPECT_TRUE(contains(chat.send("返回"), "手机号码"));
  EXPECT_EQ(chat.state(), "info_request.contact");
  EXPECT_TRUE(contains(chat.send("返回"), "居民身份证号码"));
  EXPECT_EQ(chat.state(), "info_request.idDocument");
  chat.send("返回");
  chat.send("返回");
  EXPECT_EQ(chat.state(), "info_request.applicantType");
  EXPECT_TRUE(contains(chat.send("返回"), "已退出政府信息公开申请填写"));
  EXPECT_EQ(chat.state(), "menu");
  EXPECT_TRUE(chat.snapshot().slots.empty());
}

TEST(InfoRequestNavigation, CancelAndMenuLeaveWithoutKeepingAnything) {
  for (const char* word : {"取消", "菜单"}) {
    Chat chat;
    walkInfoTo(chat, "info_request.form");
    const DialogOutcome left = chat.send(word);
    EXPECT_TRUE(contains(left, "填写的内容没有保存")) << word;
    EXPECT_TRUE(contains(left, "请回复编号选择服务")) << word;
    EXPECT_FALSE(left.registerInfoRequest.has_value());
    EXPECT_EQ(chat.state(), "menu");
    EXPECT_TRUE(chat.snapshot().slots.empty());
  }
}

TEST(InfoRequestNavigation, HelpExplainsTheStepAndStays) {
  Chat chat;
  walkInfoTo(chat, "info_request.idDocument");
  EXPECT_TRUE(contains(chat.send("帮助"), "首尾各4位"));
  EXPECT_EQ(chat.state(), "info_request.idDocument");
}

TEST(InfoRequestNavigation, PicturesAreNotKeptAndMenuClicksLeaveOrContinue) {
  Chat chat;
  walkInfoTo(chat, "info_request.info");
  EXPECT_TRUE(contains(chat.image("media-1"), "图片没有保存"));
  EXPECT_EQ(chat.state(), "info_request.info");
  EXPECT_TRUE(contains(chat.click("INFO_REQUEST"), "您正在填写政府信息公开申请"));
  EXPECT_EQ(chat.state(), "info_request.info");
  EXPECT_TRUE(contains(chat.click("COMPLAINT"), "您要投诉哪个单位"));
  EXPECT_EQ(chat.state(), "complaint.unit");
}

TEST(InfoRequestNavigation, AnIdleApplicationStartsAfreshNextDay) {
  Chat chat;
  walkInfoTo(chat, "info_request.form");
  chat.wait(2 * kDay);
  EXPECT_TRUE(contains(chat.send("2"), "之前填写的内容已清除"));
  EXPECT_EQ(chat.state(), "info_request.applicantType") << "and 2 chose the item again";
}

// --- restarts -------------------------------------------------------------------------------

// The states the happy path does not visit.
const std::vector<Turn> kInfoSidePaths{
    {"2", "info_request.applicantType"},
    {"2", "info_request.name"},
    {"青溪明远科技有限公司", "info_request.representative"},
    {"李四", "info_request.idDocument"},
    {"其他证件", "info_request.idOther"},
    {"返回", "info_request.idDocument"},
    {"91350100M000100Y43", "info_request.contact"},
    {"13900139000", "info_request.unit"},
    {"街道办", "info_request.unitChoice"},
    {"1", "info_request.info"},
    {"东城街道2025年老旧小区改造项目的实施方案", "info_request.form"},
    {"1", "info_request.delivery"},
    {"2", "info_request.email"},
    {"li@mingyuan.example.cn", "info_request.confirm"},
    {"修改", "info_request.amend"},
    {"返回", "info_request.confirm"},
    {"修改", "info_request.amend"},
    {"7", "info_request.delivery"},
    {"1", "info_request.address"},
    {"东城街道东风路31号", "info_request.confirm"},
    {"确认", "info_request.registering"},
    {"<info-registered>", "menu"},
};

TEST(InfoRequestSnapshot, ARestartAtEveryStateContinuesExactlyWhereTheApplicationWas) {
  std::set<std::string> seen = playWithRestarts(infoHappyPath());
  seen.merge(playWithRestarts(kInfoSidePaths));
  const std::set<std::string> everyState{
      "menu",
      "info_request.applicantType",
      "info_request.name",
      "info_request.representative",
      "info_request.idDocument",
      "info_request.idOther",
      "info_request.contact",
      "info_request.unit",
      "info_request.unitChoice",
      "info_request.info",
      "info_request.form",
      "info_request.delivery",
      "info_request.address",
      "info_request.email",
      "info_request.confirm",
      "info_request.amend",
      "info_request.registering",
  };
  EXPECT_EQ(seen, everyState);
}

TEST(InfoRequestSnapshot, TheSlotsHoldTheApplicationAndTheHistory) {
  Chat chat;
  walkInfoTo(chat, "info_request.info");
  const DialogSnapshot snapshot = chat.snapshot();
  EXPECT_EQ(snapshot.state, "info_request.info");
  EXPECT_EQ(snapshot.slots["application"]["unitId"], "edu");
  EXPECT_EQ(
      snapshot.slots["history"],
      (nlohmann::json{"info_request.applicantType", "info_request.name", "info_request.idDocument",
                      "info_request.contact", "info_request.unit"}));
  chat.restart();
  chat.send("返回");
  EXPECT_EQ(chat.state(), "info_request.unit");
}

TEST(InfoRequestSnapshot, SnapshotsThatCannotBeContinuedStartAfreshAtTheMenu) {
  Chat good;
  walkInfoTo(good, "info_request.info");
  const nlohmann::json slots = good.snapshot().slots;
  nlohmann::json badHistory = slots;
  badHistory["history"] = "info_request.unit";
  nlohmann::json complaintSlots = nlohmann::json::object();
  complaintSlots["form"] = nlohmann::json::object();
  const std::vector<DialogSnapshot> unusable{
      {"info_request.info", badHistory, kStart},
      {"info_request.info", nlohmann::json("not an object"), kStart},
      {"info_request.info", complaintSlots, kStart},  // a complaint's slots
      {"info_request.unitChoice", slots, kStart},     // nothing to choose from
      {"info_request.confirm", slots, kStart},        // incomplete
      {"info_request.registering", slots, kStart},
  };
  for (const DialogSnapshot& snapshot : unusable) {
    Chat chat(snapshot);
    EXPECT_EQ(chat.state(), "menu") << snapshot.state << " " << snapshot.slots.dump();
  }
}

// --- SMS --------------------------------------------------------------------------------------

TEST(InfoRequestSms, TheShortVariantsAreUsedOnSms) {
  Chat sms(ChatSetup{&smsTemplates(), {}, {}});
  Chat wechat;
  const DialogOutcome first = sms.send("2");
  EXPECT_TRUE(contains(first, "1公民 2法人或其他组织")) << joined(first);
  EXPECT_FALSE(contains(wechat.send("2"), "1公民 2法人或其他组织"));
  for (const auto& reply : first.replies) EXPECT_LE(utf8::length(reply), 70u) << reply;
  const DialogOutcome idPrompt = [&] {
    sms.send("1");
    return sms.send("张三");
  }();
  EXPECT_TRUE(contains(idPrompt, "请输入18位身份证号码")) << joined(idPrompt);
  for (const auto& reply : idPrompt.replies) EXPECT_LE(utf8::length(reply), 70u) << reply;
  sms.send("11010519491231002X");
  sms.send("13800138000");
  sms.send("教育局");
  const DialogOutcome form = sms.send("青教发〔2026〕3号");
  EXPECT_TRUE(contains(form, "1纸质 2电子")) << joined(form);
  const DialogOutcome delivery = sms.send("1");
  EXPECT_TRUE(contains(delivery, "1邮寄 2电子邮件 3当面领取 4在线")) << joined(delivery);
  for (const auto& reply : delivery.replies) EXPECT_LE(utf8::length(reply), 70u) << reply;
  const DialogOutcome summary = sms.send("3");
  EXPECT_TRUE(contains(summary, "回“确认”提交")) << joined(summary);
  EXPECT_TRUE(contains(summary, "1101**********002X"));
}

TEST(InfoRequestSms, EveryVariantIsShorterThanItsKey) {
  const Templates& plain = realTemplates();
  const Templates& sms = smsTemplates();
  for (const char* key :
       {"info_request.applicantType.prompt", "info_request.id.citizen.prompt",
        "info_request.id.organisation.prompt", "info_request.contact.prompt",
        "info_request.info.prompt", "info_request.form.prompt", "info_request.delivery.prompt"}) {
    EXPECT_LT(utf8::length(sms.render(key)), utf8::length(plain.render(key))) << key;
    EXPECT_LE(utf8::length(sms.render(key, {{"nav", sms.render("common.nav")}})), 70u) << key;
  }
}

}  // namespace
}  // namespace civicdesk::dialogs::testing
