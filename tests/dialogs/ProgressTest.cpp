// Menu item 3, "查询办理进度": a citizen sees their own cases, with the status in plain words
// and the next due date, and only their own: any other case number gets the same refusal,
// which says how to verify.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "dialogs/common/TextMatchers.hpp"
#include "tests/dialogs/DialogHarness.hpp"
#include "util/Utf8.hpp"
#include "workflows/complaints/Complaint.hpp"
#include "workflows/info_requests/InfoRequestWorkflow.hpp"

namespace civicdesk::dialogs::testing {
namespace {

// A citizen at the menu whose own cases are `cases` (as the dispatcher reads them).
class ProgressChat {
 public:
  explicit ProgressChat(std::vector<CaseProgress> cases)
      : cases_(std::move(cases)),
        context_{realTemplates(), testUnits(), kDay, &cases_},
        dialog_(context_, DialogSnapshot{}) {}
  ProgressChat(const ProgressChat&) = delete;
  ProgressChat& operator=(const ProgressChat&) = delete;

  DialogOutcome send(const std::string& text) {
    DialogInput in;
    in.text = text;
    return input(in);
  }
  DialogOutcome click(const std::string& key) {
    DialogInput in;
    in.kind = DialogInput::Kind::MenuClick;
    in.text = key;
    return input(in);
  }
  std::string state() const { return dialog_.snapshot().state; }

 private:
  DialogOutcome input(DialogInput in) {
    now_ += 60;
    in.at = now_;
    DialogOutcome outcome = dialog_.handle(in);
    for (const auto& reply : outcome.replies) {
      EXPECT_EQ(reply.find('{'), std::string::npos) << "unfilled placeholder in: " << reply;
      EXPECT_LE(utf8::length(reply), 600u) << reply;
    }
    return outcome;
  }

