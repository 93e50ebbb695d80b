// Art. 4: the ground of the complaint, guessed from the citizen's words and confirmed, or
// chosen by number.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/dialogs/DialogHarness.hpp"

namespace civicdesk::dialogs::testing {
namespace {

const char* const kGroundTitles[] = {
    "1 不依法履行信息公开义务",       "2 不及时更新公开的信息",
    "3 不及时受理、处理信息公开申请", "4 不及时受理、处理信息公开方面的投诉举报",
    "5 违反规定把信息作为有偿服务",   "6 通过其他组织或个人违规收取费用",
    "7 公开了不应当公开的信息",       "8 其他违反《政府信息公开条例》的行为"};

int storedGround(const Chat& chat) {
  return chat.snapshot().slots["form"]["ground"].get<int>();
}

TEST(ComplaintDialog_Art4, FreeTextIsGuessedShownWithAllEightAndConfirmedWithYes) {
  Chat chat;
  walkTo(chat, "complaint.ground");
  const DialogOutcome proposal = chat.send("要通过中介交钱才给信息");
  EXPECT_EQ(chat.state(), "complaint.groundConfirm");
  EXPECT_TRUE(contains(proposal, "您反映的是否属于：第6项 通过其他组织或个人违规收取费用？"));
  EXPECT_TRUE(contains(proposal, "回复“是”确认"));
  for (const char* title : kGroundTitles) EXPECT_TRUE(contains(proposal, title)) << title;

  chat.send("对");
  EXPECT_EQ(chat.state(), "complaint.facts");
  EXPECT_EQ(storedGround(chat), 6);
}

TEST(ComplaintDialog_Art4, ANumberAtTheProposalPicksThatGroundInstead) {
  Chat chat;
  walkTo(chat, "complaint.groundConfirm");  // proposed: ground 2
  chat.send("第五项");
  EXPECT_EQ(chat.state(), "complaint.facts");
  EXPECT_EQ(storedGround(chat), 5);
}

TEST(ComplaintDialog_Art4, OneAtTheProposalMeansGroundOneNotYes) {
  Chat chat;
  walkTo(chat, "complaint.groundConfirm");  // proposed: ground 2
  chat.send("1");
  EXPECT_EQ(storedGround(chat), 1);
}

TEST(ComplaintDialog_Art4, ANumberAtTheFirstQuestionPicksDirectly) {
  Chat chat;
  walkTo(chat, "complaint.ground");
  chat.send("七");
  EXPECT_EQ(chat.state(), "complaint.facts");
  EXPECT_EQ(storedGround(chat), 7);
}

TEST(ComplaintDialog_Art4, WordsThatMatchNoGroundListAllEightToChooseFrom) {
  Chat chat;
  walkTo(chat, "complaint.ground");
  const DialogOutcome outcome = chat.send("我觉得他们态度不好");
  EXPECT_EQ(chat.state(), "complaint.groundConfirm");
  EXPECT_TRUE(contains(outcome, "请回复编号，选择最接近的问题类型"));
  for (const char* title : kGroundTitles) EXPECT_TRUE(contains(outcome, title)) << title;
  chat.send("是");  // nothing to confirm: asked to choose again
  EXPECT_EQ(chat.state(), "complaint.groundConfirm");
  chat.send("8");
  EXPECT_EQ(storedGround(chat), 8);
}

TEST(ComplaintDialog_Art4, NoDropsTheGuessAndAsksForANumber) {
  Chat chat;
  walkTo(chat, "complaint.groundConfirm");
  const DialogOutcome outcome = chat.send("不是");
  EXPECT_TRUE(contains(outcome, "请回复编号，选择最接近的问题类型"));
  EXPECT_EQ(chat.state(), "complaint.groundConfirm");
  chat.send("是");
  EXPECT_EQ(chat.state(), "complaint.groundConfirm") << "no guess left to confirm";
}

TEST(ComplaintDialog_Art4, DescribingAgainAtTheProposalGuessesAgain) {
  Chat chat;
  walkTo(chat, "complaint.groundConfirm");
  EXPECT_TRUE(contains(chat.send("他们把我的身份证号泄露了"), "第7项"));
  chat.send("是");
  EXPECT_EQ(storedGround(chat), 7);
}

TEST(ComplaintDialog_Art4, ANumberOutsideOneToEightIsNotAGround) {
  Chat chat;
  walkTo(chat, "complaint.groundConfirm");
  EXPECT_TRUE(contains(chat.send("9"), "请回复编号"));
  EXPECT_EQ(chat.state(), "complaint.groundConfirm");
}

}  // namespace
}  // namespace civicdesk::dialogs::testing
