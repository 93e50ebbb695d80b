// RULES.md §1 Art. 10: transfer, the transferred-in case, its extension and its report.
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

// A case with a transfer to "culture" pending.
Flow pendingTransfer() {
  Flow f;
  f.act(AcceptAction{"符合第七条"});
  f.act(HandlingOpinionAction{HandlingMode::Transfer, "culture", "属文旅局职责"});
  return f;
}

// The case the bot creates at the receiving unit for a transfer.
Flow childOf(const Flow& parent, std::int64_t now = kLater) {
  auto received = receiveTransferredCase(parent.c, parent.state, now);
  Flow child(CaseStatus::Accepted);
  if (!received) {
    ADD_FAILURE() << received.error().message;
    return child;
  }
  child.c.caseNo = "TS-2026-000002";
  child.c.receivingUnitId = parent.state.transferTargetUnitId;
  child.c.status = received->status;
  child.state = received->state;
  return child;
}

TEST(Complaint_Art10, TransferCancelsItsOwnClockAndCreatesALinkedCase) {
  Flow f = pendingTransfer();
  WorkflowStep s = f.act(TransferAction{"请文旅局办理"}, staff(), kLater);
  EXPECT_EQ(s.status, CaseStatus::Transferred);
  EXPECT_EQ(s.event, "case.transferred");
  EXPECT_EQ(s.reason, "请文旅局办理");
  const std::vector<std::string> expected{
      "meet complaint.transfer", "cancel complaint.conclusion", "create case @culture",
      "staff @culture staff.task.transferred_in case_no=TS-2026-000001 from_unit=office"};
  EXPECT_EQ(describe(s), expected);
  f.refuse(TransferAction{}, Code::NotAllowedNow);  // once
}

TEST(Complaint_Art10, OnlyAPendingTransferIsTransferred) {
  Flow accepted;
  accepted.act(AcceptAction{"符合第七条"});
  accepted.refuse(TransferAction{}, Code::NotAllowedNow, "status");
  Flow direct;
  toInvestigating(direct);
  direct.refuse(TransferAction{}, Code::NotAllowedNow);
}

TEST(Complaint_Art10, TheReceivingUnitsCaseRunsItsOwnThirtyDaysFromReceipt) {
  Flow parent = pendingTransfer();
  EXPECT_FALSE(receiveTransferredCase(parent.c, parent.state, kLater));  // not yet transferred
  parent.act(TransferAction{"请文旅局办理"});
  auto received = receiveTransferredCase(parent.c, parent.state, kLater);
  ASSERT_TRUE(received);
  EXPECT_EQ(received->status, CaseStatus::Accepted);
  EXPECT_TRUE(received->state.transferredIn);
  EXPECT_EQ(received->state.mode, HandlingMode::Direct);
  EXPECT_EQ(received->state.parentCaseNo, "TS-2026-000001");
  EXPECT_EQ(received->state.acceptedAt, kLater);
  EXPECT_EQ(received->event, "case.transferred_in");
  const std::vector<std::string> expected{"open complaint.transferred_conclusion @culture " +
                                          std::to_string(kLater)};
  EXPECT_EQ(describe(*received), expected);
}

TEST(Complaint_Art10, ATransferredInCaseInvestigatesAndReportsToItsParent) {
  Flow parent = pendingTransfer();
  parent.act(TransferAction{"请文旅局办理"});
  Flow child = childOf(parent);
  const Actor culture = staff("handler", "culture");
  child.refuse(HandlingOpinionAction{HandlingMode::Direct, "", ""}, Code::NotAllowedNow, "",
               culture);
  child.refuse(FeedbackAction{"已处理"}, Code::NotAllowedNow, "", culture);
  EXPECT_EQ(child.act(InvestigationRequestAction{"提供记录", 5}, culture).status,
            CaseStatus::Investigating);
  WorkflowStep s = child.act(ConcludeAction{"属实", {"立即更新"}, {"已更新"}}, culture);
  EXPECT_EQ(s.status, CaseStatus::Concluded);
  const std::vector<std::string> expected{"meet complaint.transferred_conclusion",
                                          "report to TS-2026-000001"};
  EXPECT_EQ(describe(s), expected);
  child.refuse(FeedbackAction{"已处理"}, Code::NotAllowedNow, "", culture);  // the parent does
  EXPECT_EQ(child.act(ArchiveAction{}, culture).status, CaseStatus::Archived);
}

TEST(Complaint_Art10, ATransferredInCaseMayConcludeWithoutAnInvestigationRequest) {
  Flow parent = pendingTransfer();
  parent.act(TransferAction{});
  Flow child = childOf(parent);
  EXPECT_EQ(child.act(ConcludeAction{"不属实", {}, {}}, staff("handler", "culture")).status,
            CaseStatus::Concluded);
}

