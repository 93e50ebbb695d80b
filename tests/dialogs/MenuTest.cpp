// The main menu: how citizens choose, by number, word, dictated numeral or menu click.
#include <gtest/gtest.h>

#include "tests/dialogs/DialogHarness.hpp"

namespace civicdesk::dialogs::testing {
namespace {

constexpr const char* kMenuLine = "请回复编号选择服务";

TEST(Menu, SubscribeWelcomesWithTheDistrictsPilotAndShowsTheMenu) {
  Chat chat;
  DialogInput subscribe;
  subscribe.kind = DialogInput::Kind::Subscribe;
  const DialogOutcome outcome = chat.input(subscribe);
  ASSERT_EQ(outcome.replies.size(), 2u);
  EXPECT_NE(outcome.replies[0].find("青溪区政务公开标准化规范化试点"), std::string::npos);
  EXPECT_NE(outcome.replies[0].find("投诉举报"), std::string::npos);
  EXPECT_NE(outcome.replies[1].find("1 投诉举报"), std::string::npos);
  EXPECT_NE(outcome.replies[1].find("5 人工服务"), std::string::npos);
  EXPECT_EQ(chat.state(), "menu");
}

TEST(Menu, NumbersWordsFullWidthDigitsAndChineseNumeralsStartAComplaint) {
  for (const char* choice :
       {"1", "１", "一", "第一项", "1。", " 1 ", "投诉", "举报", "投诉举报", "我要投诉"}) {
    Chat chat;
    EXPECT_TRUE(contains(chat.send(choice), "您要投诉哪个单位")) << choice;
    EXPECT_EQ(chat.state(), "complaint.unit") << choice;
  }
}

TEST(Menu, NumbersAndWordsForItem2StartAnInformationRequest) {
  for (const char* choice : {"2", "２", "二", "申请公开", "依申请", "信息公开申请"}) {
    Chat chat;
    const DialogOutcome outcome = chat.send(choice);
    EXPECT_TRUE(contains(outcome, "申请政府信息公开")) << choice;
    EXPECT_TRUE(contains(outcome, "1 公民")) << choice;
    EXPECT_EQ(chat.state(), "info_request.applicantType") << choice;
  }
}

TEST(Menu, ItemsNotBuiltYetSaySoNameTheOfficesPhoneAndMailboxAndStay) {
  struct Case {
    const char* input;
    const char* service;
  };
  for (const Case& c :
       {Case{"4", "反映虚假或不一致信息"}, Case{"四", "反映虚假或不一致信息"},
        Case{"虚假", "反映虚假或不一致信息"}, Case{"不一致", "反映虚假或不一致信息"},
        Case{"谣言", "反映虚假或不一致信息"}}) {
    Chat chat;
    const DialogOutcome outcome = chat.send(c.input);
    EXPECT_TRUE(contains(outcome, std::string("“") + c.service + "”的在线服务正在建设中"))
        << c.input << "\n"
        << joined(outcome);
    EXPECT_TRUE(contains(outcome, "099-1000")) << c.input;
    EXPECT_TRUE(contains(outcome, "office@test.example")) << c.input;
    EXPECT_EQ(chat.state(), "menu") << c.input;
  }
}

TEST(ComplaintDialog_Art5, HumanServiceGivesTheOfficesComplaintPhoneAndMailboxAndStays) {
  for (const char* choice : {"5", "五", "５", "人工", "客服", "转人工"}) {
    Chat chat;
    const DialogOutcome outcome = chat.send(choice);
    EXPECT_TRUE(contains(outcome, "人工服务即将开通")) << choice;
    EXPECT_TRUE(contains(outcome, "099-1000")) << choice;
    EXPECT_TRUE(contains(outcome, "office@test.example")) << choice;
    EXPECT_EQ(chat.state(), "menu");
  }
}

TEST(Menu, TheMoreSpecificKeywordWinsInASentence) {
  Chat chat;
  EXPECT_TRUE(contains(chat.send("我要举报虚假信息"), "反映虚假或不一致信息"));
  EXPECT_TRUE(contains(chat.send("查询投诉进度"), "还没有提交过投诉"));  // item 3, ProgressTest
  EXPECT_EQ(chat.state(), "menu");
}

TEST(Menu, ClickKeysMapToTheItems) {
  {
    Chat chat;
    EXPECT_TRUE(contains(chat.click("COMPLAINT"), "您要投诉哪个单位"));
    EXPECT_EQ(chat.state(), "complaint.unit");
  }
  Chat chat;
  EXPECT_TRUE(contains(chat.click("INFO_REQUEST"), "申请政府信息公开"));
  EXPECT_TRUE(contains(chat.click("PROGRESS"), "还没有提交过投诉"));
  EXPECT_TRUE(contains(chat.click("FALSE_INFO"), "反映虚假或不一致信息"));
  EXPECT_TRUE(contains(chat.click("HUMAN"), "人工服务即将开通"));
  EXPECT_TRUE(contains(chat.click("NO_SUCH_KEY"), kMenuLine));
  EXPECT_EQ(chat.state(), "menu");
}

TEST(Menu, AnythingUnrecognisedAndTheMenuWordsShowTheMenu) {
  for (const char* input : {"你好", "", "9", "六", "菜单", "0", "取消", "返回"}) {
    Chat chat;
    EXPECT_TRUE(contains(chat.send(input), kMenuLine)) << input;
    EXPECT_EQ(chat.state(), "menu");
  }
}

TEST(Menu, HelpExplainsHowToChooseAndStays) {
  Chat chat;
  EXPECT_TRUE(contains(chat.send("帮助"), "回复编号"));
  EXPECT_EQ(chat.state(), "menu");
}

TEST(Menu, VoiceWithoutTextAsksToTypeAndStays) {
  Chat chat;
  DialogInput voice;
  voice.kind = DialogInput::Kind::VoiceWithoutText;
  EXPECT_TRUE(contains(chat.input(voice), "没有识别出语音内容，请直接输入文字"));
  EXPECT_EQ(chat.state(), "menu");
}

TEST(Menu, UnsupportedMessagesGetAPoliteNoteAndStay) {
  Chat chat;
  DialogInput other;
  other.kind = DialogInput::Kind::Unsupported;
  EXPECT_TRUE(contains(chat.input(other), "只能读懂文字和图片"));
  EXPECT_EQ(chat.state(), "menu");
}

TEST(Menu, APictureOutsideAComplaintIsNotKeptAndTheCitizenIsToldHowToUseIt) {
  Chat chat;
  EXPECT_TRUE(contains(chat.image("media-9"), "没有保存"));
  EXPECT_EQ(chat.state(), "menu");
  EXPECT_TRUE(chat.snapshot().slots.empty());
}

}  // namespace
}  // namespace civicdesk::dialogs::testing
