#pragma once
// The staff API's answers, shared by its endpoints: JSON bodies, errors with the field they
// concern, and the mapping of workflow refusals to HTTP (403 / 409 / 422; 404 for a missing
// case), so every endpoint says "no" the same way.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "channels/Http.hpp"
#include "store/Staff.hpp"
#include "workflows/complaints/ComplaintWorkflow.hpp"

namespace civicdesk::bot::api {

channels::HttpResponse answer(int status, const nlohmann::json& body);
channels::HttpResponse error(int status, const std::string& message, const std::string& field = {});
channels::HttpResponse fromWorkflowError(const workflows::WorkflowError& e);
channels::HttpResponse unauthorised();
workflows::Actor actorOf(const store::StaffMember& member);
// A body that is a JSON object ({} when empty), or nullopt (answer 400).
std::optional<nlohmann::json> jsonBody(const channels::HttpRequest& request);

}  // namespace civicdesk::bot::api
