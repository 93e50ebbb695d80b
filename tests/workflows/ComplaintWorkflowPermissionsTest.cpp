// RULES.md §1 Art. 2, 3, 14: who may act on a complaint case; the workflow state JSON.
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

TEST(Complaint_Art3, TheReceivingUnitsStaffTakeTheSteps) {
  for (const char* role : {"handler", "unit_head", "receiving_department"}) {
    Flow f;
    EXPECT_EQ(f.act(AcceptAction{"符合"}, staff(role)).status, CaseStatus::Accepted) << role;
    f.act(HandlingOpinionAction{HandlingMode::Direct, "", ""}, staff(role));
    f.act(InvestigationRequestAction{"记录", 5}, staff(role));
    f.act(ConcludeAction{"属实", {}, {}}, staff(role));
    f.act(FeedbackAction{"已处理"}, staff(role));
    EXPECT_EQ(f.act(ArchiveAction{}, staff(role)).status, CaseStatus::Archived) << role;
  }
}

TEST(Complaint_Art2, AnotherUnitsStaffMayNotAct) {
  Flow f;
  const WorkflowError e =
      f.refuse(AcceptAction{"符合"}, Code::Forbidden, "actor", staff("unit_head", "culture"));
  EXPECT_NE(e.message.find("office"), std::string::npos);
  f.refuse(AcceptAction{"符合"}, Code::Forbidden, "", staff("handler", ""));
}

TEST(Complaint_Art14, TheRespondentUnitMayDoNothingInTheWorkflow) {
  Flow f;
  f.refuse(AcceptAction{"符合"}, Code::Forbidden, "", staff("unit_head", "edu"));
  // Even when the respondent is its own receiving unit: only the supervisors act then.
  Flow self;
  self.c.receivingUnitId = "edu";
  self.refuse(AcceptAction{"符合"}, Code::Forbidden, "", staff("handler", "edu"));
  EXPECT_TRUE(self.tryAct(AcceptAction{"符合"}, staff("leading_group_office", "lgo")));
}

TEST(Complaint_Art3, TheLeadingGroupOfficeAndAdminSuperviseEveryStep) {
  for (const char* role : {"leading_group_office", "admin"}) {
    const Actor supervisor = staff(role, "lgo");
    Flow f;
    f.act(AcceptAction{"符合"}, supervisor);
    f.act(HandlingOpinionAction{HandlingMode::Supervise, "", ""}, supervisor);
    f.act(ExtendAction{"李局长", "需补充调查"}, supervisor);
    f.act(ConcludeAction{"属实", {}, {}}, supervisor);
    f.act(FeedbackAction{"已处理"}, supervisor);
    EXPECT_EQ(f.act(ArchiveAction{}, supervisor).status, CaseStatus::Archived) << role;
  }
}

TEST(Complaint_Art3, ALeaderApprovesExtensionsButDoesNotHandle) {
  Flow f;
  f.refuse(AcceptAction{"符合"}, Code::Forbidden, "", staff("leader"));
  toInvestigating(f);
  EXPECT_TRUE(f.tryAct(ExtendAction{"李局长", "需补充调查"}, staff("leader")));
  f.refuse(ExtendAction{"李局长", "需补充调查"}, Code::Forbidden, "",
           staff("receiving_department"));
}

TEST(Complaint_Art3, TheSystemOnlyArchives) {
  const Actor system{"system", "system", ""};
  Flow f;
  f.refuse(AcceptAction{"符合"}, Code::Forbidden, "", system);
  f.act(NotAcceptAction{InadmissibilityGround::OutsideScope, "不属于受理范围", ""});
  EXPECT_EQ(f.act(ArchiveAction{}, system).status, CaseStatus::Archived);
}

TEST(Complaint_Art3, AnActorWithoutAnIdIsRefused) {
  Flow f;
  f.refuse(AcceptAction{"符合"}, Code::Forbidden, "", Actor{"", "admin", "lgo"});
}

