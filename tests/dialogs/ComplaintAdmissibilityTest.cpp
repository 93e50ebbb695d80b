// Art. 7(3) and (4): the questions only the citizen can answer, and the refusals they lead to.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/dialogs/DialogHarness.hpp"

namespace civicdesk::dialogs::testing {
namespace {

TEST(ComplaintDialog_Art7, Item3_ReportedElsewhereAndNotDeclinedIsRefusedWithTheArticle) {
  Chat chat;
  walkTo(chat, "complaint.reportedElsewhere");
  EXPECT_TRUE(contains(chat.send("是"), "不予受理的决定"));
  EXPECT_EQ(chat.state(), "complaint.otherAgencyDeclined");
  const DialogOutcome outcome = chat.send("否");
  EXPECT_TRUE(contains(outcome, "不能在这里受理"));
  EXPECT_TRUE(contains(outcome, "根据《信息公开举报投诉处理制度》第七条第（三）项"));
  EXPECT_TRUE(contains(outcome, "正在处理的机关"));
  EXPECT_TRUE(contains(outcome, "099-1000")) << "the office's phone for questions";
  EXPECT_FALSE(outcome.registerComplaint.has_value());
  EXPECT_EQ(chat.state(), "menu");
  EXPECT_TRUE(chat.snapshot().slots.empty()) << "nothing of the complaint is kept";
}

TEST(ComplaintDialog_Art7, Item3_TheOtherAgencyHavingDeclinedLiftsTheBarAndTheDialogGoesOn) {
  Chat chat;
  walkTo(chat, "complaint.reportedElsewhere");
  chat.send("是");
  chat.send("是");
  EXPECT_EQ(chat.state(), "complaint.supervisionDecided");
  chat.send("否");
  EXPECT_EQ(chat.state(), "complaint.name");
  const nlohmann::json facts = chat.snapshot().slots["form"]["admissibility"];
  EXPECT_EQ(facts["reportedElsewhere"], true);
  EXPECT_EQ(facts["otherAgencyDeclined"], true);
  EXPECT_EQ(facts["supervisionAlreadyDecided"], false);
}

TEST(ComplaintDialog_Art7, Item4_TheSupervisionBodyHavingDecidedIsRefusedWithTheArticle) {
  Chat chat;
  walkTo(chat, "complaint.supervisionDecided");
  const DialogOutcome outcome = chat.send("是的");
  EXPECT_TRUE(contains(outcome, "根据《信息公开举报投诉处理制度》第七条第（四）项"));
  EXPECT_TRUE(contains(outcome, "原处理决定继续有效"));
  EXPECT_TRUE(contains(outcome, "099-1000"));
  EXPECT_FALSE(outcome.registerComplaint.has_value());
  EXPECT_EQ(chat.state(), "menu");
}

TEST(ComplaintDialog_Art7, YesIsUnderstoodInManyForms) {
  for (const char* yes : {"是", "是的", "对", "有", "嗯", "yes", "YES", "1", "１", "是。"}) {
    Chat chat;
    walkTo(chat, "complaint.reportedElsewhere");
    chat.send(yes);
    EXPECT_EQ(chat.state(), "complaint.otherAgencyDeclined") << yes;
  }
}

TEST(ComplaintDialog_Art7, NoIsUnderstoodInManyForms) {
  for (const char* no : {"否", "不是", "没有", "无", "no", "No", "2", "没有。"}) {
    Chat chat;
    walkTo(chat, "complaint.reportedElsewhere");
    chat.send(no);
    EXPECT_EQ(chat.state(), "complaint.supervisionDecided") << no;
  }
}

TEST(ComplaintDialog_Art7, AnAnswerThatIsNeitherIsAskedAgain) {
  Chat chat;
  walkTo(chat, "complaint.reportedElsewhere");
  EXPECT_TRUE(contains(chat.send("可能吧"), "请回复“是”或“否”"));
  EXPECT_EQ(chat.state(), "complaint.reportedElsewhere");
}

TEST(ComplaintDialog_Art7, ChangingTheAnswersFromTheSummaryAsksBothQuestionsAgain) {
  Chat chat;
  walkTo(chat, "complaint.confirm");
  chat.send("修改");
  chat.send("5");
  EXPECT_EQ(chat.state(), "complaint.reportedElsewhere");
  chat.send("是");
  chat.send("是");
  EXPECT_EQ(chat.state(), "complaint.supervisionDecided");
  chat.send("否");
  EXPECT_EQ(chat.state(), "complaint.confirm");
  const DialogOutcome confirmed = chat.send("确认");
  ASSERT_TRUE(confirmed.registerComplaint.has_value());
  EXPECT_EQ(confirmed.registerComplaint->form.admissibility.otherAgencyDeclined, true);
}

}  // namespace
}  // namespace civicdesk::dialogs::testing
