// RULES.md §1 Art. 10: transfer, the transferred-in case, its extension and its report.
#include "workflows/complaints/ComplaintWorkflow.hpp"

#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "workflows/complaints/CaseStatus.hpp"

namespace civicdesk::workflows {
namespace {

// --- shared by the ComplaintWorkflow*Test.cpp files (kept in each: tests/ has no helper
// header for them) -----------------------------------------------------------------------
using nlohmann::json;

constexpr std::int64_t kNow = 1767225600;  // 2026-01-01 08:00 Asia/Shanghai
constexpr std::int64_t kLater = kNow + 86400;

[[maybe_unused]] ComplaintCase makeCase(CaseStatus status) {
  ComplaintCase c;
  c.id = 1;
  c.caseNo = "TS-2026-000001";
  c.form.respondentUnitId = "edu";
  c.form.facts = "招生政策页面三年没有更新";
  c.form.complainant = {"张三", "青溪区人民路100号", "13800138000", "", true};
  c.receivingUnitId = "office";
  c.status = status;
  c.citizenId = 7;
  c.channel = "wechat";
  c.receivedAt = kNow - 3600;
  return c;
}

[[maybe_unused]] Actor staff(std::string role = "handler", std::string unit = "office") {
  return Actor{"staff:1", std::move(role), std::move(unit)};
}

[[maybe_unused]] std::string join(const std::map<std::string, std::string>& values) {
  std::string out;
  for (const auto& [k, v] : values) out += " " + k + "=" + v;
  return out;
}

// One line per effect, so that a test states the effects exactly and in order.
[[maybe_unused]] std::string describe(const WorkflowEffect& e) {
  if (auto* o = std::get_if<OpenDeadline>(&e)) {
    return "open " + o->ruleId + " @" + o->unitId + " " + std::to_string(o->triggerAt);
  }
  if (auto* m = std::get_if<MeetDeadline>(&e)) return "meet " + m->ruleId;
  if (auto* x = std::get_if<CancelDeadline>(&e)) return "cancel " + x->ruleId;
  if (auto* x = std::get_if<ExtendDeadline>(&e)) {
    return "extend " + x->ruleId + " by " + x->approver + ": " + x->reason;
  }
  if (auto* n = std::get_if<CitizenNotice>(&e))
    return "citizen " + n->templateKey + join(n->values);
  if (auto* n = std::get_if<StaffNotice>(&e)) {
    return "staff @" + n->unitId + " " + n->templateKey + join(n->values);
  }
  if (auto* l = std::get_if<CreateLinkedCase>(&e)) return "create case @" + l->receivingUnitId;
  if (auto* r = std::get_if<ReportToParent>(&e)) return "report to " + r->parentCaseNo;
  if (auto* t = std::get_if<InvestigationTask>(&e)) {
    return "task @" + t->unitId + " " + std::to_string(t->workingDays) + "d: " + t->request;
  }
  return "?";
}

[[maybe_unused]] std::vector<std::string> describe(const WorkflowStep& step) {
  std::vector<std::string> out;
  for (const auto& e : step.effects) out.push_back(describe(e));
  return out;
}

// A case moving along its lifecycle: each successful step is applied to it.
struct Flow {
  ComplaintCase c;
  ComplaintWorkflowState state;

  explicit Flow(CaseStatus status = CaseStatus::Registered) : c(makeCase(status)) {}

  Expected<WorkflowStep, WorkflowError> tryAct(const WorkflowAction& action,
                                               const Actor& actor = staff(),
                                               std::int64_t now = kNow) const {
    return applyComplaintAction(c, state, action, actor, now);
  }
  WorkflowStep act(const WorkflowAction& action, const Actor& actor = staff(),
                   std::int64_t now = kNow) {
    auto result = tryAct(action, actor, now);
    if (!result) {
      ADD_FAILURE() << actionName(action) << ": " << result.error().message;
      return WorkflowStep{c.status, state, {}, "", "", ""};
    }
    c.status = result->status;
    state = result->state;
    return *result;
  }
  // The action is refused with `code` (and `field`, when given), and nothing changes.
  WorkflowError refuse(const WorkflowAction& action, WorkflowError::Code code,
                       const std::string& field = "", const Actor& actor = staff()) {
    const json before = toJson(state);
    const CaseStatus statusBefore = c.status;
    auto result = tryAct(action, actor);
    if (result) {
      ADD_FAILURE() << actionName(action) << " was allowed";
      return WorkflowError{code, field, ""};
    }
    EXPECT_EQ(result.error().code, code) << result.error().message;
    if (!field.empty()) {
      EXPECT_EQ(result.error().field, field) << result.error().message;
    }
    EXPECT_FALSE(result.error().message.empty());
    EXPECT_EQ(toJson(state), before);
    EXPECT_EQ(c.status, statusBefore);
    return result.error();
  }
};

// Helpers for getting a case into a status the normal way.
[[maybe_unused]] void toInvestigating(Flow& f, HandlingMode mode = HandlingMode::Direct) {
  f.act(AcceptAction{"符合第七条，予以受理"});
  f.act(HandlingOpinionAction{mode, "", "本部门直接办理"});
}
[[maybe_unused]] void toConcluded(Flow& f) {
  toInvestigating(f);
  f.act(ConcludeAction{"未及时更新公开内容属实", {"立即更新"}, {"已于三日内更新"}});
}
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
