#pragma once
// What executing a workflow's effects needs in both ComplaintActions and InfoRequestActions:
// the placeholder a deadline's date goes by in the texts, and workflow errors made from
// input and from the deadline engine's refusals.
#include <string>

#include "workflows/complaints/ComplaintWorkflow.hpp"
#include "workflows/deadlines/Deadline.hpp"

namespace civicdesk::bot::effects {

// "complaint.conclusion" → "conclusion_due", "info_request.reply" → "reply_due".
inline std::string dueKey(const std::string& ruleId) {
  const auto dot = ruleId.find('.');
  return (dot == std::string::npos ? ruleId : ruleId.substr(dot + 1)) + "_due";
}

inline workflows::WorkflowError invalid(std::string field, std::string message) {
  return {workflows::WorkflowError::Code::Invalid, std::move(field), std::move(message)};
}

// The deadline engine's refusal as the workflow would say it; `unitsField` is the request's
// name for an extension's length ("units", "workingDays").
inline workflows::WorkflowError fromDeadlineError(const workflows::DeadlineError& e,
                                                  const std::string& unitsField) {
  using Code = workflows::DeadlineError::Code;
  if (e.code == Code::NoApprover) return invalid("approver", e.message);
  if (e.code == Code::ExtensionUnits) return invalid(unitsField, e.message);
  return {workflows::WorkflowError::Code::NotAllowedNow, "", e.message};
}

}  // namespace civicdesk::bot::effects
