// Email intake (issue 5): one mail may hold a whole complaint; one answer confirms what was
// understood and asks for everything missing; the reply completes it.
#include "dialogs/email/EmailIntake.hpp"

#include <gtest/gtest.h>

#include "tests/dialogs/DialogHarness.hpp"
#include "tests/dialogs/EmailIntakeHarness.hpp"

namespace civicdesk::dialogs {
namespace {

using testing::demoUnits;
using testing::kFriday;
using testing::mail;

TEST(EmailIntake, Complaint_Art8_AWholeComplaintInOneMailIsCompleteAtOnce) {
  auto r = continueEmailComplaint(
      nlohmann::json::object(),
      mail("投诉区教育局网站信息不更新",
           "您好：\n我要投诉青溪区教育局，其网站招生政策栏目自2022年起一直没有更新，"
           "2023年的招生简章仍挂在首页。\n姓名：王芳\n电话：13800138000\n"
           "地址：青溪区人民路100号\n"),
      testing::realTemplates(), demoUnits());
  ASSERT_TRUE(r.complete.has_value()) << r.reply;
  EXPECT_EQ(r.complete->respondentUnitId, "edu");
  EXPECT_EQ(r.complete->ground, workflows::ComplaintGround::NotUpdating);
  EXPECT_EQ(r.complete->complainant.name, "王芳");
  EXPECT_EQ(r.complete->complainant.phone, "13800138000");
  EXPECT_EQ(r.complete->complainant.email, "wangfang@example.com");
  EXPECT_TRUE(r.complete->admissibility.respondentIsPilotUnit.value_or(false));
  EXPECT_TRUE(r.draft.empty());
  const std::string ack = emailRegistered(testing::realTemplates(), demoUnits(), *r.complete,
                                          "TS-2026-000001", "2026-12-02");
  EXPECT_NE(ack.find("TS-2026-000001"), std::string::npos);
  EXPECT_NE(ack.find("2026-12-02"), std::string::npos);
  EXPECT_EQ(ack.find('{'), std::string::npos) << ack;
}

TEST(EmailIntake, OneAnswerConfirmsWhatWasUnderstoodAndAsksForAllThatIsMissing) {
  auto first = continueEmailComplaint(
      nlohmann::json::object(),
      mail("反映问题", "区教育局网站上的招生信息好几年没更新了，家长根本查不到今年的政策。"),
      testing::realTemplates(), demoUnits());
  ASSERT_FALSE(first.complete.has_value());
  // Understood: the unit and the facts (not the subject); asked: the ground (the likely one
  // named) and the address, numbered, in one mail.
  EXPECT_NE(first.reply.find("青溪区教育局"), std::string::npos) << first.reply;
  EXPECT_EQ(first.reply.find("事实经过：反映问题"), std::string::npos) << first.reply;
  EXPECT_NE(first.reply.find("可能是第2项"), std::string::npos) << first.reply;
  EXPECT_NE(first.reply.find("地址"), std::string::npos) << first.reply;
  EXPECT_NE(first.reply.find("1. "), std::string::npos) << first.reply;
  EXPECT_EQ(first.reply.find('{'), std::string::npos) << first.reply;
  ASSERT_FALSE(first.draft.empty());

  // The reply supplies the rest; the facts of the first mail stay.
  auto second = continueEmailComplaint(
      first.draft, mail("Re: 反映问题", "2\n地址：青溪区人民路100号\n手机：13800138000"),
      testing::realTemplates(), demoUnits());
  ASSERT_TRUE(second.complete.has_value()) << second.reply;
  EXPECT_EQ(second.complete->complainant.address, "青溪区人民路100号");
  EXPECT_NE(second.complete->facts.find("招生信息"), std::string::npos);
  EXPECT_EQ(second.complete->ground, workflows::ComplaintGround::NotUpdating);
}

TEST(EmailIntake, AGroundNotClearIsChosenByNumberInTheReply) {
  auto first = continueEmailComplaint(
      nlohmann::json::object(),
      mail("投诉",
           "我要投诉区教育局的工作人员态度问题，具体情况比较复杂。\n地址：青溪区人民路100号"),
      testing::realTemplates(), demoUnits());
  ASSERT_FALSE(first.complete.has_value());
  EXPECT_NE(first.reply.find("请回复编号"), std::string::npos) << first.reply;
  EXPECT_NE(first.reply.find("8 "), std::string::npos) << first.reply;
  auto second = continueEmailComplaint(first.draft, mail("Re: 投诉", "第8项"),
                                       testing::realTemplates(), demoUnits());
  ASSERT_TRUE(second.complete.has_value()) << second.reply;
  EXPECT_EQ(second.complete->ground, workflows::ComplaintGround::OtherBreach);
}

TEST(EmailIntake, Complaint_Art7_AUnitOutsideThePilotIsToldAtOnceAndNothingIsKept) {
  auto r = continueEmailComplaint(
      nlohmann::json::object(),
      mail("投诉", "我要投诉试点工作领导小组办公室网站信息没有更新。地址：青溪区人民路100号"),
      testing::realTemplates(), demoUnits());
  EXPECT_FALSE(r.complete.has_value());
  EXPECT_TRUE(r.draft.empty());
  EXPECT_NE(r.reply.find("第七条"), std::string::npos) << r.reply;
}

}  // namespace
}  // namespace civicdesk::dialogs
