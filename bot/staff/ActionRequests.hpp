#pragma once
// Reads the JSON body of a staff action (POST /api/cases/{case_no}/{action}) into the
// workflow's action, naming the field that is missing or wrong (HTTP 422).
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "util/Expected.hpp"
#include "workflows/complaints/ComplaintWorkflow.hpp"

namespace civicdesk::bot {

struct FieldError {
  std::string field;
  std::string message;
};

// `action` is the URL's last segment: accept, not-accept, handling-opinion, transfer,
// investigation, extend, conclude, feedback, archive. An unknown action is a FieldError on
// "action".
Expected<workflows::WorkflowAction, FieldError> parseActionRequest(const std::string& action,
                                                                   const nlohmann::json& body);

}  // namespace civicdesk::bot
