// RULES.md §1 Art. 10-13 and 3: investigation, extension, conclusion, feedback, archive.
#include "workflows/complaints/ComplaintWorkflow.hpp"

#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/workflows/ComplaintWorkflowTestSupport.hpp"
#include "workflows/complaints/CaseStatus.hpp"

namespace civicdesk::workflows {
namespace {

using namespace test;  // NOLINT: the shared helpers of these tests

// --- tests -----------------------------------------------------------------------------------
using Code = WorkflowError::Code;

TEST(Complaint_Art11, InvestigationRequestTasksTheRespondentUnit) {
  Flow f;
  toInvestigating(f);
  WorkflowStep s = f.act(InvestigationRequestAction{"提供近三年页面更新记录", 7});
  EXPECT_EQ(s.status, CaseStatus::Investigating);
  EXPECT_EQ(s.event, "case.investigation_requested");
  EXPECT_NE(s.basis.find("Art. 11"), std::string::npos);
  const std::vector<std::string> expected{
      "task @edu 7d: 提供近三年页面更新记录",
      "staff @edu staff.task.investigation case_no=TS-2026-000001 days=7 "
      "request=提供近三年页面更新记录"};
  EXPECT_EQ(describe(s), expected);
  // Art. 14: nothing about the complainant goes to the respondent.
  auto* notice = std::get_if<StaffNotice>(&s.effects[1]);
  ASSERT_NE(notice, nullptr);
  for (const auto& [key, value] : notice->values) {
    EXPECT_EQ(value.find("张三"), std::string::npos) << key;
    EXPECT_EQ(value.find("13800138000"), std::string::npos) << key;
  }
  f.act(InvestigationRequestAction{"就未更新原因作出说明", 5});  // more than one may be sent
}

TEST(Complaint_Art11, AnInvestigationRequestSaysWhatAndByWhen) {
  Flow f;
  toInvestigating(f);
  f.refuse(InvestigationRequestAction{"", 5}, Code::Invalid, "request");
  f.refuse(InvestigationRequestAction{"记录", 0}, Code::Invalid, "workingDays");
  f.refuse(InvestigationRequestAction{"记录", 61}, Code::Invalid, "workingDays");
}

TEST(Complaint_Art11, InvestigationBelongsToTheHandlingPhase) {
  Flow f;
  f.act(AcceptAction{"符合第七条"});
  f.refuse(InvestigationRequestAction{"记录", 5}, Code::NotAllowedNow);  // no opinion yet
  Flow done;
  toConcluded(done);
  done.refuse(InvestigationRequestAction{"记录", 5}, Code::NotAllowedNow);
}

TEST(Complaint_Art10, ExtensionNeedsTheAgencyHeadAndTellsTheComplainant) {
  Flow f;
  toInvestigating(f);
  f.refuse(ExtendAction{"李局长", "需补充调查"}, Code::Forbidden, "", staff("handler"));
  f.refuse(ExtendAction{"", "需补充调查"}, Code::Invalid, "approver", staff("unit_head"));
  f.refuse(ExtendAction{"李局长", " "}, Code::Invalid, "reason", staff("unit_head"));
  WorkflowStep s = f.act(ExtendAction{"李局长", "需补充调查"}, staff("leader"));
  EXPECT_EQ(s.status, CaseStatus::Investigating);
  EXPECT_EQ(s.state.extensionsUsed, 1);
  EXPECT_EQ(s.event, "case.extended");
  const std::vector<std::string> expected{
      "extend complaint.conclusion by 李局长: 需补充调查",
      "citizen citizen.case.extended case_no=TS-2026-000001 reason=需补充调查"};
  EXPECT_EQ(describe(s), expected);
}

TEST(Complaint_Art10, ExtensionIsGrantedOnceOnly) {
  Flow f;
  toInvestigating(f);
  f.act(ExtendAction{"李局长", "需补充调查"}, staff("unit_head"));
  f.refuse(ExtendAction{"李局长", "仍需调查"}, Code::NotAllowedNow, "extensionsUsed",
           staff("unit_head"));
}

TEST(Complaint_Art10, NoExtensionBeforeTheHandlingOrAfterTheConclusion) {
  Flow f;
  f.act(AcceptAction{"符合第七条"});
  f.refuse(ExtendAction{"李局长", "原因"}, Code::NotAllowedNow, "", staff("unit_head"));
  Flow done;
  toConcluded(done);
  done.refuse(ExtendAction{"李局长", "原因"}, Code::NotAllowedNow, "", staff("unit_head"));
}

TEST(Complaint_Art10, AnExtensionRequestAsksTheAgencyHeadForApproval) {
  Flow f;
  toInvestigating(f);
  f.refuse(RequestExtensionAction{" "}, Code::Invalid, "reason");
  WorkflowStep s = f.act(RequestExtensionAction{"需调取三年档案"});
  EXPECT_EQ(s.status, CaseStatus::Investigating);
  EXPECT_EQ(s.event, "case.extension_requested");
  ASSERT_TRUE(s.state.extensionRequest.has_value());
  EXPECT_EQ(s.state.extensionRequest->requestedBy, "staff:1");
  EXPECT_EQ(s.state.extensionsUsed, 0);  // nothing is extended until approved
  const std::vector<std::string> expected{
      "staff @office staff.approval.extension approver_role=机关负责人 case_no=TS-2026-000001 "
      "deadline_rule=complaint.conclusion reason=需调取三年档案 requested_by=staff:1"};
  EXPECT_EQ(describe(s), expected);
  // The request survives storage with the case.
  EXPECT_EQ(complaintWorkflowStateFromJson(toJson(s.state)).extensionRequest->reason,
            "需调取三年档案");
  f.refuse(RequestExtensionAction{"再次申请"}, Code::NotAllowedNow, "extensionRequest");
  f.refuse(ExtendAction{"李局长", ""}, Code::Forbidden, "", staff("handler"));  // not approval
}

TEST(Complaint_Art10, ApprovingARequestExtendsWithItsReasonAndTellsBoth) {
  Flow f;
  toInvestigating(f);
  f.act(RequestExtensionAction{"需调取三年档案"});
  WorkflowStep s = f.act(ExtendAction{"李局长", ""}, staff("unit_head"));
  EXPECT_EQ(s.state.extensionsUsed, 1);
  EXPECT_FALSE(s.state.extensionRequest.has_value());
  const std::vector<std::string> expected{
      "extend complaint.conclusion by 李局长: 需调取三年档案",
      "citizen citizen.case.extended case_no=TS-2026-000001 reason=需调取三年档案",
      "staff @office staff.approval.extension_approved approver=李局长 case_no=TS-2026-000001"};
  EXPECT_EQ(describe(s), expected);
  f.refuse(RequestExtensionAction{"再延"}, Code::NotAllowedNow, "extensionsUsed");
}

TEST(Complaint_Art10, ADeclinedRequestLeavesTheDeadlineAndMayBeAskedAgain) {
  Flow f;
  toInvestigating(f);
  f.refuse(DeclineExtensionAction{"理由不足"}, Code::NotAllowedNow, "", staff("unit_head"));
  f.act(RequestExtensionAction{"需调取三年档案"});
  f.refuse(DeclineExtensionAction{"理由不足"}, Code::Forbidden, "", staff("handler"));
  f.refuse(DeclineExtensionAction{""}, Code::Invalid, "reason", staff("unit_head"));
  WorkflowStep s = f.act(DeclineExtensionAction{"档案已电子化，无需延期"}, staff("unit_head"));
  EXPECT_EQ(s.event, "case.extension_declined");
  EXPECT_FALSE(s.state.extensionRequest.has_value());
  EXPECT_EQ(s.state.extensionsUsed, 0);
  const std::vector<std::string> expected{
      "staff @office staff.approval.extension_declined case_no=TS-2026-000001 "
      "deadline_rule=complaint.conclusion reason=档案已电子化，无需延期"};
  EXPECT_EQ(describe(s), expected);
  f.act(RequestExtensionAction{"新情况：需现场核查"});
}

TEST(Complaint_Art12, ConclusionRecordsFindingsOrdersAndRemedies) {
  Flow f;
  toInvestigating(f);
  WorkflowStep s =
      f.act(ConcludeAction{"未及时更新属实", {"立即更新招生政策"}, {"已更新并公开说明"}}, staff(),
            kLater);
  EXPECT_EQ(s.status, CaseStatus::Concluded);
  EXPECT_EQ(s.event, "case.concluded");
  EXPECT_NE(s.basis.find("Art. 12"), std::string::npos);
  EXPECT_EQ(s.state.findings, "未及时更新属实");
  EXPECT_EQ(s.state.orders, std::vector<std::string>{"立即更新招生政策"});
  EXPECT_EQ(s.state.remedies, std::vector<std::string>{"已更新并公开说明"});
  EXPECT_EQ(s.state.concludedAt, kLater);
  const std::vector<std::string> expected{
      "meet complaint.conclusion", "open complaint.feedback @office " + std::to_string(kLater)};
  EXPECT_EQ(describe(s), expected);
}

TEST(Complaint_Art12, AConclusionNeedsFindings) {
  Flow f;
  toInvestigating(f);
  f.refuse(ConcludeAction{"", {}, {}}, Code::Invalid, "findings");
  f.refuse(ConcludeAction{"属实", {""}, {}}, Code::Invalid, "orders");
  f.refuse(ConcludeAction{"属实", {}, {" "}}, Code::Invalid, "remedies");
}

TEST(Complaint_Art13, FeedbackMeetsItsDeadlineAndReachesTheComplainant) {
  Flow f;
  toConcluded(f);
  f.refuse(FeedbackAction{""}, Code::Invalid, "text");
  WorkflowStep s = f.act(FeedbackAction{"经查属实，已责令更新。"}, staff(), kLater);
  EXPECT_EQ(s.status, CaseStatus::FeedbackSent);
  EXPECT_EQ(s.event, "case.feedback_sent");
  EXPECT_EQ(s.state.feedback, "经查属实，已责令更新。");
  EXPECT_EQ(s.state.feedbackAt, kLater);
  const std::vector<std::string> expected{
      "meet complaint.feedback",
      "citizen citizen.case.feedback case_no=TS-2026-000001 feedback=经查属实，已责令更新。"};
  EXPECT_EQ(describe(s), expected);
  f.refuse(FeedbackAction{"再次反馈"}, Code::NotAllowedNow);
}

TEST(Complaint_Art13, NoFeedbackBeforeTheConclusion) {
  Flow f;
  toInvestigating(f);
  f.refuse(FeedbackAction{"已处理"}, Code::NotAllowedNow, "status");
}

TEST(Complaint_Art3, ArchiveOnlyAfterFeedbackOrNonAcceptance) {
  Flow f;
  toConcluded(f);
  f.refuse(ArchiveAction{}, Code::NotAllowedNow);
  f.act(FeedbackAction{"已处理"});
  WorkflowStep s = f.act(ArchiveAction{});
  EXPECT_EQ(s.status, CaseStatus::Archived);
  EXPECT_EQ(s.event, "case.archived");
  EXPECT_TRUE(s.effects.empty());
  f.refuse(ArchiveAction{}, Code::NotAllowedNow);
  f.refuse(AcceptAction{"符合"}, Code::NotAllowedNow);
}

TEST(Complaint_Art3, DirectHandlingFromRegistrationToArchive) {
  Flow f;
  std::vector<std::string> events;
  auto run = [&](const WorkflowAction& action, const Actor& actor = staff()) {
    events.push_back(f.act(action, actor).event);
  };
  run(AcceptAction{"符合第七条"});
  run(HandlingOpinionAction{HandlingMode::Direct, "", "直接办理"});
  run(InvestigationRequestAction{"提供更新记录", 5});
  run(ExtendAction{"李局长", "需补充调查"}, staff("unit_head"));
  run(ConcludeAction{"属实", {"立即更新"}, {}});
  run(FeedbackAction{"已责令更新"});
  run(ArchiveAction{}, Actor{"system", "system", ""});
  const std::vector<std::string> expected{
      "case.accepted", "case.handling_opinion", "case.investigation_requested",
      "case.extended", "case.concluded",        "case.feedback_sent",
      "case.archived"};
  EXPECT_EQ(events, expected);
  EXPECT_EQ(f.c.status, CaseStatus::Archived);
}

TEST(Complaint_Art7, NotAcceptedThenArchived) {
  Flow f;
  f.act(NotAcceptAction{InadmissibilityGround::OutsideJurisdiction, "不属本部门管辖",
                        "市政务公开办"});
  f.refuse(FeedbackAction{"已处理"}, Code::NotAllowedNow);
  f.refuse(HandlingOpinionAction{HandlingMode::Direct, "", ""}, Code::NotAllowedNow);
  EXPECT_EQ(f.act(ArchiveAction{}).status, CaseStatus::Archived);
}

}  // namespace
}  // namespace civicdesk::workflows
