#pragma once
// Who may do what with an information request: the one home of its permission rules.
//
//  - "leading_group_office" and "admin" may do everything (they supervise every unit).
//  - "system" may record the applicant's supplement (the bot reads it from their message),
//    deem an application withdrawn when its supplement period ran out, and archive; every
//    other step is a decision a person takes.
//  - Otherwise only the unit asked (Application::unitId) acts: roles "handler", "unit_head",
//    "receiving_department"; an extension (Art. 33) is decided by the disclosure office's head,
//    roles "unit_head" or "leader".
//  - An actor without an id is refused: every step is an event with an actor.
#include <optional>

#include "workflows/info_requests/InfoRequestWorkflow.hpp"

namespace civicdesk::workflows {

// nullopt: allowed; otherwise a Forbidden error saying why.
std::optional<WorkflowError> checkInfoRequestPermission(const InfoRequest& request,
                                                        const InfoRequestAction& action,
                                                        const Actor& actor);

}  // namespace civicdesk::workflows
