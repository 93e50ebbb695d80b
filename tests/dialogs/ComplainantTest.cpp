// Art. 8: facts, evidence and the complainant's details, each checked before the dialog moves on.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/dialogs/DialogHarness.hpp"

namespace civicdesk::dialogs::testing {
namespace {

TEST(ComplaintDialog_Art8, FactsTooShortAreAskedForInMoreDetail) {
  Chat chat;
  walkTo(chat, "complaint.facts");
  for (const char* tooShort : {"", "   ", "有问题", "不公开。"}) {
    EXPECT_TRUE(contains(chat.send(tooShort), "至少6个字")) << tooShort;
    EXPECT_EQ(chat.state(), "complaint.facts");
  }
  chat.send("网站三个月没有更新招生信息");
  EXPECT_EQ(chat.state(), "complaint.evidence");
}

TEST(ComplaintDialog_Art8, PicturesAndNotesAreCollectedAsEvidenceUntilDone) {
  Chat chat;
  walkTo(chat, "complaint.evidence");
  EXPECT_TRUE(contains(chat.image("m-1", "https://media.example/m-1.jpg"), "现有证据1份"));
  EXPECT_TRUE(contains(chat.image("m-2"), "现有证据2份"));
  EXPECT_TRUE(contains(chat.send("2025年10月8日提交过申请"), "现有证据3份"));
  EXPECT_EQ(chat.state(), "complaint.evidence");
  chat.send("好了");
  EXPECT_EQ(chat.state(), "complaint.reportedElsewhere");
  const nlohmann::json evidence = chat.snapshot().slots["form"]["evidence"];
  ASSERT_EQ(evidence.size(), 3u);
  EXPECT_EQ(evidence[0]["kind"], "image");
  EXPECT_EQ(evidence[0]["url"], "https://media.example/m-1.jpg");
  EXPECT_EQ(evidence[2]["kind"], "text");
}

TEST(ComplaintDialog_Art8, NoEvidenceMovesOn) {
  for (const char* none : {"没有", "完成", "好了"}) {
    Chat chat;
    walkTo(chat, "complaint.evidence");
    chat.send(none);
    EXPECT_EQ(chat.state(), "complaint.reportedElsewhere") << none;
    EXPECT_TRUE(chat.snapshot().slots["form"]["evidence"].empty());
  }
}

TEST(ComplaintDialog_Art8, APictureAtAnyLaterStepIsKeptAsEvidenceAndTheStepStays) {
  for (const char* state : {"complaint.respondentDetail", "complaint.ground", "complaint.facts",
                            "complaint.supervisionDecided", "complaint.phone"}) {
    Chat chat;
    walkTo(chat, state);
    const auto before = chat.snapshot().slots["form"]["evidence"].size();
    EXPECT_TRUE(contains(chat.image("late"), "已收到图片，作为证据保存")) << state;
    EXPECT_EQ(chat.state(), state);
    EXPECT_EQ(chat.snapshot().slots["form"]["evidence"].size(), before + 1) << state;
  }
}

TEST(ComplaintDialog_Art8, APictureBeforeTheUnitIsKnownIsNotKept) {
  Chat chat;
  walkTo(chat, "complaint.unit");
  EXPECT_TRUE(contains(chat.image("early"), "暂未保存"));
  EXPECT_EQ(chat.state(), "complaint.unit");
  EXPECT_TRUE(chat.snapshot().slots["form"]["evidence"].empty());
}

TEST(ComplaintDialog_Art8, NamesOutsideTwoToThirtyCharactersOrThatAreNumbersAreAskedAgain) {
  Chat chat;
  walkTo(chat, "complaint.name");
  for (const char* bad : {"", "张", "13800138000",
                          "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一"}) {
    EXPECT_TRUE(contains(chat.send(bad), "2到30个字")) << bad;
    EXPECT_EQ(chat.state(), "complaint.name");
  }
  chat.send(" 李四 ");
  EXPECT_EQ(chat.snapshot().slots["form"]["complainant"]["name"], "李四");
  EXPECT_EQ(chat.state(), "complaint.phone");
}

TEST(ComplaintDialog_Art8, AnInvalidMobileIsExplainedAndAskedAgain) {
  Chat chat;
  walkTo(chat, "complaint.phone");
  for (const char* bad : {"12345", "1380013800", "138001380001", "12800138000", "23800138000",
                          "099-86120001", "+1 2025550123", "手机号码", "邮箱a@b.c", ""}) {
    EXPECT_TRUE(contains(chat.send(bad), "11位手机号")) << bad;
    EXPECT_EQ(chat.state(), "complaint.phone") << bad;
  }
}

TEST(ComplaintDialog_Art8, MobilesAreAcceptedAsTypedOrDictated) {
  for (const char* good :
       {"13800138000", "138 0013 8000", "138-0013-8000", "+86 138 0013 8000", "8613800138000",
        "+86-13800138000", "１３８００１３８０００", "一三八零零一三八零零零",
        "幺三八〇〇幺三八〇〇〇", "138 0013 8000。", "手机13800138000",
        "我的手机号是 138 0013 8000", "手机号：13800138000"}) {
    Chat chat;
    walkTo(chat, "complaint.phone");
    chat.send(good);
    EXPECT_EQ(chat.state(), "complaint.address") << good;
    EXPECT_EQ(chat.snapshot().slots["form"]["complainant"]["phone"], "13800138000") << good;
  }
}

TEST(ComplaintDialog_Art8, TheAddressMustBeGiven) {
  Chat chat;
  walkTo(chat, "complaint.address");
  EXPECT_TRUE(contains(chat.send("　"), "联系地址"));
  EXPECT_EQ(chat.state(), "complaint.address");
  chat.send("青溪区西园路2号");
  EXPECT_EQ(chat.state(), "complaint.wantsReply");
}

TEST(ComplaintDialog_Art8, WhetherAReplyIsWantedIsAYesOrNo) {
  Chat chat;
  walkTo(chat, "complaint.wantsReply");
  EXPECT_TRUE(contains(chat.send("随便"), "请回复“是”或“否”"));
  EXPECT_EQ(chat.state(), "complaint.wantsReply");
  chat.send("否");
  EXPECT_EQ(chat.state(), "complaint.confirm");
  EXPECT_EQ(chat.snapshot().slots["form"]["complainant"]["wantsReply"], false);
}

}  // namespace
}  // namespace civicdesk::dialogs::testing
