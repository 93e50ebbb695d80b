// The JSON of InfoRequestState, stored with the request. A missing key reads as its default (a
// request stored before a field existed has the fresh value); a key of the wrong type or an
// unknown reply type throws nlohmann::json::exception, as complaintWorkflowStateFromJson does.
#include <nlohmann/json.hpp>

#include "workflows/JsonFields.hpp"
#include "workflows/info_requests/InfoRequestWorkflow.hpp"

namespace civicdesk::workflows {
namespace {

using nlohmann::json;

}  // namespace

json toJson(const InfoRequestState& state) {
  return json{
      {"supplements_asked", state.supplementsAsked},
      {"supplement_items", state.supplementItems},
      {"supplement_working_days", state.supplementWorkingDays},
      {"supplement_asked_at", state.supplementAskedAt},
      {"supplemented_at", state.supplementedAt},
      {"consultations", state.consultations},
      {"extensions_used", state.extensionsUsed},
      {"extension_days", state.extensionDays},
      {"extension_request", state.extensionRequest
                                ? json{{"requested_by", state.extensionRequest->requestedBy},
                                       {"reason", state.extensionRequest->reason},
                                       {"at", state.extensionRequest->at}}
                                : json(nullptr)},
      {"requested_extension_days", state.requestedExtensionDays},
      {"reply_type",
       state.replyType ? json(std::string(toString(*state.replyType))) : json(nullptr)},
      {"reply", state.reply},
      {"replied_at", state.repliedAt},
  };
}

InfoRequestState infoRequestStateFromJson(const json& j) {
  if (!j.is_object()) {
    throw json::type_error::create(302, "an information request state must be a JSON object", &j);
  }
  InfoRequestState state;
  json_fields::readIfPresent(j, "supplements_asked", state.supplementsAsked);
  json_fields::readIfPresent(j, "supplement_items", state.supplementItems);
  json_fields::readIfPresent(j, "supplement_working_days", state.supplementWorkingDays);
  json_fields::readIfPresent(j, "supplement_asked_at", state.supplementAskedAt);
  json_fields::readIfPresent(j, "supplemented_at", state.supplementedAt);
  if (auto it = j.find("consultations"); it != j.end() && !it->is_null()) {
    for (const auto& consultation : it->get_ref<const json::array_t&>()) {
      if (!consultation.is_object()) {
        throw json::type_error::create(302, "a consultation must be a JSON object", &consultation);
      }
      state.consultations.push_back(consultation);
    }
  }
  json_fields::readIfPresent(j, "extensions_used", state.extensionsUsed);
  json_fields::readIfPresent(j, "extension_days", state.extensionDays);
  if (auto it = j.find("extension_request"); it != j.end() && !it->is_null()) {
    ComplaintWorkflowState::ExtensionRequest request;
    json_fields::readIfPresent(*it, "requested_by", request.requestedBy);
    json_fields::readIfPresent(*it, "reason", request.reason);
    json_fields::readIfPresent(*it, "at", request.at);
    state.extensionRequest = request;
  }
  json_fields::readIfPresent(j, "requested_extension_days", state.requestedExtensionDays);
  if (auto it = j.find("reply_type"); it != j.end() && !it->is_null()) {
    const auto text = it->get<std::string>();
    const auto type = replyTypeFromString(text);
    if (!type) throw json::out_of_range::create(406, "unknown reply type: " + text, &*it);
    state.replyType = *type;
  }
  if (auto it = j.find("reply"); it != j.end()) state.reply = *it;
  json_fields::readIfPresent(j, "replied_at", state.repliedAt);
  return state;
}

}  // namespace civicdesk::workflows
