#pragma once
// What the ComplaintWorkflow*Test.cpp files share: a case and an actor to act on it, and
// helpers that walk a case to a given status through the workflow itself.
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "workflows/complaints/CaseStatus.hpp"
#include "workflows/complaints/ComplaintWorkflow.hpp"

namespace civicdesk::workflows::test {

using nlohmann::json;

constexpr std::int64_t kNow = 1767225600;  // 2026-01-01 08:00 Asia/Shanghai
constexpr std::int64_t kLater = kNow + 86400;

inline ComplaintCase makeCase(CaseStatus status) {
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

inline Actor staff(std::string role = "handler", std::string unit = "office") {
  return Actor{"staff:1", std::move(role), std::move(unit)};
}

inline std::string join(const std::map<std::string, std::string>& values) {
  std::string out;
  for (const auto& [k, v] : values) out += " " + k + "=" + v;
  return out;
}

// One line per effect, so that a test states the effects exactly and in order.
inline std::string describe(const WorkflowEffect& e) {
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

inline std::vector<std::string> describe(const WorkflowStep& step) {
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
inline void toInvestigating(Flow& f, HandlingMode mode = HandlingMode::Direct) {
  f.act(AcceptAction{"符合第七条，予以受理"});
  f.act(HandlingOpinionAction{mode, "", "本部门直接办理"});
}
inline void toConcluded(Flow& f) {
  toInvestigating(f);
  f.act(ConcludeAction{"未及时更新公开内容属实", {"立即更新"}, {"已于三日内更新"}});
}

}  // namespace civicdesk::workflows::test