TEST(Complaint_Art3, PermissionIsCheckedBeforeStatusAndFields) {
  Flow f;  // registered: a conclusion is out of order and has no findings
  f.refuse(ConcludeAction{"", {}, {}}, Code::Forbidden, "", staff("handler", "culture"));
  f.refuse(ConcludeAction{"", {}, {}}, Code::NotAllowedNow);
}

TEST(ComplaintWorkflow, NamesOfActionsAndModes) {
  EXPECT_EQ(actionName(AcceptAction{}), "accept");
  EXPECT_EQ(actionName(NotAcceptAction{}), "not_accept");
  EXPECT_EQ(actionName(HandlingOpinionAction{}), "handling_opinion");
  EXPECT_EQ(actionName(TransferAction{}), "transfer");
  EXPECT_EQ(actionName(InvestigationRequestAction{}), "investigation_request");
  EXPECT_EQ(actionName(ExtendAction{}), "extend");
  EXPECT_EQ(actionName(ConcludeAction{}), "conclude");
  EXPECT_EQ(actionName(FeedbackAction{}), "feedback");
  EXPECT_EQ(actionName(ArchiveAction{}), "archive");
  for (auto mode : {HandlingMode::None, HandlingMode::Direct, HandlingMode::Transfer,
                    HandlingMode::Supervise}) {
    EXPECT_EQ(handlingModeFromString(toString(mode)), mode);
  }
  EXPECT_FALSE(handlingModeFromString("Direct"));
}

TEST(ComplaintWorkflow, StateJsonRoundTrip) {
  ComplaintWorkflowState state;
  state.mode = HandlingMode::Transfer;
  state.transferredIn = true;
  state.parentCaseNo = "TS-2026-000001";
  state.childCaseNo = "TS-2026-000002";
  state.transferTargetUnitId = "culture";
  state.notAcceptedGround = InadmissibilityGround::AlreadyDecided;
  state.decisionReason = "理由";
  state.extensionsUsed = 1;
  state.findings = "属实";
  state.orders = {"立即更新", "公开说明"};
  state.remedies = {"已更新"};
  state.feedback = "已处理";
  state.acceptedAt = kNow;
  state.concludedAt = kLater;
  state.feedbackAt = kLater + 1;
  const json j = toJson(state);
  EXPECT_EQ(j.at("mode"), "transfer");
  EXPECT_EQ(j.at("not_accepted_ground"), 4);
  EXPECT_EQ(toJson(complaintWorkflowStateFromJson(j)), j);
  EXPECT_EQ(toJson(complaintWorkflowStateFromJson(json::parse(j.dump()))), j);

  const ComplaintWorkflowState fresh;
  EXPECT_EQ(toJson(complaintWorkflowStateFromJson(toJson(fresh))), toJson(fresh));
  EXPECT_EQ(toJson(complaintWorkflowStateFromJson(json::object())), toJson(fresh));
  EXPECT_TRUE(toJson(fresh).at("parent_case_no").is_null());
}

TEST(ComplaintWorkflow, BadStateJsonThrows) {
  EXPECT_THROW(complaintWorkflowStateFromJson(json::array()), json::exception);
  EXPECT_THROW(complaintWorkflowStateFromJson(json{{"mode", "sideways"}}), json::exception);
  EXPECT_THROW(complaintWorkflowStateFromJson(json{{"not_accepted_ground", 9}}), json::exception);
  EXPECT_THROW(complaintWorkflowStateFromJson(json{{"extensions_used", "one"}}), json::exception);
  EXPECT_THROW(complaintWorkflowStateFromJson(json{{"orders", "x"}}), json::exception);
}

TEST(ComplaintWorkflow, AStepsStateIsTheCaseAfterIt) {
  Flow f;
  toConcluded(f);
  const json j = toJson(f.state);
  EXPECT_EQ(j.at("mode"), "direct");
  EXPECT_EQ(j.at("findings"), "未及时更新公开内容属实");
  EXPECT_EQ(toJson(complaintWorkflowStateFromJson(j)), j);
}

}  // namespace
}  // namespace civicdesk::workflows
