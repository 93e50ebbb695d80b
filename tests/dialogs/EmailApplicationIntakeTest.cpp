// Applications for government information by email (issue 6): one mail may hold the whole
// application (Art. 29); one answer confirms what was understood and asks for everything
// missing, the reply completes it; identity documents are checked as the dialog checks them.
#include "dialogs/email/EmailApplicationIntake.hpp"

#include <gtest/gtest.h>

#include "dialogs/common/TextMatchers.hpp"
#include "tests/dialogs/DialogHarness.hpp"
#include "tests/dialogs/EmailIntakeHarness.hpp"

namespace civicdesk::dialogs {
namespace {

using testing::demoUnits;
using testing::kFriday;
using testing::mail;

constexpr const char* kResidentId = "11010519491231002X";  // GB 11643's own example
constexpr const char* kCreditCode = "91350100M000100Y43";

EmailApplicationResult first(const std::string& subject, const std::string& text) {
  return continueEmailApplication(nlohmann::json::object(), mail(subject, text),
                                  testing::realTemplates(), demoUnits());
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(EmailApplicationIntake, InfoRequest_Art29_AWholeApplicationInOneMailIsCompleteAtOnce) {
  const auto r = first("信息公开申请",
                       "您好：\n我申请公开青溪区教育局《2026年义务教育招生工作方案》"
                       "（青教发〔2026〕3号），请以电子版发送到我的邮箱。\n"
                       "申请人：王芳\n身份证号：" +
                           std::string(kResidentId) + "\n手机：13800138000\n");
  ASSERT_TRUE(r.complete.has_value()) << r.reply;
  const auto& a = *r.complete;
  EXPECT_EQ(a.applicant.type, workflows::ApplicantType::Citizen);
  EXPECT_EQ(a.applicant.name, "王芳");
  EXPECT_EQ(a.applicant.idType, workflows::IdDocumentType::ResidentId);
  EXPECT_EQ(a.applicant.idNumber, kResidentId);
  EXPECT_EQ(a.applicant.phone, "13800138000");
  EXPECT_EQ(a.applicant.email, "wangfang@example.com");
  EXPECT_EQ(a.unitId, "edu");
  EXPECT_EQ(a.info.title, "2026年义务教育招生工作方案");
  EXPECT_EQ(a.info.documentNumber, "青教发〔2026〕3号");
  EXPECT_EQ(a.form, workflows::InfoForm::Electronic);
  EXPECT_EQ(a.delivery, workflows::Delivery::Email);
  EXPECT_TRUE(r.draft.empty());
  EXPECT_TRUE(workflows::missingApplicationItems(a).empty());

  const std::string ack = emailApplicationRegistered(testing::realTemplates(), demoUnits(), a,
                                                     "YS-2026-000001", "2026-11-27", "2026-12-18");
  EXPECT_TRUE(has(ack, "YS-2026-000001")) << ack;
  EXPECT_TRUE(has(ack, "2026-11-27")) << ack;
  EXPECT_TRUE(has(ack, "2026-12-18")) << ack;
  EXPECT_TRUE(has(ack, "青溪区教育局")) << ack;
  EXPECT_EQ(ack.find('{'), std::string::npos) << ack;
}

TEST(EmailApplicationIntake, AMissingIdIsAskedForInOneAnswerAndTheReplyCompletesIt) {
  const auto r = first("申请公开",
                       "我叫王芳，申请公开青溪区教育局2026年学区划分的相关文件，纸质版邮寄给我。\n"
                       "地址：青溪区人民路100号\n手机：13800138000");
  ASSERT_FALSE(r.complete.has_value());
  // Understood: the unit, the description, the form and the delivery with its address.
  EXPECT_TRUE(has(r.reply, "青溪区教育局")) << r.reply;
  EXPECT_TRUE(has(r.reply, "学区划分")) << r.reply;
  EXPECT_TRUE(has(r.reply, "纸质")) << r.reply;
  EXPECT_TRUE(has(r.reply, "邮寄至 青溪区人民路100号")) << r.reply;
  // Asked: the ID only, numbered.
  EXPECT_TRUE(has(r.reply, "1. 申请人的居民身份证号码")) << r.reply;
  EXPECT_FALSE(has(r.reply, "2. ")) << r.reply;
  EXPECT_EQ(r.reply.find('{'), std::string::npos) << r.reply;
  ASSERT_FALSE(r.draft.empty());

  const auto second = continueEmailApplication(
      r.draft, mail("Re: 申请公开", std::string("身份证号码：") + kResidentId),
      testing::realTemplates(), demoUnits());
  ASSERT_TRUE(second.complete.has_value()) << second.reply;
  EXPECT_EQ(second.complete->applicant.idNumber, kResidentId);
  EXPECT_EQ(second.complete->applicant.address, "青溪区人民路100号");
  EXPECT_EQ(second.complete->delivery, workflows::Delivery::Post);
  EXPECT_EQ(second.complete->form, workflows::InfoForm::Paper);
  EXPECT_TRUE(has(second.complete->info.features, "学区划分"));
}

TEST(EmailApplicationIntake, AnIdWithAWrongCheckDigitIsAskedForAgainWithTheReason) {
  const auto r = first("信息公开申请",
                       "申请人：王芳\n身份证：110105194912310021\n"
                       "申请公开青溪区教育局《2026年义务教育招生工作方案》，电子版。");
  ASSERT_FALSE(r.complete.has_value());
  EXPECT_TRUE(has(r.reply, "110105194912310021")) << r.reply;
  EXPECT_TRUE(has(r.reply, "校验码")) << r.reply;
  EXPECT_FALSE(has(r.reply, "********")) << "an invalid number is not shown as understood";

  // The reply carries the corrected number anywhere in its text.
  const auto second = continueEmailApplication(
      r.draft, mail("Re: 信息公开申请", std::string("抱歉写错了，正确的是") + kResidentId + "。"),
      testing::realTemplates(), demoUnits());
  ASSERT_TRUE(second.complete.has_value()) << second.reply;
  EXPECT_EQ(second.complete->applicant.idNumber, kResidentId);
}

TEST(EmailApplicationIntake, AnOrganisationAppliesWithItsCreditCodeThroughItsRepresentative) {
  const auto r = first("政府信息公开申请",
                       "我公司申请公开青溪区住房和城乡建设局《2026年老旧小区改造计划》，"
                       "请提供纸质文件，当面领取。\n"
                       "单位名称：青溪区某某建筑有限公司\n统一社会信用代码：" +
                           std::string(kCreditCode) + "\n联系人：张伟\n联系电话：13900139000");
  ASSERT_TRUE(r.complete.has_value()) << r.reply;
  const auto& who = r.complete->applicant;
  EXPECT_EQ(who.type, workflows::ApplicantType::Organisation);
  EXPECT_EQ(who.name, "青溪区某某建筑有限公司");
  EXPECT_EQ(who.representative, "张伟");
  EXPECT_EQ(who.idType, workflows::IdDocumentType::CreditCode);
  EXPECT_EQ(who.idNumber, kCreditCode);
  EXPECT_EQ(who.phone, "13900139000");
  EXPECT_EQ(r.complete->unitId, "housing");
  EXPECT_EQ(r.complete->form, workflows::InfoForm::Paper);
  EXPECT_EQ(r.complete->delivery, workflows::Delivery::Pickup);
}

TEST(EmailApplicationIntake, AnOrganisationWithoutItsCodeIsAskedForTheCodeNotAResidentId) {
  const auto r = first("信息公开申请",
                       "本公司申请公开青溪区教育局《2026年校舍维修项目招标公告》，电子版。\n"
                       "单位名称：青溪区某某科技有限公司\n联系人：张伟\n"
                       "联系人身份证号：" +
                           std::string(kResidentId));
  ASSERT_FALSE(r.complete.has_value());
  EXPECT_TRUE(has(r.reply, "统一社会信用代码")) << r.reply;
  EXPECT_FALSE(has(r.reply, "2. ")) << "only the code is missing: " << r.reply;
}

TEST(EmailApplicationIntake, NothingRecognisableIsAskedForAllAtOnce) {
  const auto r = first("申请", "请问怎么申请信息公开？");
  ASSERT_FALSE(r.complete.has_value());
  // The From name (a Chinese name) and the sender's address are shown to confirm; the ID,
  // unit, information, form and delivery are asked for: five questions in one mail.
  EXPECT_TRUE(has(r.reply, "姓名：王芳")) << r.reply;
  EXPECT_TRUE(has(r.reply, "5. ")) << r.reply;
  EXPECT_FALSE(has(r.reply, "6. ")) << r.reply;
}

TEST(TextMatchers, AsksForDisclosureIsConservative) {
  EXPECT_TRUE(text::asksForDisclosure("我申请公开区教育局2026年招生方案"));
  EXPECT_TRUE(text::asksForDisclosure("政府信息公开申请\n申请获取青教发〔2026〕3号文件"));
  EXPECT_FALSE(text::asksForDisclosure("我要投诉区教育局，我的信息公开申请没人处理"));
  EXPECT_FALSE(text::asksForDisclosure("我3月提交的信息公开申请至今没有答复"));
  EXPECT_FALSE(text::asksForDisclosure("区教育局网站招生信息好几年没更新了"));
}

}  // namespace
}  // namespace civicdesk::dialogs
