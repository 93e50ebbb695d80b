#pragma once
// One function per action of ComplaintWorkflow.hpp. Each checks the case's status and the
// action's fields (permission is checked before, in ComplaintPermissions) and builds the step.
// Internal to workflows/complaints; callers use applyComplaintAction.
#include <string>

#include "workflows/complaints/ComplaintWorkflow.hpp"

namespace civicdesk::workflows::transitions {

struct Context {
  const ComplaintCase& c;
  const ComplaintWorkflowState& state;
  std::int64_t now;
  const Actor& actor;
};

using Result = Expected<WorkflowStep, WorkflowError>;

// Lifecycle up to the handling (ComplaintTransitions.cpp).
Result apply(const Context& ctx, const AcceptAction& action);
Result apply(const Context& ctx, const NotAcceptAction& action);
Result apply(const Context& ctx, const HandlingOpinionAction& action);
Result apply(const Context& ctx, const TransferAction& action);
// The handling to the end (ComplaintHandling.cpp).
Result apply(const Context& ctx, const InvestigationRequestAction& action);
Result apply(const Context& ctx, const RequestExtensionAction& action);
Result apply(const Context& ctx, const ExtendAction& action);
Result apply(const Context& ctx, const DeclineExtensionAction& action);
Result apply(const Context& ctx, const ConcludeAction& action);
Result apply(const Context& ctx, const FeedbackAction& action);
Result apply(const Context& ctx, const ArchiveAction& action);

// Shared helpers.
Unexpected<WorkflowError> notAllowedNow(const Context& ctx, std::string_view action);
Unexpected<WorkflowError> invalid(std::string field, std::string message);
bool isBlank(std::string_view text);
WorkflowStep step(const Context& ctx, CaseStatus status, std::string event, std::string basis,
                  std::string reason);
// Whether the case is in its handling phase: investigating, or a transferred-in case that was
// accepted at receipt.
bool inHandling(const Context& ctx);

}  // namespace civicdesk::workflows::transitions
