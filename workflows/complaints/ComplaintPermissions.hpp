#pragma once
// Who may do what in a complaint case: the one home of the workflow's permission rules.
//
//  - "leading_group_office" and "admin" may do everything (they supervise every unit).
//  - The respondent unit's staff may do nothing here, whatever their role: their part is
//    answering investigation tasks (store/API). This wins over every rule below except the
//    supervisors', so a unit never handles a complaint about itself.
//  - The receiving unit's staff (role "handler", "unit_head" or "receiving_department" with
//    actor.unitId == case.receivingUnitId) may take every step except an extension.
//  - An extension (Art. 10) of a case handled directly: role "unit_head" or "leader" of the
//    receiving unit (the agency head approves). Of a transferred-in case: any of the
//    receiving unit's staff ("leader" too) records it; the approver names the transferring
//    agency's consent.
//  - "system" may only archive (a closed case filed by a timer); every decision needs a person.
//  - An actor without an id is refused: every step is an event with an actor.
#include <optional>
#include <string_view>
#include <vector>

#include "workflows/complaints/ComplaintWorkflow.hpp"

namespace civicdesk::workflows {

// The staff roles there are (the store's CHECK constraint lists the same).
const std::vector<std::string_view>& staffRoles();
bool isStaffRole(std::string_view role);
// The roles that supervise every unit: "leading_group_office" and "admin".
bool supervisesAllUnits(std::string_view role);

// nullopt: allowed; otherwise a Forbidden error saying why.
std::optional<WorkflowError> checkComplaintPermission(const ComplaintCase& c,
                                                      const ComplaintWorkflowState& state,
                                                      const WorkflowAction& action,
                                                      const Actor& actor);

}  // namespace civicdesk::workflows
