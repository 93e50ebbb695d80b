// RULES.md §1 Art. 7, 9, 10: acceptance, the handling opinion and the transfer.
#include "workflows/complaints/ComplaintTransitions.hpp"

#include "workflows/deadlines/DeadlineRules.hpp"

namespace civicdesk::workflows::transitions {
namespace {

std::string rule(std::string_view id) {
  return std::string(id);
}

}  // namespace

Unexpected<WorkflowError> notAllowedNow(const Context& ctx, std::string_view action) {
  return unexpected(WorkflowError{WorkflowError::Code::NotAllowedNow, "status",
                                  std::string(action) + " is not allowed while case " +
                                      ctx.c.caseNo + " is " + std::string(toString(ctx.c.status)) +
                                      (ctx.state.transferredIn ? " (transferred-in)" : "")});
}

Unexpected<WorkflowError> invalid(std::string field, std::string message) {
  return unexpected(
      WorkflowError{WorkflowError::Code::Invalid, std::move(field), std::move(message)});
}

bool isBlank(std::string_view text) {
  // Spaces, tabs, newlines and the ideographic space (U+3000) say nothing.
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.substr(i, 3) == "\xE3\x80\x80") {
      i += 3;
    } else if (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n') {
      ++i;
    } else {
      return false;
    }
  }
  return true;
}

WorkflowStep step(const Context& ctx, CaseStatus status, std::string event, std::string basis,
                  std::string reason) {
  WorkflowStep s{status, ctx.state, {}, std::move(event), std::move(basis), std::move(reason)};
  return s;
}

bool inHandling(const Context& ctx) {
  return ctx.c.status == CaseStatus::Investigating ||
         (ctx.state.transferredIn && ctx.c.status == CaseStatus::Accepted);
}

Result apply(const Context& ctx, const AcceptAction& action) {
  if (ctx.c.status != CaseStatus::Registered) return notAllowedNow(ctx, "accept");
  WorkflowStep s =
      step(ctx, CaseStatus::Accepted, "case.accepted", "RULES.md §1 Art. 7, 9, 10", action.basis);
  s.state.mode = HandlingMode::None;
  s.state.notAcceptedGround.reset();
  s.state.decisionReason = action.basis;
  s.state.acceptedAt = ctx.now;
  const std::string& unit = ctx.c.receivingUnitId;
  s.effects = {MeetDeadline{rule(rule_ids::kComplaintAcceptanceDecision)},
               OpenDeadline{rule(rule_ids::kComplaintHandlingOpinion), unit, ctx.now},
               OpenDeadline{rule(rule_ids::kComplaintConclusion), unit, ctx.now},
               CitizenNotice{"citizen.case.accepted", {{"case_no", ctx.c.caseNo}}}};
  return s;
}

Result apply(const Context& ctx, const NotAcceptAction& action) {
  if (ctx.c.status != CaseStatus::Registered) return notAllowedNow(ctx, "not_accept");
  const int item = static_cast<int>(action.ground);
  if (item < 1 || item > 5) return invalid("ground", "Art. 7 has items 1..5");
  if (isBlank(action.reason)) return invalid("reason", "a non-acceptance needs its reason");
  const std::string article = AdmissibilityAssessment{false, action.ground}.article();

  WorkflowStep s =
      step(ctx, CaseStatus::NotAccepted, "case.not_accepted", "RULES.md §1 Art. 7", action.reason);
  s.state.notAcceptedGround = action.ground;
  s.state.decisionReason = action.reason;
  CitizenNotice notice{
      "citizen.case.not_accepted",
      {{"case_no", ctx.c.caseNo}, {"article", article}, {"reason", action.reason}}};
  if (isBlank(action.referTo)) {
    notice.templateKey = "citizen.case.not_accepted.no_referral";
  } else {
    notice.values["refer_to"] = action.referTo;
  }
  s.effects = {MeetDeadline{rule(rule_ids::kComplaintAcceptanceDecision)}, std::move(notice)};
  return s;
}

Result apply(const Context& ctx, const HandlingOpinionAction& action) {
  if (ctx.c.status != CaseStatus::Accepted || ctx.state.transferredIn ||
      ctx.state.mode != HandlingMode::None) {
    return notAllowedNow(ctx, "handling_opinion");
  }
  if (action.mode == HandlingMode::None) {
    return invalid("mode", "the handling opinion is direct, transfer or supervise");
  }
  if (action.mode == HandlingMode::Transfer) {
    if (isBlank(action.targetUnitId)) {
      return invalid("targetUnitId", "a transfer names the unit that will handle it");
    }
    if (action.targetUnitId == ctx.c.receivingUnitId) {
      return invalid("targetUnitId", "a case cannot be transferred to its own receiving unit");
    }
    if (action.targetUnitId == ctx.c.form.respondentUnitId) {
      return invalid("targetUnitId", "a case cannot be transferred to the respondent unit");
    }
  }
  const bool transfer = action.mode == HandlingMode::Transfer;
  WorkflowStep s = step(ctx, transfer ? CaseStatus::Accepted : CaseStatus::Investigating,
                        "case.handling_opinion", "RULES.md §1 Art. 9", action.reason);
  s.state.mode = action.mode;
  s.effects.push_back(MeetDeadline{rule(rule_ids::kComplaintHandlingOpinion)});
  if (transfer) {
    s.state.transferTargetUnitId = action.targetUnitId;
    s.effects.push_back(
        OpenDeadline{rule(rule_ids::kComplaintTransfer), ctx.c.receivingUnitId, ctx.now});
  }
  return s;
}

Result apply(const Context& ctx, const TransferAction& action) {
  if (ctx.c.status != CaseStatus::Accepted || ctx.state.transferredIn ||
      ctx.state.mode != HandlingMode::Transfer || ctx.state.transferTargetUnitId.empty()) {
    return notAllowedNow(ctx, "transfer");
  }
  const std::string& target = ctx.state.transferTargetUnitId;
  WorkflowStep s =
      step(ctx, CaseStatus::Transferred, "case.transferred", "RULES.md §1 Art. 10", action.note);
  s.effects = {MeetDeadline{rule(rule_ids::kComplaintTransfer)},
               CancelDeadline{rule(rule_ids::kComplaintConclusion)}, CreateLinkedCase{target},
               StaffNotice{target,
                           "staff.task.transferred_in",
                           {{"case_no", ctx.c.caseNo}, {"from_unit", ctx.c.receivingUnitId}}}};
  return s;
}

}  // namespace civicdesk::workflows::transitions
