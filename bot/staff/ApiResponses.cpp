#include "bot/staff/ApiResponses.hpp"

#include <map>

namespace civicdesk::bot::api {

using nlohmann::json;
using workflows::WorkflowError;

channels::HttpResponse answer(int status, const json& body) {
  return {status, "application/json; charset=utf-8", body.dump(), {}};
}

channels::HttpResponse error(int status, const std::string& message, const std::string& field) {
  json body{{"status", status}, {"error", message}};
  if (!field.empty()) body["field"] = field;
  return answer(status, body);
}

channels::HttpResponse fromWorkflowError(const WorkflowError& e) {
  switch (e.code) {
    case WorkflowError::Code::NotAllowedNow:
      return error(409, e.message);
    case WorkflowError::Code::Forbidden:
      return error(403, e.message);
    case WorkflowError::Code::Invalid: {
      if (e.field == "case_no") return error(404, e.message);
      // The workflows name their own fields; the requests' JSON keys are snake_case.
      static const std::map<std::string, std::string> kRequestKeys{
          {"targetUnitId", "target_unit"},
          {"workingDays", "working_days"},
          {"referTo", "refer_to"},
          {"legalBasis", "legal_basis"},
          {"rightUnit", "right_unit"},
          {"previousCaseNo", "previous_case_no"},
          {"otherChannel", "other_channel"},
          {"thirdParty", "third_party"},
          {"attachmentUrl", "attachment_url"}};
      auto key = kRequestKeys.find(e.field);
      return error(422, e.message, key == kRequestKeys.end() ? e.field : key->second);
    }
  }
  return error(500, "unexpected workflow error");
}

channels::HttpResponse unauthorised() {
  return error(401, "a valid staff token is required (Authorization: Bearer …)");
}

workflows::Actor actorOf(const store::StaffMember& m) {
  return {"staff:" + std::to_string(m.id), m.role, m.unitId};
}

std::optional<json> jsonBody(const channels::HttpRequest& request) {
  if (request.body.empty()) return json::object();
  auto body = json::parse(request.body, nullptr, false);
  if (!body.is_object()) return std::nullopt;
  return body;
}

}  // namespace civicdesk::bot::api
