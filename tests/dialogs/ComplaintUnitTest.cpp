// The unit step: exact names, suggestions picked by number, unknown names, and Art. 7(1).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/dialogs/DialogHarness.hpp"

namespace civicdesk::dialogs::testing {
namespace {

TEST(ComplaintDialog_Unit, AFuzzyNameListsSuggestionsAndANumberPicksOne) {
  Chat chat;
  chat.send("1");
  const DialogOutcome offered = chat.send("街道办");
  EXPECT_EQ(chat.state(), "complaint.unitChoice");
  EXPECT_TRUE(contains(offered, "您是指："));
  EXPECT_TRUE(contains(offered, "1 青溪区东城街道办事处"));
  EXPECT_TRUE(contains(offered, "2 青溪区西苑街道办事处"));

  EXPECT_TRUE(contains(chat.send("２"), "被投诉单位：青溪区西苑街道办事处"));
  EXPECT_EQ(chat.state(), "complaint.respondentDetail");
  EXPECT_EQ(chat.snapshot().slots["form"]["respondentUnitId"], "xiyuan");
}

TEST(ComplaintDialog_Unit, ANumberOutsideTheListIsAskedAgain) {
  Chat chat;
  chat.send("1");
  chat.send("街道办");
  EXPECT_TRUE(contains(chat.send("3"), "1 到 2"));
  EXPECT_EQ(chat.state(), "complaint.unitChoice");
}

TEST(ComplaintDialog_Unit, RetypingANameAtTheSuggestionsResolvesIt) {
  Chat chat;
  chat.send("1");
  chat.send("街道办");
  EXPECT_TRUE(contains(chat.send("东城街道"), "青溪区东城街道办事处"));
  EXPECT_EQ(chat.state(), "complaint.respondentDetail");
}

TEST(ComplaintDialog_Unit, AnUnknownNameSaysSoGivesExamplesAndMentionsArt7Item1) {
  Chat chat;
  chat.send("1");
  const DialogOutcome outcome = chat.send("火星管理局");
  EXPECT_EQ(chat.state(), "complaint.unit");
  EXPECT_TRUE(contains(outcome, "没有找到“火星管理局”"));
  EXPECT_TRUE(contains(outcome, "青溪区教育局"));
  EXPECT_TRUE(contains(outcome, "第七条第（一）项"));
  // and the citizen can simply type again
  chat.send("教育局");
  EXPECT_EQ(chat.state(), "complaint.respondentDetail");
}

TEST(ComplaintDialog_Art7, Item1_ANonPilotUnitIsRefusedWithTheGroundAndItsOwnContacts) {
  Chat chat;
  chat.send("1");
  const DialogOutcome outcome = chat.send("信访局");
  EXPECT_TRUE(contains(outcome, "“青溪区信访局”不是青溪区政务公开试点单位"));
  EXPECT_TRUE(contains(outcome, "《信息公开举报投诉处理制度》第七条第（一）项"));
  EXPECT_TRUE(contains(outcome, "099-1018"));
  EXPECT_TRUE(contains(outcome, "petition@test.example"));
  EXPECT_FALSE(outcome.registerComplaint.has_value());
  EXPECT_EQ(chat.state(), "menu");
  EXPECT_TRUE(chat.snapshot().slots.empty());
}

TEST(ComplaintDialog_Art7, Item1_ANonPilotUnitPickedFromSuggestionsIsRefusedToo) {
  Chat chat;
  chat.send("1");
  chat.send("领导小组");  // the office is in the directory but not a pilot unit
  ASSERT_EQ(chat.state(), "complaint.unitChoice");
  const DialogOutcome outcome = chat.send("1");
  EXPECT_TRUE(contains(outcome, "第七条第（一）项"));
  EXPECT_TRUE(contains(outcome, "office@test.example"));
  EXPECT_EQ(chat.state(), "menu");
}

TEST(ComplaintDialog_Unit, TheDetailCanBeSkipped) {
  for (const char* skip : {"跳过", "不清楚", "不知道"}) {
    Chat chat;
    walkTo(chat, "complaint.respondentDetail");
    chat.send(skip);
    EXPECT_EQ(chat.state(), "complaint.ground");
    EXPECT_EQ(chat.snapshot().slots["form"]["respondentDetail"], "") << skip;
  }
}

}  // namespace
}  // namespace civicdesk::dialogs::testing
