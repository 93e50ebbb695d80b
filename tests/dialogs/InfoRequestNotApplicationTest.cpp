// What is not an application for government information (issue 6) is told where it belongs, at
// the menu and at the first step of the application: a complaint or report goes to the complaint
// dialog, a petition to the petition channel, a plain question gets the unit's contact. And the
// citizen's question why their own request was not disclosed goes to the caller.
#include <gtest/gtest.h>

#include "dialogs/common/TextMatchers.hpp"
#include "tests/dialogs/DialogHarness.hpp"

namespace civicdesk::dialogs::testing {
namespace {

using text::NotApplication;

TEST(NotAnApplication, TheRecogniserIsConservative) {
  EXPECT_EQ(text::recogniseNotApplication("我要投诉教育局不公开招生信息"),
            NotApplication::Complaint);
  EXPECT_EQ(text::recogniseNotApplication("我想反映民政局网站信息不更新的问题"),
            NotApplication::Complaint);
  EXPECT_EQ(text::recogniseNotApplication("我要上访"), NotApplication::Petition);
  EXPECT_EQ(text::recogniseNotApplication("我想要回我的上访材料"), NotApplication::Petition);
  EXPECT_EQ(text::recogniseNotApplication("信访事项怎么提"), NotApplication::Petition);
  EXPECT_EQ(text::recogniseNotApplication("我的诉求是赔偿拆迁损失"), NotApplication::Petition);
  EXPECT_EQ(text::recogniseNotApplication("教育局的招生简章在哪里查？"), NotApplication::Question);
  EXPECT_EQ(text::recogniseNotApplication("低保怎么办理"), NotApplication::Question);
  EXPECT_EQ(text::recogniseNotApplication("今年的学区划分已经公布了吗"), NotApplication::Question);
  // An application, or unsure: nothing.
  for (const char* text :
       {"请公开信访局2025年的部门预算", "能把青教发〔2026〕3号文件提供给我吗？",
        "我要申请公开招生方案", "2", "你好", "在吗？", "你好吗", "东城街道老旧小区改造补偿标准"}) {
    EXPECT_EQ(text::recogniseNotApplication(text), std::nullopt) << text;
  }
}

TEST(NotAnApplication, AtTheMenuAPetitionGetsThePetitionChannel) {
  for (const char* said : {"我要上访", "我想要回我的上访材料", "信访"}) {
    Chat chat;
    const DialogOutcome outcome = chat.send(said);
    EXPECT_TRUE(contains(outcome, "属于信访事项")) << said;
    EXPECT_TRUE(contains(outcome, "青溪区信访局")) << said;
    EXPECT_EQ(chat.state(), "menu");
    EXPECT_FALSE(outcome.registerInfoRequest.has_value());
  }
}

TEST(NotAnApplication, AtTheMenuAQuestionGetsTheUnitsContactOrTheOffices) {
  {
    Chat chat;
    const DialogOutcome outcome = chat.send("教育局的招生简章在哪里查？");
    EXPECT_TRUE(contains(outcome, "政府信息公开目录")) << joined(outcome);
    EXPECT_TRUE(contains(outcome, "请联系青溪区教育局"));
    EXPECT_TRUE(contains(outcome, "099-1004"));
    EXPECT_TRUE(contains(outcome, "edu@test.example"));
    EXPECT_EQ(chat.state(), "menu");
  }
  {
    Chat chat;
    const DialogOutcome outcome = chat.send("低保怎么办理");
    EXPECT_TRUE(contains(outcome, "099-1000")) << "no unit named: the office";
    EXPECT_EQ(chat.state(), "menu");
  }
}

TEST(NotAnApplication, AtTheMenuAComplaintInOtherWordsStartsTheComplaint) {
  Chat chat;
  EXPECT_TRUE(contains(chat.send("我想反映民政局网站信息不更新的问题"), "您要投诉哪个单位"));
  EXPECT_EQ(chat.state(), "complaint.unit");
}

TEST(NotAnApplication, TheMenusOwnWordsStillWin) {
  Chat chat;
  EXPECT_TRUE(contains(chat.send("怎么查询投诉进度？"), "还没有提交过投诉"));
  EXPECT_TRUE(contains(chat.send("怎么申请信息公开？"), "1 公民"));
  EXPECT_EQ(chat.state(), "info_request.applicantType");
}

TEST(NotAnApplication, AtTheFirstStepAComplaintGoesToTheComplaintDialog) {
  Chat chat;
  chat.send("2");
  const DialogOutcome outcome = chat.send("我要举报教育局不公开招生信息");
  EXPECT_TRUE(contains(outcome, "不属于政府信息公开申请")) << joined(outcome);
  EXPECT_TRUE(contains(outcome, "您要投诉哪个单位"));
  EXPECT_EQ(chat.state(), "complaint.unit");
  EXPECT_FALSE(outcome.registerInfoRequest.has_value());
  // and it is a complaint like any other
  chat.send("教育局");
  EXPECT_EQ(chat.state(), "complaint.respondentDetail");
}

TEST(NotAnApplication, AtTheFirstStepAPetitionOrAQuestionIsAnsweredAndTheMenuFollows) {
  {
    Chat chat;
    chat.send("2");
    const DialogOutcome outcome = chat.send("我要去上访");
    EXPECT_TRUE(contains(outcome, "属于信访事项"));
    EXPECT_TRUE(contains(outcome, "请回复编号选择服务"));
    EXPECT_EQ(chat.state(), "menu");
  }
  {
    Chat chat;
    chat.send("2");
    const DialogOutcome outcome = chat.send("民政局的电话是多少");
    EXPECT_TRUE(contains(outcome, "099-1006")) << joined(outcome);
    EXPECT_EQ(chat.state(), "menu");
  }
}

TEST(NotAnApplication, WhenUnsureTheApplicationContinues) {
  Chat chat;
  chat.send("2");
  EXPECT_TRUE(contains(chat.send("我想要一份学区划分的文件"), "请回复 1（公民）或 2"));
  EXPECT_EQ(chat.state(), "info_request.applicantType");
  chat.send("我代表公司申请");
  EXPECT_EQ(chat.state(), "info_request.name");
  // Later answers are never taken for something else.
  chat.send("返回");
  chat.send("1");
  chat.send("张三");
  chat.send("11010519491231002X");
  chat.send("13800138000");
  chat.send("教育局");
  chat.send("教育局对学区划分投诉的处理意见在哪里查");
  EXPECT_EQ(chat.state(), "info_request.form");
}

// --- 为什么不公开 ------------------------------------------------------------------------------

std::vector<CaseProgress> myRequests() {
  return {{"YS-2026-000001", "replied", "", "", "2026-01-05"},
          {"TS-2026-000123", "registered", "2026-12-02", "作出是否受理的决定", "2026-11-27"}};
}

TEST(WhyNotDisclosed, TheCitizensOwnRequestGoesToTheCallerWithItsNumber) {
  for (const char* asked : {"为什么不公开 YS-2026-000001", "ys2026000001 不予公开的理由是什么？",
                            "请说明YS-2026-000001不公开的依据"}) {
    Chat chat(ChatSetup{nullptr, myRequests(), {}});
    const DialogOutcome outcome = chat.send(asked);
    ASSERT_TRUE(outcome.whyNotDisclosed.has_value()) << asked;
    EXPECT_EQ(*outcome.whyNotDisclosed, "YS-2026-000001");
    EXPECT_TRUE(outcome.replies.empty()) << "the caller answers: " << joined(outcome);
    EXPECT_EQ(chat.state(), "menu");
  }
}

TEST(WhyNotDisclosed, SomeoneElsesRequestIsRefusedAsIfItDidNotExist) {
  Chat mine(ChatSetup{nullptr, myRequests(), {}});
  Chat none;
  const DialogOutcome refused = mine.send("为什么不公开 YS-2026-000999");
  EXPECT_FALSE(refused.whyNotDisclosed.has_value());
  EXPECT_TRUE(contains(refused, "无法显示申请 YS-2026-000999"));
  EXPECT_EQ(joined(refused), joined(none.send("为什么不公开 YS-2026-000999")));
}

TEST(WhyNotDisclosed, WithoutANumberTheCitizenIsAskedForIt) {
  Chat chat(ChatSetup{nullptr, myRequests(), {}});
  const DialogOutcome outcome = chat.send("为什么不公开？");
  EXPECT_FALSE(outcome.whyNotDisclosed.has_value());
  EXPECT_TRUE(contains(outcome, "请连同申请编号一起发送"));
  EXPECT_EQ(chat.state(), "menu");
}

TEST(WhyNotDisclosed, ARequestNumberAloneShowsItsProgressLikeACaseNumber) {
  Chat chat(ChatSetup{nullptr, myRequests(), {}});
  const DialogOutcome outcome = chat.send("查询 YS-2026-000001");
  EXPECT_FALSE(outcome.whyNotDisclosed.has_value());
  EXPECT_TRUE(contains(outcome, "YS-2026-000001（2026-01-05 提交）")) << joined(outcome);
}

TEST(WhyNotDisclosed, OnlyTheMenuReadsTheQuestion) {
  Chat chat(ChatSetup{nullptr, myRequests(), {}});
  walkInfoTo(chat, "info_request.info");
  const DialogOutcome outcome = chat.send("为什么不公开 YS-2026-000001 的那份文件");
  EXPECT_FALSE(outcome.whyNotDisclosed.has_value());
  EXPECT_EQ(chat.state(), "info_request.form");
}

}  // namespace
}  // namespace civicdesk::dialogs::testing
