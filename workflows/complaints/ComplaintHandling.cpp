// RULES.md §1 Art. 10-13 and Art. 3: investigation, extension, conclusion, feedback, archive.
#include "workflows/complaints/ComplaintTransitions.hpp"

#include "workflows/deadlines/DeadlineRules.hpp"

namespace civicdesk::workflows::transitions {
namespace {

// The longest an investigation task may run; a typo of 500 days is refused, not scheduled.
constexpr int kMaxInvestigationWorkingDays = 60;

// A transferred-in case runs on the transferred clock (30 days from receipt), the others on
// their own (30 days from acceptance).
std::string conclusionRule(const Context& ctx) {
  return std::string(ctx.state.transferredIn ? rule_ids::kComplaintTransferredConclusion
                                             : rule_ids::kComplaintConclusion);
}

// The number the complainant knows: a transferred-in case speaks through its parent's.
std::string complainantCaseNo(const Context& ctx) {
  if (ctx.state.transferredIn && ctx.state.parentCaseNo) return *ctx.state.parentCaseNo;
  return ctx.c.caseNo;
}

// Art. 10 allows the one extension; a second is refused whoever asks.
std::optional<Unexpected<WorkflowError>> extensionUsed(const Context& ctx) {
  if (ctx.state.extensionsUsed < 1) return std::nullopt;
  return unexpected(
      WorkflowError{WorkflowError::Code::NotAllowedNow, "extensionsUsed",
                    "Art. 10 allows one extension; case " + ctx.c.caseNo + " has had it"});
}

}  // namespace

Result apply(const Context& ctx, const InvestigationRequestAction& action) {
  if (!inHandling(ctx)) return notAllowedNow(ctx, "investigation_request");
  if (isBlank(action.request)) {
    return invalid("request", "say which documents or explanations the respondent must give");
  }
  if (action.workingDays < 1 || action.workingDays > kMaxInvestigationWorkingDays) {
    return invalid("workingDays", "an investigation task runs 1.." +
                                      std::to_string(kMaxInvestigationWorkingDays) +
                                      " working days");
  }
  const std::string& respondent = ctx.c.form.respondentUnitId;
  if (respondent.empty()) return invalid("respondentUnitId", "the case names no respondent unit");
  WorkflowStep s = step(ctx, CaseStatus::Investigating, "case.investigation_requested",
                        "RULES.md §1 Art. 11", action.request);
  // Art. 14: the respondent learns the case number and the request, never the complainant.
  s.effects = {InvestigationTask{respondent, action.request, action.workingDays},
               StaffNotice{respondent,
                           "staff.task.investigation",
                           {{"case_no", ctx.c.caseNo},
                            {"request", action.request},
                            {"days", std::to_string(action.workingDays)}}}};
  return s;
}

Result apply(const Context& ctx, const RequestExtensionAction& action) {
  if (!inHandling(ctx)) return notAllowedNow(ctx, "request_extension");
  if (auto used = extensionUsed(ctx)) return *used;
  if (ctx.state.extensionRequest) {
    return unexpected(WorkflowError{
        WorkflowError::Code::NotAllowedNow, "extensionRequest",
        "case " + ctx.c.caseNo + " already has an extension request waiting for its approver"});
  }
  if (isBlank(action.reason)) return invalid("reason", "an extension needs its special reason");
  WorkflowStep s =
      step(ctx, ctx.c.status, "case.extension_requested", "RULES.md §1 Art. 10", action.reason);
  s.state.extensionRequest =
      ComplaintWorkflowState::ExtensionRequest{ctx.actor.id, action.reason, ctx.now};
  // The approver is told: the transferring agency for a transferred-in case (its consent),
  // otherwise the agency head, whose staff channel is the handling unit's own.
  const bool consent = ctx.state.transferredIn && !ctx.state.transferringUnitId.empty();
  s.effects = {StaffNotice{consent ? ctx.state.transferringUnitId : ctx.c.receivingUnitId,
                           "staff.approval.extension",
                           {{"case_no", ctx.c.caseNo},
                            {"reason", action.reason},
                            {"requested_by", ctx.actor.id},
                            {"approver_role", consent ? "交办机关" : "机关负责人"},
                            {"deadline_rule", conclusionRule(ctx)}}}};
  return s;
}

Result apply(const Context& ctx, const ExtendAction& action) {
  if (!inHandling(ctx)) return notAllowedNow(ctx, "extend");
  if (auto used = extensionUsed(ctx)) return *used;
  if (isBlank(action.approver)) {
    return invalid("approver", ctx.state.transferredIn
                                   ? "an extension needs the transferring agency's consent"
                                   : "an extension needs the agency head's approval");
  }
  // Approving a pending request may leave the reason to the request.
  const std::string reason = isBlank(action.reason) && ctx.state.extensionRequest
                                 ? ctx.state.extensionRequest->reason
                                 : action.reason;
  if (isBlank(reason)) return invalid("reason", "an extension needs its special reason");
  WorkflowStep s = step(ctx, ctx.c.status, "case.extended", "RULES.md §1 Art. 10", reason);
  s.state.extensionsUsed += 1;
  s.state.extensionRequest.reset();
  s.effects = {ExtendDeadline{conclusionRule(ctx), action.approver, reason},
               CitizenNotice{"citizen.case.extended",
                             {{"case_no", complainantCaseNo(ctx)}, {"reason", reason}}}};
  if (ctx.state.extensionRequest) {
    // The handler who asked learns the answer with the new date.
    s.effects.push_back(StaffNotice{ctx.c.receivingUnitId,
                                    "staff.approval.extension_approved",
                                    {{"case_no", ctx.c.caseNo}, {"approver", action.approver}}});
  }
  return s;
}

Result apply(const Context& ctx, const DeclineExtensionAction& action) {
  if (!ctx.state.extensionRequest) return notAllowedNow(ctx, "decline_extension");
  if (isBlank(action.reason)) return invalid("reason", "say why the extension is declined");
  WorkflowStep s =
      step(ctx, ctx.c.status, "case.extension_declined", "RULES.md §1 Art. 10", action.reason);
  s.state.extensionRequest.reset();
  s.effects = {StaffNotice{ctx.c.receivingUnitId,
                           "staff.approval.extension_declined",
                           {{"case_no", ctx.c.caseNo},
                            {"reason", action.reason},
                            {"deadline_rule", conclusionRule(ctx)}}}};
  return s;
}

Result apply(const Context& ctx, const ConcludeAction& action) {
  if (!inHandling(ctx)) return notAllowedNow(ctx, "conclude");
  if (isBlank(action.findings)) return invalid("findings", "a conclusion records its findings");
  for (const auto& order : action.orders) {
    if (isBlank(order)) return invalid("orders", "an order may not be empty");
  }
  for (const auto& remedy : action.remedies) {
    if (isBlank(remedy)) return invalid("remedies", "a remedy may not be empty");
  }
  WorkflowStep s =
      step(ctx, CaseStatus::Concluded, "case.concluded", "RULES.md §1 Art. 12", action.findings);
  s.state.findings = action.findings;
  s.state.orders = action.orders;
  s.state.remedies = action.remedies;
  s.state.concludedAt = ctx.now;
  s.effects.push_back(MeetDeadline{conclusionRule(ctx)});
  if (ctx.state.transferredIn) {
    if (!ctx.state.parentCaseNo) {
      return invalid("parentCaseNo", "a transferred-in case reports to its parent, none is set");
    }
    s.basis = "RULES.md §1 Art. 10, 12";
    s.effects.push_back(ReportToParent{*ctx.state.parentCaseNo});
  } else {
    s.effects.push_back(
        OpenDeadline{std::string(rule_ids::kComplaintFeedback), ctx.c.receivingUnitId, ctx.now});
  }
  return s;
}

Result apply(const Context& ctx, const FeedbackAction& action) {
  if (ctx.c.status != CaseStatus::Concluded || ctx.state.transferredIn) {
    return notAllowedNow(ctx, "feedback");
  }
  if (isBlank(action.text)) return invalid("text", "the feedback says what was done");
  WorkflowStep s =
      step(ctx, CaseStatus::FeedbackSent, "case.feedback_sent", "RULES.md §1 Art. 13", action.text);
  s.state.feedback = action.text;
  s.state.feedbackAt = ctx.now;
  s.effects = {MeetDeadline{std::string(rule_ids::kComplaintFeedback)},
               CitizenNotice{"citizen.case.feedback",
                             {{"case_no", ctx.c.caseNo}, {"feedback", action.text}}}};
  return s;
}

Result apply(const Context& ctx, const ArchiveAction&) {
  const bool closed = ctx.c.status == CaseStatus::FeedbackSent ||
                      ctx.c.status == CaseStatus::NotAccepted ||
                      (ctx.state.transferredIn && ctx.c.status == CaseStatus::Concluded);
  if (!closed) return notAllowedNow(ctx, "archive");
  return step(ctx, CaseStatus::Archived, "case.archived", "RULES.md §1 Art. 3, 6", "");
}

}  // namespace civicdesk::workflows::transitions
