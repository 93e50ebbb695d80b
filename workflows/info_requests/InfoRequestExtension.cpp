// The regulation's Art. 33 (1): the reply may be extended, once, by at most 20 working days,
// with the approval of the head of the disclosure office, and the applicant is told. The same
// shape as a complaint's extension (ComplaintHandling.cpp): ask, then extend or decline.
#include "workflows/deadlines/DeadlineRules.hpp"
#include "workflows/info_requests/InfoRequestTransitions.hpp"

namespace civicdesk::workflows::info_request_transitions {
namespace {

constexpr int kMaxExtensionWorkingDays = 20;

// The reply clock exists (running or paused for a third party) only in these statuses.
bool replyClockExists(const Context& ctx) {
  return ctx.request.status == InfoRequestStatus::Registered ||
         ctx.request.status == InfoRequestStatus::Consulting;
}

std::optional<Unexpected<WorkflowError>> extensionUsed(const Context& ctx) {
  if (ctx.state.extensionsUsed < 1) return std::nullopt;
  return unexpected(WorkflowError{
      WorkflowError::Code::NotAllowedNow, "extensionsUsed",
      "Art. 33 allows one extension; application " + ctx.request.caseNo + " has had it"});
}

std::optional<Unexpected<WorkflowError>> checkDays(int days) {
  if (days >= 1 && days <= kMaxExtensionWorkingDays) return std::nullopt;
  return invalid("workingDays", "Art. 33 allows an extension of 1.." +
                                    std::to_string(kMaxExtensionWorkingDays) +
                                    " working days, not " + std::to_string(days));
}

std::string replyRule() {
  return std::string(rule_ids::kInfoRequestReply);
}

}  // namespace

Result apply(const Context& ctx, const RequestInfoExtensionAction& action) {
  if (!replyClockExists(ctx)) return notAllowedNow(ctx, "request_extension");
  if (auto used = extensionUsed(ctx)) return *used;
  if (ctx.state.extensionRequest) {
    return unexpected(WorkflowError{WorkflowError::Code::NotAllowedNow, "extensionRequest",
                                    "application " + ctx.request.caseNo +
                                        " already has an extension request waiting for approval"});
  }
  if (isBlank(action.reason)) return invalid("reason", "an extension needs its reason");
  if (auto bad = checkDays(action.workingDays)) return *bad;
  InfoRequestStep s =
      step(ctx, ctx.request.status, "info_request.extension_requested", kArt33, action.reason);
  s.state.extensionRequest =
      ComplaintWorkflowState::ExtensionRequest{ctx.actor.id, action.reason, ctx.now};
  s.state.requestedExtensionDays = action.workingDays;
  // The disclosure office's head works in the unit asked: its staff channel reaches them.
  s.effects = {StaffNotice{unitAsked(ctx),
                           "staff.info.approval",
                           {{"case_no", ctx.request.caseNo},
                            {"reason", action.reason},
                            {"days", std::to_string(action.workingDays)},
                            {"requested_by", ctx.actor.id},
                            {"deadline_rule", replyRule()}}}};
  return s;
}

Result apply(const Context& ctx, const ExtendInfoRequestAction& action) {
  if (!replyClockExists(ctx)) return notAllowedNow(ctx, "extend");
  if (auto used = extensionUsed(ctx)) return *used;
  if (isBlank(action.approver)) {
    return invalid("approver", "an extension needs the disclosure office head's approval");
  }
  // Approving a pending request may leave its reason and length to the request.
  const auto& pending = ctx.state.extensionRequest;
  const std::string reason = isBlank(action.reason) && pending ? pending->reason : action.reason;
  if (isBlank(reason)) return invalid("reason", "an extension needs its reason");
  const int days =
      action.workingDays == 0 && pending ? ctx.state.requestedExtensionDays : action.workingDays;
  if (auto bad = checkDays(days)) return *bad;
  InfoRequestStep s = step(ctx, ctx.request.status, "info_request.extended", kArt33, reason);
  s.state.extensionsUsed += 1;
  s.state.extensionDays = days;
  s.state.extensionRequest.reset();
  s.state.requestedExtensionDays = 0;
  s.effects = {
      ExtendDeadlineBy{replyRule(), days, action.approver, reason},
      CitizenNotice{
          "citizen.info.extended",
          {{"case_no", ctx.request.caseNo}, {"reason", reason}, {"days", std::to_string(days)}}}};
  return s;
}

Result apply(const Context& ctx, const DeclineInfoExtensionAction& action) {
  if (!replyClockExists(ctx)) return notAllowedNow(ctx, "decline_extension");
  if (!ctx.state.extensionRequest) {
    return unexpected(WorkflowError{
        WorkflowError::Code::NotAllowedNow, "extensionRequest",
        "application " + ctx.request.caseNo + " has no extension request to decline"});
  }
  if (isBlank(action.reason)) return invalid("reason", "say why the extension is declined");
  InfoRequestStep s =
      step(ctx, ctx.request.status, "info_request.extension_declined", kArt33, action.reason);
  s.state.extensionRequest.reset();
  s.state.requestedExtensionDays = 0;
  s.effects = {StaffNotice{unitAsked(ctx),
                           "staff.info.approval_declined",
                           {{"case_no", ctx.request.caseNo},
                            {"reason", action.reason},
                            {"deadline_rule", replyRule()}}}};
  return s;
}

}  // namespace civicdesk::workflows::info_request_transitions
