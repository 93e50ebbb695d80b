#include "bot/staff/ActionRequests.hpp"

#include <nlohmann/json.hpp>

namespace civicdesk::bot {

namespace {

using nlohmann::json;

// A required non-empty text field.
Expected<std::string, FieldError> text(const json& body, const char* field) {
  if (!body.contains(field) || !body[field].is_string() || body[field].get<std::string>().empty()) {
    return unexpected(FieldError{field, "required: a non-empty text"});
  }
  return body[field].get<std::string>();
}

std::string optionalText(const json& body, const char* field) {
  return body.contains(field) && body[field].is_string() ? body[field].get<std::string>() : "";
}

Expected<std::vector<std::string>, FieldError> textList(const json& body, const char* field) {
  std::vector<std::string> out;
  if (!body.contains(field)) return out;
  if (!body[field].is_array()) return unexpected(FieldError{field, "must be a list of texts"});
  for (const auto& item : body[field]) {
    if (!item.is_string()) return unexpected(FieldError{field, "must be a list of texts"});
    out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace

Expected<workflows::WorkflowAction, FieldError> parseActionRequest(const std::string& action,
                                                                   const json& body) {
  using namespace workflows;
  if (!body.is_object()) return unexpected(FieldError{"body", "must be a JSON object"});
  if (action == "accept") return WorkflowAction{AcceptAction{optionalText(body, "basis")}};
  if (action == "not-accept") {
    // get<long long>: a huge number must not wrap into a valid item (4294967297 is not 1).
    if (!body.contains("ground") || !body["ground"].is_number_integer() ||
        body["ground"].get<long long>() < 1 || body["ground"].get<long long>() > 5) {
      return unexpected(FieldError{"ground", "required: the item of Art. 7, 1 to 5"});
    }
    auto reason = text(body, "reason");
    if (!reason) return unexpected(reason.error());
    return WorkflowAction{
        NotAcceptAction{static_cast<InadmissibilityGround>(body["ground"].get<int>()), *reason,
                        optionalText(body, "refer_to")}};
  }
  if (action == "handling-opinion") {
    auto modeText = text(body, "mode");
    if (!modeText) return unexpected(modeText.error());
    auto mode = handlingModeFromString(*modeText);
    if (!mode || *mode == HandlingMode::None) {
      return unexpected(FieldError{"mode", "direct, transfer or supervise (Art. 9)"});
    }
    return WorkflowAction{HandlingOpinionAction{*mode, optionalText(body, "target_unit"),
                                                optionalText(body, "reason")}};
  }
  if (action == "transfer") return WorkflowAction{TransferAction{optionalText(body, "note")}};
  if (action == "investigation") {
    auto request = text(body, "request");
    if (!request) return unexpected(request.error());
    int days = 5;
    if (body.contains("working_days")) {
      // Only the type here; the limits are the workflow's (one home).
      if (!body["working_days"].is_number_integer()) {
        return unexpected(FieldError{"working_days", "a whole number of working days"});
      }
      // Out of int's range is out of any limit: say so rather than wrap around.
      const auto value = body["working_days"].get<long long>();
      if (value < -1000 || value > 1000) {
        return unexpected(FieldError{"working_days", "a whole number of working days"});
      }
      days = static_cast<int>(value);
    }
    return WorkflowAction{InvestigationRequestAction{*request, days}};
  }
  if (action == "request-extension") {
    return WorkflowAction{RequestExtensionAction{optionalText(body, "reason")}};
  }
  if (action == "decline-extension") {
    return WorkflowAction{DeclineExtensionAction{optionalText(body, "reason")}};
  }
  if (action == "extend") {
    return WorkflowAction{
        ExtendAction{optionalText(body, "approver"), optionalText(body, "reason")}};
  }
  if (action == "conclude") {
    auto orders = textList(body, "orders");
    if (!orders) return unexpected(orders.error());
    auto remedies = textList(body, "remedies");
    if (!remedies) return unexpected(remedies.error());
    return WorkflowAction{ConcludeAction{optionalText(body, "findings"), *orders, *remedies}};
  }
  if (action == "feedback") return WorkflowAction{FeedbackAction{optionalText(body, "text")}};
  if (action == "archive") return WorkflowAction{ArchiveAction{}};
  return unexpected(FieldError{"action", "unknown action '" + action + "'"});
}

}  // namespace civicdesk::bot
