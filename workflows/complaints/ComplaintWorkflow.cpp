// RULES.md §1 Art. 3-13: the dispatch of ComplaintWorkflow.hpp. The rules of each step live in
// ComplaintTransitions.cpp and ComplaintHandling.cpp, who may act in ComplaintPermissions.cpp.
#include "workflows/complaints/ComplaintWorkflow.hpp"

#include "util/Overloaded.hpp"
#include "workflows/complaints/ComplaintPermissions.hpp"
#include "workflows/complaints/ComplaintTransitions.hpp"
#include "workflows/deadlines/DeadlineRules.hpp"

namespace civicdesk::workflows {
namespace {

WorkflowError notAllowed(std::string field, std::string message) {
  return WorkflowError{WorkflowError::Code::NotAllowedNow, std::move(field), std::move(message)};
}

// Findings are set only by a conclusion: a child without them has not concluded.
bool isBlankFindings(const ComplaintWorkflowState& child) {
  return transitions::isBlank(child.findings);
}

}  // namespace

std::string_view toString(HandlingMode mode) {
  switch (mode) {
    case HandlingMode::None:
      return "none";
    case HandlingMode::Direct:
      return "direct";
    case HandlingMode::Transfer:
      return "transfer";
    case HandlingMode::Supervise:
      return "supervise";
  }
  return "none";
}

std::optional<HandlingMode> handlingModeFromString(std::string_view text) {
  for (auto mode : {HandlingMode::None, HandlingMode::Direct, HandlingMode::Transfer,
                    HandlingMode::Supervise}) {
    if (toString(mode) == text) return mode;
  }
  return std::nullopt;
}

std::string_view actionName(const WorkflowAction& action) {
  return std::visit(
      Overloaded{
          [](const AcceptAction&) { return std::string_view("accept"); },
          [](const NotAcceptAction&) { return std::string_view("not_accept"); },
          [](const HandlingOpinionAction&) { return std::string_view("handling_opinion"); },
          [](const TransferAction&) { return std::string_view("transfer"); },
          [](const InvestigationRequestAction&) {
            return std::string_view("investigation_request");
          },
          [](const RequestExtensionAction&) { return std::string_view("request_extension"); },
          [](const ExtendAction&) { return std::string_view("extend"); },
          [](const DeclineExtensionAction&) { return std::string_view("decline_extension"); },
          [](const ConcludeAction&) { return std::string_view("conclude"); },
          [](const FeedbackAction&) { return std::string_view("feedback"); },
          [](const ArchiveAction&) { return std::string_view("archive"); },
      },
      action);
}

Expected<WorkflowStep, WorkflowError> applyComplaintAction(const ComplaintCase& c,
                                                           const ComplaintWorkflowState& state,
                                                           const WorkflowAction& action,
                                                           const Actor& actor, std::int64_t now) {
  if (auto refused = checkComplaintPermission(c, state, action, actor)) {
    return unexpected(std::move(*refused));
  }
  const transitions::Context ctx{c, state, now, actor};
  return std::visit([&](const auto& a) { return transitions::apply(ctx, a); }, action);
}

Expected<WorkflowStep, WorkflowError> receiveTransferredCase(
    const ComplaintCase& parent, const ComplaintWorkflowState& parentState, std::int64_t now) {
  if (parent.status != CaseStatus::Transferred || parentState.transferTargetUnitId.empty()) {
    return unexpected(notAllowed("status", "case " + parent.caseNo +
                                               " has not been transferred (it is " +
                                               std::string(toString(parent.status)) + ")"));
  }
  WorkflowStep s{
      CaseStatus::Accepted,  ComplaintWorkflowState{}, {},
      "case.transferred_in", "RULES.md §1 Art. 10",    "transferred from " + parent.caseNo};
  s.state.mode = HandlingMode::Direct;
  s.state.transferredIn = true;
  s.state.parentCaseNo = parent.caseNo;
  s.state.transferringUnitId = parent.receivingUnitId;
  s.state.acceptedAt = now;
  s.effects = {OpenDeadline{std::string(rule_ids::kComplaintTransferredConclusion),
                            parentState.transferTargetUnitId, now}};
  return s;
}

Expected<WorkflowStep, WorkflowError> applyReportedResult(const ComplaintCase& parent,
                                                          const ComplaintWorkflowState& state,
                                                          const ComplaintWorkflowState& child,
                                                          std::int64_t now) {
  if (parent.status != CaseStatus::Transferred || state.transferredIn) {
    return unexpected(notAllowed("status", "case " + parent.caseNo + " awaits no reported result"));
  }
  if (!child.transferredIn || child.parentCaseNo != parent.caseNo) {
    return unexpected(
        notAllowed("parentCaseNo", "the reporting case was not transferred from " + parent.caseNo));
  }
  if (isBlankFindings(child)) {
    return unexpected(notAllowed("findings", "the transferred-in case has not concluded"));
  }
  WorkflowStep s{CaseStatus::Concluded,     state,         {}, "case.result_reported",
                 "RULES.md §1 Art. 10, 13", child.findings};
  s.state.findings = child.findings;
  s.state.orders = child.orders;
  s.state.remedies = child.remedies;
  s.state.concludedAt = now;
  s.effects = {
      OpenDeadline{std::string(rule_ids::kComplaintFeedback), parent.receivingUnitId, now}};
  return s;
}

}  // namespace civicdesk::workflows