TEST(Complaint_Art10, ATransferredInExtensionNeedsTheTransferringAgencysConsent) {
  Flow parent = pendingTransfer();
  parent.act(TransferAction{});
  Flow child = childOf(parent);
  const Actor culture = staff("handler", "culture");
  child.refuse(ExtendAction{"", "需现场核查"}, Code::Invalid, "approver", culture);
  child.refuse(ExtendAction{"区政府办（交办机关）", "需现场核查"}, Code::Forbidden, "",
               staff("handler", "office"));  // the transferring unit does not act on it
  WorkflowStep s = child.act(ExtendAction{"区政府办（交办机关）", "需现场核查"}, culture);
  const std::vector<std::string> expected{
      "extend complaint.transferred_conclusion by 区政府办（交办机关）: 需现场核查",
      "citizen citizen.case.extended case_no=TS-2026-000001 reason=需现场核查"};
  EXPECT_EQ(describe(s), expected);
  child.refuse(ExtendAction{"区政府办", "再延"}, Code::NotAllowedNow, "extensionsUsed", culture);
}

TEST(Complaint_Art10, ATransferredInRequestGoesToTheTransferringAgencyWhoseHeadConsents) {
  Flow parent = pendingTransfer();
  parent.act(TransferAction{});
  Flow child = childOf(parent);
  const Actor culture = staff("handler", "culture");
  WorkflowStep s = child.act(RequestExtensionAction{"需现场核查"}, culture);
  const std::vector<std::string> expected{
      "staff @office staff.approval.extension approver_role=交办机关 case_no=TS-2026-000002 "
      "deadline_rule=complaint.transferred_conclusion reason=需现场核查 requested_by=staff:1"};
  EXPECT_EQ(describe(s), expected);
  // A handler of the transferring unit cannot consent; its head can, on the child case.
  child.refuse(ExtendAction{"区政府办", ""}, Code::Forbidden, "", staff("handler", "office"));
  WorkflowStep approved = child.act(ExtendAction{"区政府办主任", ""}, staff("unit_head", "office"));
  EXPECT_EQ(approved.state.extensionsUsed, 1);
  EXPECT_EQ(describe(approved.effects.front()),
            "extend complaint.transferred_conclusion by 区政府办主任: 需现场核查");
}

TEST(Complaint_Art10, TheParentTakesTheReportedResultAndOpensItsFeedback) {
  Flow parent = pendingTransfer();
  parent.act(TransferAction{});
  Flow child = childOf(parent);
  child.act(ConcludeAction{"属实", {"立即更新"}, {"已更新"}}, staff("handler", "culture"));
  const std::int64_t reported = kLater + 3600;
  auto s = applyReportedResult(parent.c, parent.state, child.state, reported);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->status, CaseStatus::Concluded);
  EXPECT_EQ(s->event, "case.result_reported");
  EXPECT_EQ(s->state.findings, "属实");
  EXPECT_EQ(s->state.orders, std::vector<std::string>{"立即更新"});
  EXPECT_EQ(s->state.remedies, std::vector<std::string>{"已更新"});
  EXPECT_EQ(s->state.concludedAt, reported);
  EXPECT_EQ(s->state.mode, HandlingMode::Transfer);
  const std::vector<std::string> expected{"open complaint.feedback @office " +
                                          std::to_string(reported)};
  EXPECT_EQ(describe(*s), expected);
}

TEST(Complaint_Art10, OnlyAConcludedChildOfThisCaseReports) {
  Flow parent = pendingTransfer();
  parent.act(TransferAction{});
  Flow child = childOf(parent);
  auto notConcluded = applyReportedResult(parent.c, parent.state, child.state, kLater);
  ASSERT_FALSE(notConcluded);
  EXPECT_EQ(notConcluded.error().code, Code::NotAllowedNow);
  child.act(ConcludeAction{"属实", {}, {}}, staff("handler", "culture"));
  ComplaintWorkflowState stranger = child.state;
  stranger.parentCaseNo = "TS-2026-000099";
  EXPECT_FALSE(applyReportedResult(parent.c, parent.state, stranger, kLater));
  Flow direct;
  toInvestigating(direct);
  EXPECT_FALSE(applyReportedResult(direct.c, direct.state, child.state, kLater));
}

TEST(Complaint_Art10, TransferFromOpinionToArchive) {
  Flow parent = pendingTransfer();
  parent.act(TransferAction{"请文旅局办理"});
  parent.state.childCaseNo = "TS-2026-000002";  // the bot links the new case
  Flow child = childOf(parent);
  const Actor culture = staff("unit_head", "culture");
  child.act(InvestigationRequestAction{"提供记录", 5}, culture);
  child.act(ConcludeAction{"属实", {"立即更新"}, {}}, culture);
  auto reported = applyReportedResult(parent.c, parent.state, child.state, kLater);
  ASSERT_TRUE(reported);
  parent.c.status = reported->status;
  parent.state = reported->state;
  EXPECT_EQ(parent.act(FeedbackAction{"经文旅局查实，已责令更新"}).status,
            CaseStatus::FeedbackSent);
  EXPECT_EQ(parent.act(ArchiveAction{}).status, CaseStatus::Archived);
  EXPECT_EQ(child.act(ArchiveAction{}, culture).status, CaseStatus::Archived);
  EXPECT_EQ(parent.state.childCaseNo, "TS-2026-000002");
}

}  // namespace
}  // namespace civicdesk::workflows
