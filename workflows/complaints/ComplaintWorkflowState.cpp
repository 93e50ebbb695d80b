// The JSON of ComplaintWorkflowState, stored with the case. A missing key reads as its default
// (a case stored before the workflow existed has a fresh state); a key of the wrong type or an
// unknown mode or ground throws nlohmann::json::exception, as complaintFormFromJson does.
#include <nlohmann/json.hpp>

#include "workflows/JsonFields.hpp"
#include "workflows/complaints/ComplaintWorkflow.hpp"

namespace civicdesk::workflows {
namespace {

using nlohmann::json;

json optionalString(const std::optional<std::string>& value) {
  return value ? json(*value) : json(nullptr);
}

void readOptional(const json& j, const char* key, std::optional<std::string>& out) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    out.reset();
  } else {
    out = it->get<std::string>();
  }
}

}  // namespace

json toJson(const ComplaintWorkflowState& state) {
  return json{
      {"mode", std::string(toString(state.mode))},
      {"transferred_in", state.transferredIn},
      {"parent_case_no", optionalString(state.parentCaseNo)},
      {"child_case_no", optionalString(state.childCaseNo)},
      {"transfer_target_unit_id", state.transferTargetUnitId},
      {"not_accepted_ground",
       state.notAcceptedGround ? json(static_cast<int>(*state.notAcceptedGround)) : json(nullptr)},
      {"decision_reason", state.decisionReason},
      {"extensions_used", state.extensionsUsed},
      {"extension_request", state.extensionRequest
                                ? json{{"requested_by", state.extensionRequest->requestedBy},
                                       {"reason", state.extensionRequest->reason},
                                       {"at", state.extensionRequest->at}}
                                : json(nullptr)},
      {"transferring_unit_id", state.transferringUnitId},
      {"findings", state.findings},
      {"orders", state.orders},
      {"remedies", state.remedies},
      {"feedback", state.feedback},
      {"accepted_at", state.acceptedAt},
      {"concluded_at", state.concludedAt},
      {"feedback_at", state.feedbackAt},
  };
}

ComplaintWorkflowState complaintWorkflowStateFromJson(const json& j) {
  if (!j.is_object()) {
    throw json::type_error::create(302, "a complaint workflow state must be a JSON object", &j);
  }
  ComplaintWorkflowState state;
  std::string mode = "none";
  json_fields::readIfPresent(j, "mode", mode);
  if (auto parsed = handlingModeFromString(mode)) {
    state.mode = *parsed;
  } else {
    throw json::out_of_range::create(406, "unknown handling mode: " + mode, &j);
  }
  json_fields::readIfPresent(j, "transferred_in", state.transferredIn);
  readOptional(j, "parent_case_no", state.parentCaseNo);
  readOptional(j, "child_case_no", state.childCaseNo);
  json_fields::readIfPresent(j, "transfer_target_unit_id", state.transferTargetUnitId);
  if (auto it = j.find("not_accepted_ground"); it != j.end() && !it->is_null()) {
    const int item = it->get<int>();
    if (item < 1 || item > 5) {
      throw json::out_of_range::create(406, "Art. 7 ground must be 1..5, got " + it->dump(), &*it);
    }
    state.notAcceptedGround = static_cast<InadmissibilityGround>(item);
  }
  json_fields::readIfPresent(j, "decision_reason", state.decisionReason);
  json_fields::readIfPresent(j, "extensions_used", state.extensionsUsed);
  if (auto it = j.find("extension_request"); it != j.end() && !it->is_null()) {
    ComplaintWorkflowState::ExtensionRequest request;
    json_fields::readIfPresent(*it, "requested_by", request.requestedBy);
    json_fields::readIfPresent(*it, "reason", request.reason);
    json_fields::readIfPresent(*it, "at", request.at);
    state.extensionRequest = request;
  }
  json_fields::readIfPresent(j, "transferring_unit_id", state.transferringUnitId);
  json_fields::readIfPresent(j, "findings", state.findings);
  json_fields::readIfPresent(j, "orders", state.orders);
  json_fields::readIfPresent(j, "remedies", state.remedies);
  json_fields::readIfPresent(j, "feedback", state.feedback);
  json_fields::readIfPresent(j, "accepted_at", state.acceptedAt);
  json_fields::readIfPresent(j, "concluded_at", state.concludedAt);
  json_fields::readIfPresent(j, "feedback_at", state.feedbackAt);
  return state;
}

}  // namespace civicdesk::workflows