  OwnCases cases_;
  DialogContext context_;
  Dialog dialog_;
  std::int64_t now_ = kStart;
};

// Newest first, as the dispatcher passes them.
std::vector<CaseProgress> twoCases() {
  return {
      {"TS-2026-000123", "registered", "2026-12-02", "作出是否受理的决定", "2026-11-27"},
      {"TS-2026-000045", "accepted", "2026-12-18", "直接办理办结", "2026-10-09"},
  };
}

constexpr const char* kOthersCase = "TS-2026-000999";

TEST(Progress, MenuItem3ListsOwnCasesNewestFirstWithPlainStatusAndNextDueDate) {
  for (const char* choice : {"3", "３", "三", "查询", "进度", "查询投诉进度", "我想查询进度"}) {
    ProgressChat chat(twoCases());
    const DialogOutcome outcome = chat.send(choice);
    ASSERT_EQ(outcome.replies.size(), 1u) << choice;
    const std::string& reply = outcome.replies[0];
    EXPECT_NE(reply.find("您的投诉办理进度"), std::string::npos) << reply;
    const auto newer = reply.find("TS-2026-000123");
    const auto older = reply.find("TS-2026-000045");
    ASSERT_NE(newer, std::string::npos) << reply;
    ASSERT_NE(older, std::string::npos) << reply;
    EXPECT_LT(newer, older) << reply;
    EXPECT_NE(reply.find("已登记，等待受理审查"), std::string::npos) << reply;
    EXPECT_NE(reply.find("作出是否受理的决定，2026-12-02 前"), std::string::npos) << reply;
    EXPECT_NE(reply.find("状态：已受理"), std::string::npos) << reply;
    EXPECT_NE(reply.find("2026-12-18"), std::string::npos) << reply;
    EXPECT_NE(reply.find("2026-11-27 提交"), std::string::npos) << reply;
    EXPECT_EQ(reply.find("registered"), std::string::npos) << "raw status shown: " << reply;
    EXPECT_EQ(chat.state(), "menu") << choice;
  }
}

TEST(Progress, ACaseWithNoOpenDeadlineShowsItsStatusWithoutADate) {
  ProgressChat chat({{"TS-2026-000007", "feedback_sent", "", "", "2026-03-02"}});
  const std::string reply = joined(chat.send("3"));
  EXPECT_NE(reply.find("TS-2026-000007"), std::string::npos) << reply;
  EXPECT_NE(reply.find("已答复"), std::string::npos) << reply;
  EXPECT_EQ(reply.find("下一步"), std::string::npos) << reply;
  EXPECT_EQ(reply.find("办理期限"), std::string::npos) << reply;
}

TEST(Progress, ADueDateWithoutAStepIsStillShown) {
  ProgressChat chat({{"TS-2026-000007", "accepted", "2026-12-18", "", "2026-11-02"}});
  EXPECT_TRUE(contains(chat.send("3"), "办理期限：2026-12-18 前"));
}

TEST(Progress, EveryCaseStatusIsShownInPlainChinese) {
  using workflows::CaseStatus;
  for (CaseStatus status :
       {CaseStatus::Received, CaseStatus::Registered, CaseStatus::Accepted, CaseStatus::NotAccepted,
        CaseStatus::Investigating, CaseStatus::Transferred, CaseStatus::Concluded,
        CaseStatus::FeedbackSent, CaseStatus::Archived}) {
    const std::string name(workflows::toString(status));
    EXPECT_TRUE(realTemplates().has("status." + name)) << name;
    ProgressChat chat({{"TS-2026-000001", name, "", "", "2026-01-01"}});
    const std::string reply = joined(chat.send("3"));
    EXPECT_NE(reply.find("状态：" + realTemplates().render("status." + name)), std::string::npos)
        << reply;
    EXPECT_EQ(reply.find(name), std::string::npos) << "raw status shown: " << reply;
  }
}

TEST(Progress, EveryInformationRequestStatusIsShownInItsOwnWords) {
  using workflows::InfoRequestStatus;
  for (InfoRequestStatus status :
       {InfoRequestStatus::Registered, InfoRequestStatus::AwaitingSupplement,
        InfoRequestStatus::Consulting, InfoRequestStatus::Replied, InfoRequestStatus::Withdrawn,
        InfoRequestStatus::Archived}) {
    const std::string name = "info." + std::string(workflows::toString(status));
    EXPECT_TRUE(realTemplates().has("status." + name)) << name;
    ProgressChat chat({{"YS-2026-000001", name, "", "", "2026-01-01"}});
    const std::string reply = joined(chat.send("3"));
    EXPECT_NE(reply.find("状态：" + realTemplates().render("status." + name)), std::string::npos)
        << reply;
  }
  // An application is not a complaint: no "acceptance review" for it.
  ProgressChat chat({{"YS-2026-000001", "info.registered", "", "", "2026-01-01"}});
  EXPECT_EQ(joined(chat.send("3")).find("受理审查"), std::string::npos);
}

TEST(Progress, AnUnknownStatusIsShownAsInProgressNotAsItsCode) {
  ProgressChat chat({{"TS-2026-000001", "some_future_status", "", "", "2026-01-01"}});
  const std::string reply = joined(chat.send("3"));
  EXPECT_NE(reply.find("正在办理"), std::string::npos) << reply;
  EXPECT_EQ(reply.find("some_future_status"), std::string::npos) << reply;
}

TEST(Progress, WithoutCasesItSaysThereAreNoneAndHowToFileOne) {
  ProgressChat chat({});
  const std::string reply = joined(chat.send("3"));
  EXPECT_NE(reply.find("还没有提交过投诉"), std::string::npos) << reply;
  EXPECT_NE(reply.find("回复 1 可以投诉举报"), std::string::npos) << reply;
  EXPECT_NE(reply.find("099-1000"), std::string::npos) << reply;
  EXPECT_EQ(chat.state(), "menu");
  // A caller that passes no cases at all is the same as none.
  Chat bare;
  EXPECT_TRUE(contains(bare.send("3"), "还没有提交过投诉"));
  EXPECT_EQ(bare.state(), "menu");
}

TEST(Progress, ManyCasesStayWithinOneReplyAndTheOlderOnesAreCounted) {
  std::vector<CaseProgress> cases;
  for (int i = 9; i >= 1; --i) {
    cases.push_back({"TS-2026-00000" + std::to_string(i), "investigating", "2026-12-18",
                     "提出办理意见（直接办理、转交办理或督促办理）",
                     "2026-11-0" + std::to_string(i)});
  }
  ProgressChat chat(cases);
  const DialogOutcome outcome = chat.send("3");  // the chat checks the 600-character limit
  ASSERT_EQ(outcome.replies.size(), 1u);
  const std::string& reply = outcome.replies[0];
  EXPECT_NE(reply.find("TS-2026-000009"), std::string::npos) << reply;
  EXPECT_NE(reply.find("TS-2026-000006"), std::string::npos) << reply;
  EXPECT_EQ(reply.find("TS-2026-000005"), std::string::npos) << reply;
  EXPECT_NE(reply.find("另有 5 件较早的投诉"), std::string::npos) << reply;
  // An older one is still shown when asked for by number.
  EXPECT_TRUE(contains(chat.send("查询 TS-2026-000001"), "TS-2026-000001（2026-11-01 提交）"));
}

TEST(Progress, OwnCaseNumberShowsThatCaseOnlyAndStaysAtTheMenu) {
  ProgressChat chat(twoCases());
  const std::string reply = joined(chat.send("查询 TS-2026-000045"));
  EXPECT_NE(reply.find("TS-2026-000045（2026-10-09 提交）"), std::string::npos) << reply;
  EXPECT_NE(reply.find("状态：已受理"), std::string::npos) << reply;
  EXPECT_NE(reply.find("直接办理办结，2026-12-18 前"), std::string::npos) << reply;
  EXPECT_EQ(reply.find("TS-2026-000123"), std::string::npos) << reply;
  EXPECT_EQ(chat.state(), "menu");
}

TEST(Progress, SomeoneElsesCaseNumberIsNotShownAndTheRefusalSaysHowToVerify) {
  ProgressChat chat(twoCases());
  const std::string reply = joined(chat.send(std::string("查询 ") + kOthersCase));
  EXPECT_NE(reply.find(std::string("无法显示案件 ") + kOthersCase), std::string::npos) << reply;
  EXPECT_NE(reply.find("只向提交它的投诉人显示"), std::string::npos) << reply;
  EXPECT_NE(reply.find("联系方式"), std::string::npos) << reply;
  EXPECT_NE(reply.find("领导小组办公室"), std::string::npos) << reply;
  EXPECT_NE(reply.find("099-1000"), std::string::npos) << reply;
  EXPECT_NE(reply.find("office@test.example"), std::string::npos) << reply;
  // Nothing of the citizen's own cases, and no status of any case.
  EXPECT_EQ(reply.find("TS-2026-000123"), std::string::npos) << reply;
  EXPECT_EQ(reply.find("状态"), std::string::npos) << reply;
  EXPECT_EQ(chat.state(), "menu");
}

TEST(Progress, TheRefusalIsTheSameWhetherOrNotTheCaseExists) {
  // The dialog only knows the citizen's own cases, so it cannot tell: the words must not either.
  ProgressChat mine(twoCases());
  ProgressChat none({});
  EXPECT_EQ(joined(mine.send("查询 TS-2026-000999")), joined(none.send("查询 TS-2026-000999")));
}

TEST(Progress, FullWidthLowercaseDashlessAndInSentenceCaseNumbersAreAccepted) {
  for (const char* asked :
       {"TS-2026-000123", "ts-2026-000123", "ＴＳ－２０２６－０００１２３",
        "ｔｓ２０２６０００１２３", "TS2026000123", " TS 2026 000123 ", "TS——2026——000123",
        "查询 ts-2026-000123", "我想查询TS-2026-000123的进度", "查询ＴＳ－２０２６－０００１２３。",
        "TS-2026-000123 进度如何？"}) {
    ProgressChat chat(twoCases());
    const std::string reply = joined(chat.send(asked));
    EXPECT_NE(reply.find("TS-2026-000123（2026-11-27 提交）"), std::string::npos) << asked << "\n"
                                                                                  << reply;
    EXPECT_EQ(reply.find("TS-2026-000045"), std::string::npos) << asked;
    EXPECT_EQ(chat.state(), "menu") << asked;
  }
}

TEST(Progress, ANumberThatOnlyStartsLikeACaseNumberIsNotTakenForOne) {
  EXPECT_EQ(text::findCaseNumber("查询 TS-2026-0001234"), std::nullopt);
  EXPECT_EQ(text::findCaseNumber("查询 TS-2026-00012"), std::nullopt);
  EXPECT_EQ(text::findCaseNumber("查询 ATS-2026-000123"), std::nullopt);
  EXPECT_EQ(text::findCaseNumber("我要投诉"), std::nullopt);
  EXPECT_EQ(text::findCaseNumber("TTS-2026-000123"), std::nullopt);
  EXPECT_EQ(text::findCaseNumber("查 TS-2026-000123 和 TS-2026-000045"), "TS-2026-000123");
  // "查询" alone with a malformed number lists the citizen's cases instead.
  ProgressChat chat(twoCases());
  const std::string reply = joined(chat.send("查询 TS-2026-0001234"));
  EXPECT_NE(reply.find("您的投诉办理进度"), std::string::npos) << reply;
}

TEST(Progress, ClickKeyProgressListsTheCases) {
  ProgressChat chat(twoCases());
  const std::string reply = joined(chat.click("PROGRESS"));
  EXPECT_NE(reply.find("TS-2026-000123"), std::string::npos) << reply;
  EXPECT_NE(reply.find("2026-12-02"), std::string::npos) << reply;
  EXPECT_EQ(chat.state(), "menu");
}

TEST(Progress, ACaseNumberTypedDuringAComplaintIsAnAnswerNotAQuery) {
  // Only the menu reads case numbers; in the middle of a complaint it is what was asked for.
  Chat chat;
  walkTo(chat, "complaint.facts");
  const DialogOutcome outcome = chat.send("我之前的投诉TS-2026-000123没人处理，网站也没更新");
  EXPECT_FALSE(contains(outcome, "无法显示案件"));
  EXPECT_NE(chat.state(), "menu");
}

}  // namespace
}  // namespace civicdesk::dialogs::testing
