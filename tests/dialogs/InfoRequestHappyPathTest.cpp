// The information-request dialog from the menu to a registered application (RULES.md
// "Information requests"; the regulation's Art. 29): a citizen, and an organisation.
#include <stdexcept>

#include <gtest/gtest.h>

#include "tests/dialogs/DialogHarness.hpp"
#include "workflows/info_requests/Application.hpp"

namespace civicdesk::dialogs::testing {
namespace {

using workflows::ApplicantType;
using workflows::Delivery;
using workflows::IdDocumentType;
using workflows::InfoForm;

TEST(InfoRequestDialog, ACitizenIsAskedForEveryItemAndTheCompleteApplicationIsRegistered) {
  Chat chat;
  EXPECT_TRUE(contains(chat.send("2"), "1 公民"));
  EXPECT_EQ(chat.state(), "info_request.applicantType");
  EXPECT_TRUE(contains(chat.send("1"), "请输入您的姓名"));
  EXPECT_TRUE(contains(chat.send("张三"), "居民身份证号码"));
  EXPECT_TRUE(contains(chat.send("11010519491231002x"), "手机号码"));
  EXPECT_TRUE(contains(chat.send("138 0013 8000"), "向哪个单位申请公开"));
  EXPECT_TRUE(contains(chat.send("教育局"), "向青溪区教育局申请公开的信息"));
  EXPECT_TRUE(
      contains(chat.send("《2026年义务教育招生工作方案》，文号青教发〔2026〕3号"), "1 纸质"));
  EXPECT_TRUE(contains(chat.send("2"), "3 当面领取"));
  EXPECT_TRUE(contains(chat.send("1"), "收件地址"));

  const DialogOutcome summary = chat.send("青溪区人民路1号");
  EXPECT_EQ(chat.state(), "info_request.confirm");
  for (const char* shown :
       {"申请人：张三（公民）", "居民身份证 1101**********002X", "138****8000", "青溪区教育局",
        "名称：《2026年义务教育招生工作方案》", "文号：青教发〔2026〕3号", "获取形式：电子",
        "邮寄至 青溪区人民路1号", "确认", "修改"}) {
    EXPECT_TRUE(contains(summary, shown)) << shown << " missing from\n" << joined(summary);
  }
  EXPECT_FALSE(contains(summary, "11010519491231002X")) << "the summary masks the ID number";
  EXPECT_FALSE(contains(summary, "13800138000")) << "and the phone";
  EXPECT_FALSE(contains(summary, "法定代表人")) << "a citizen has none";

  const DialogOutcome confirmed = chat.send("确认");
  EXPECT_EQ(chat.state(), "info_request.registering");
  EXPECT_FALSE(confirmed.registerComplaint.has_value());
  ASSERT_TRUE(confirmed.registerInfoRequest.has_value());
  const workflows::Application& a = confirmed.registerInfoRequest->application;
  EXPECT_EQ(a.applicant.type, ApplicantType::Citizen);
  EXPECT_EQ(a.applicant.name, "张三");
  EXPECT_EQ(a.applicant.representative, "");
  EXPECT_EQ(a.applicant.idType, IdDocumentType::ResidentId);
  EXPECT_EQ(a.applicant.idNumber, "11010519491231002X");
  EXPECT_EQ(a.applicant.phone, "13800138000");
  EXPECT_EQ(a.applicant.email, "");
  EXPECT_EQ(a.applicant.address, "青溪区人民路1号");
  EXPECT_EQ(a.unitId, "edu");
  EXPECT_EQ(a.info.title, "2026年义务教育招生工作方案");
  EXPECT_EQ(a.info.documentNumber, "青教发〔2026〕3号");
  EXPECT_EQ(a.form, InfoForm::Electronic);
  EXPECT_EQ(a.delivery, Delivery::Post);
  EXPECT_TRUE(workflows::missingApplicationItems(a).empty());

  const DialogOutcome done = chat.infoRegistered("YS-2026-000001");
  EXPECT_TRUE(contains(done, "申请编号：YS-2026-000001"));
  // The chat's clock: 2026-01-01 00:00 UTC plus a minute a message, in Asia/Shanghai.
  EXPECT_TRUE(contains(done, "收到申请的日期为今天（2026-01-01）"));
  EXPECT_TRUE(contains(done, "2026-02-02 前答复"));
  EXPECT_TRUE(contains(done, "请回复编号选择服务")) << "and the menu follows";
  EXPECT_EQ(chat.state(), "menu");
  EXPECT_TRUE(chat.snapshot().slots.empty()) << "nothing of the application stays in the slots";
}

TEST(InfoRequestDialog, AnOrganisationGivesItsNameRepresentativeAndCreditCode) {
  Chat chat;
  chat.send("申请公开");
  EXPECT_TRUE(contains(chat.send("2"), "法人或其他组织的名称"));
  EXPECT_TRUE(contains(chat.send("青溪明远科技有限公司"), "法定代表人或联系人"));
  EXPECT_EQ(chat.state(), "info_request.representative");
  EXPECT_TRUE(contains(chat.send("李四"), "统一社会信用代码"));
  EXPECT_EQ(chat.state(), "info_request.idDocument");
  chat.send("91350100M000100Y43");
  EXPECT_EQ(chat.state(), "info_request.contact");
  chat.send("13900139000 li@mingyuan.example.cn");
  EXPECT_EQ(chat.state(), "info_request.unit");
  chat.send("民政局");
  chat.send("2025年度养老服务补贴资金的发放名单和标准");
  EXPECT_EQ(chat.state(), "info_request.form");
  chat.send("电子");
  const DialogOutcome summary = chat.send("电子邮件");
  EXPECT_EQ(chat.state(), "info_request.confirm") << "the email was given as the contact";
  for (const char* shown :
       {"申请人：青溪明远科技有限公司（法人或其他组织）", "法定代表人或联系人：李四",
        "统一社会信用代码 9135**********0Y43", "139****9000，li@mingyuan.example.cn",
        "青溪区民政局", "描述：2025年度养老服务补贴资金",
        "电子邮件发送至 li@mingyuan.example.cn"}) {
    EXPECT_TRUE(contains(summary, shown)) << shown << " missing from\n" << joined(summary);
  }
  const DialogOutcome confirmed = chat.send("确认");
  ASSERT_TRUE(confirmed.registerInfoRequest.has_value());
  const workflows::Application& a = confirmed.registerInfoRequest->application;
  EXPECT_EQ(a.applicant.type, ApplicantType::Organisation);
  EXPECT_EQ(a.applicant.name, "青溪明远科技有限公司");
  EXPECT_EQ(a.applicant.representative, "李四");
  EXPECT_EQ(a.applicant.idType, IdDocumentType::CreditCode);
  EXPECT_EQ(a.applicant.idNumber, "91350100M000100Y43");
  EXPECT_EQ(a.applicant.phone, "13900139000");
  EXPECT_EQ(a.applicant.email, "li@mingyuan.example.cn");
  EXPECT_EQ(a.unitId, "civil");
  EXPECT_EQ(a.info.title, "");
  EXPECT_EQ(a.info.documentNumber, "");
  EXPECT_EQ(a.info.features, "2025年度养老服务补贴资金的发放名单和标准");
  EXPECT_EQ(a.delivery, Delivery::Email);
  EXPECT_TRUE(workflows::missingApplicationItems(a).empty());
  EXPECT_TRUE(contains(chat.infoRegistered("YS-2026-000002"), "YS-2026-000002"));
  EXPECT_EQ(chat.state(), "menu");
}

TEST(InfoRequestDialog, ConfirmingAsksNothingMoreUntilTheRequestIsRegistered) {
  Chat chat;
  walkInfoTo(chat, "info_request.registering");
  EXPECT_TRUE(contains(chat.send("好了吗"), "正在登记"));
  EXPECT_FALSE(chat.send("返回").registerInfoRequest.has_value());
  EXPECT_EQ(chat.state(), "info_request.registering");
  EXPECT_THROW(chat.registered("TS-2026-000001"), std::logic_error) << "not a complaint";
  EXPECT_TRUE(contains(chat.infoRegistered("YS-2026-000007"), "YS-2026-000007"));
  EXPECT_EQ(chat.state(), "menu");
}

TEST(InfoRequestDialog, InfoRequestRegisteredWithoutAPendingApplicationIsAProgrammingError) {
  Chat chat;
  EXPECT_THROW(chat.infoRegistered("YS-2026-000001"), std::logic_error);
  walkTo(chat, "complaint.registering");
  EXPECT_THROW(chat.infoRegistered("YS-2026-000001"), std::logic_error);
}

TEST(InfoRequestDialog, AmendingAnItemReturnsToTheSummaryAndKeepsTheRest) {
  Chat chat;
  walkInfoTo(chat, "info_request.confirm");
  EXPECT_TRUE(contains(chat.send("修改"), "7 获取方式"));
  chat.send("7");
  EXPECT_EQ(chat.state(), "info_request.delivery");
  EXPECT_TRUE(contains(chat.send("3"), "获取方式：当面领取"));
  EXPECT_EQ(chat.state(), "info_request.confirm");
  chat.send("修改");
  chat.send("5");
  EXPECT_EQ(chat.state(), "info_request.info");
  EXPECT_TRUE(contains(chat.send("关于青溪区第二中学扩建工程的批复，2025年下发"), "描述：关于"));
  EXPECT_EQ(chat.state(), "info_request.confirm");
  const DialogOutcome confirmed = chat.send("确认");
  ASSERT_TRUE(confirmed.registerInfoRequest.has_value());
  const auto& a = confirmed.registerInfoRequest->application;
  EXPECT_EQ(a.delivery, Delivery::Pickup);
  EXPECT_EQ(a.info.title, "");
  EXPECT_EQ(a.info.features, "关于青溪区第二中学扩建工程的批复，2025年下发");
  EXPECT_EQ(a.applicant.idNumber, "11010519491231002X");
  EXPECT_EQ(a.unitId, "edu");
}

TEST(InfoRequestDialog, ChangingTheApplicantTypeAsksForTheOrganisationsDocumentAgain) {
  Chat chat;
  walkInfoTo(chat, "info_request.confirm");
  chat.send("修改");
  chat.send("1");
  EXPECT_EQ(chat.state(), "info_request.applicantType");
  chat.send("2");
  EXPECT_EQ(chat.state(), "info_request.name");
  chat.send("青溪明远科技有限公司");
  chat.send("张三");
  EXPECT_EQ(chat.state(), "info_request.idDocument") << "a resident ID is not a credit code";
  EXPECT_TRUE(contains(chat.send("91350100M000100Y43"), "法定代表人或联系人：张三"));
  EXPECT_EQ(chat.state(), "info_request.confirm");
}

TEST(InfoRequestDialog, KeepingTheSameApplicantTypeWhenAmendingAsksTheNameAgain) {
  Chat chat;
  walkInfoTo(chat, "info_request.confirm");
  chat.send("修改");
  chat.send("1");
  chat.send("1");
  EXPECT_EQ(chat.state(), "info_request.name");
  EXPECT_TRUE(contains(chat.send("张三丰"), "申请人：张三丰（公民）"));
  EXPECT_EQ(chat.state(), "info_request.confirm");
}

TEST(InfoRequestDialog, AnythingElseAtTheSummaryRepeatsTheChoice) {
  Chat chat;
  walkInfoTo(chat, "info_request.confirm");
  EXPECT_TRUE(contains(chat.send("嗯嗯嗯？"), "请回复“确认”提交"));
  EXPECT_EQ(chat.state(), "info_request.confirm");
  chat.send("修改");
  EXPECT_TRUE(contains(chat.send("9"), "1 到 7"));
  EXPECT_EQ(chat.state(), "info_request.amend");
}

}  // namespace
}  // namespace civicdesk::dialogs::testing
