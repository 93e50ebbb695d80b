// The words that work at every step (取消, 返回, 帮助, 菜单), menu clicks in the middle of a
// complaint, and the idle reset.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/dialogs/DialogHarness.hpp"

namespace civicdesk::dialogs::testing {
namespace {

constexpr const char* kMenuLine = "请回复编号选择服务";

// One state of each kind of step: text, choice, yes/no, validated slot, summary.
const char* const kSomeSteps[] = {"complaint.unit",
                                  "complaint.respondentDetail",
                                  "complaint.ground",
                                  "complaint.groundConfirm",
                                  "complaint.facts",
                                  "complaint.evidence",
                                  "complaint.reportedElsewhere",
                                  "complaint.phone",
                                  "complaint.wantsReply",
                                  "complaint.confirm"};

TEST(DialogCommands, CancelAtAnyStepSaysNothingWasSavedAndShowsTheMenu) {
  for (const char* step : kSomeSteps) {
    Chat chat;
    walkTo(chat, step);
    const DialogOutcome outcome = chat.send("取消");
    ASSERT_EQ(outcome.replies.size(), 2u) << step;
    EXPECT_NE(outcome.replies[0].find("已取消本次投诉，填写的内容没有保存"), std::string::npos);
    EXPECT_NE(outcome.replies[1].find(kMenuLine), std::string::npos);
    EXPECT_FALSE(outcome.registerComplaint.has_value());
    EXPECT_EQ(chat.state(), "menu") << step;
    EXPECT_TRUE(chat.snapshot().slots.empty()) << step;
  }
}

TEST(DialogCommands, CancelIsUnderstoodWithPunctuationAndFullWidthSpaces) {
  for (const char* cancel : {"取消。", "　取消 ", "取消！"}) {
    Chat chat;
    walkTo(chat, "complaint.facts");
    chat.send(cancel);
    EXPECT_EQ(chat.state(), "menu") << cancel;
  }
}

TEST(DialogCommands, MenuInsideAComplaintLeavesItAndShowsTheMenu) {
  for (const char* word : {"菜单", "0", "０"}) {
    Chat chat;
    walkTo(chat, "complaint.facts");
    const DialogOutcome outcome = chat.send(word);
    EXPECT_TRUE(contains(outcome, "已退出投诉填写")) << word;
    EXPECT_TRUE(contains(outcome, kMenuLine)) << word;
    EXPECT_EQ(chat.state(), "menu");
  }
}

TEST(DialogCommands, BackGoesBackExactlyOneStepEachTimeAndAsksThatQuestionAgain) {
  Chat chat;
  walkTo(chat, "complaint.facts");  // via unit, detail, ground, groundConfirm
  const DialogOutcome first = chat.send("返回");
  EXPECT_EQ(chat.state(), "complaint.groundConfirm");
  EXPECT_TRUE(contains(first, "您反映的是否属于：第2项"));
  const DialogOutcome second = chat.send("返回");
  EXPECT_EQ(chat.state(), "complaint.ground");
  EXPECT_TRUE(contains(second, "哪方面的问题"));
  // and forward again from there
  chat.send("3");
  EXPECT_EQ(chat.state(), "complaint.facts");
  EXPECT_EQ(chat.snapshot().slots["form"]["ground"], 3);
}

TEST(DialogCommands, BackKeepsWhatWasAnsweredSoFar) {
  Chat chat;
  walkTo(chat, "complaint.address");
  chat.send("返回");
  EXPECT_EQ(chat.state(), "complaint.phone");
  chat.send("返回");
  EXPECT_EQ(chat.state(), "complaint.name");
  EXPECT_EQ(chat.snapshot().slots["form"]["complainant"]["phone"], "13800138000");
}

TEST(DialogCommands, BackAtTheFirstStepLeavesForTheMenu) {
  Chat chat;
  walkTo(chat, "complaint.unit");
  const DialogOutcome outcome = chat.send("返回");
  EXPECT_TRUE(contains(outcome, kMenuLine));
  EXPECT_EQ(chat.state(), "menu");
}

TEST(DialogCommands, HelpExplainsTheCurrentStepAndStaysThere) {
  struct Case {
    const char* step;
    const char* explains;
  };
  for (const Case& c :
       {Case{"complaint.unit", "单位名称"}, Case{"complaint.respondentDetail", "跳过"},
        Case{"complaint.ground", "8 其他违反"}, Case{"complaint.groundConfirm", "回复“是”表示确认"},
        Case{"complaint.facts", "什么时间"}, Case{"complaint.evidence", "截图"},
        Case{"complaint.reportedElsewhere", "第七条第（三）项"},
        Case{"complaint.supervisionDecided", "第七条第（四）项"}, Case{"complaint.name", "保密"},
        Case{"complaint.phone", "11位"}, Case{"complaint.address", "地址"},
        Case{"complaint.wantsReply", "答复"}, Case{"complaint.confirm", "案件编号"}}) {
    Chat chat;
    walkTo(chat, c.step);
    const DialogSnapshot before = chat.snapshot();
    const DialogOutcome outcome = chat.send("帮助");
    EXPECT_TRUE(contains(outcome, c.explains)) << c.step << "\n" << joined(outcome);
    EXPECT_EQ(chat.state(), c.step);
    EXPECT_EQ(chat.snapshot().slots, before.slots) << c.step;
  }
}

TEST(DialogCommands, TappingComplaintInThePlatformMenuMidwayContinuesWhereTheCitizenWas) {
  Chat chat;
  walkTo(chat, "complaint.phone");
  const DialogOutcome outcome = chat.click("COMPLAINT");
  EXPECT_TRUE(contains(outcome, "您正在填写投诉"));
  EXPECT_TRUE(contains(outcome, "请留下您的手机号"));
  EXPECT_EQ(chat.state(), "complaint.phone");
}

TEST(DialogCommands, TappingAnotherMenuItemMidwayLeavesTheComplaintAndDoesThat) {
  Chat chat;
  walkTo(chat, "complaint.facts");
  const DialogOutcome outcome = chat.click("PROGRESS");
  EXPECT_TRUE(contains(outcome, "已退出投诉填写"));
  EXPECT_TRUE(contains(outcome, "还没有提交过投诉"));
  EXPECT_EQ(chat.state(), "menu");
  EXPECT_TRUE(chat.snapshot().slots.empty());
}

TEST(DialogCommands, VoiceWithoutTextMidwayAsksToTypeAndKeepsTheStep) {
  Chat chat;
  walkTo(chat, "complaint.facts");
  DialogInput voice;
  voice.kind = DialogInput::Kind::VoiceWithoutText;
  EXPECT_TRUE(contains(chat.input(voice), "请直接输入文字"));
  EXPECT_EQ(chat.state(), "complaint.facts");
}

TEST(DialogIdle, MoreThanADayIdleClearsTheComplaintWithANoteThenReadsTheInputAtTheMenu) {
  Chat chat;
  walkTo(chat, "complaint.facts");
  chat.wait(kDay + 1);
  const DialogOutcome outcome = chat.send("这是昨天没写完的事实经过，网站一直没更新");
  ASSERT_EQ(outcome.replies.size(), 2u);
  EXPECT_NE(outcome.replies[0].find("由于长时间未操作，之前填写的内容已清除"), std::string::npos);
  EXPECT_NE(outcome.replies[1].find(kMenuLine), std::string::npos);
  EXPECT_EQ(chat.state(), "menu");
  EXPECT_TRUE(chat.snapshot().slots.empty());
}

TEST(DialogIdle, AfterTheResetAMenuChoiceIsFollowed) {
  Chat chat;
  walkTo(chat, "complaint.phone");
  chat.wait(3 * kDay);
  const DialogOutcome outcome = chat.send("1");
  EXPECT_TRUE(contains(outcome, "之前填写的内容已清除"));
  EXPECT_TRUE(contains(outcome, "您要投诉哪个单位"));
  EXPECT_EQ(chat.state(), "complaint.unit");
  EXPECT_TRUE(chat.snapshot().slots["form"]["complainant"]["phone"].get<std::string>().empty());
}

TEST(DialogIdle, ADayOrLessKeepsTheConversation) {
  Chat chat;
  walkTo(chat, "complaint.facts");
  chat.wait(kDay - 60);  // the next message comes exactly one day after the last
  const DialogOutcome outcome = chat.send("网站三个月没有更新招生信息");
  EXPECT_FALSE(contains(outcome, "长时间未操作"));
  EXPECT_EQ(chat.state(), "complaint.evidence");
}

TEST(DialogIdle, AtTheMenuThereIsNothingToClearAndNoNote) {
  Chat chat;
  chat.send("你好");
  chat.wait(10 * kDay);
  EXPECT_FALSE(contains(chat.send("你好"), "长时间未操作"));
}

}  // namespace
}  // namespace civicdesk::dialogs::testing
