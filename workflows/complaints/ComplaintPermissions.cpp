#include "workflows/complaints/ComplaintPermissions.hpp"

#include <initializer_list>
#include <string>

namespace civicdesk::workflows {
namespace {

bool isOneOf(std::string_view role, std::initializer_list<std::string_view> roles) {
  for (auto r : roles) {
    if (role == r) return true;
  }
  return false;
}

WorkflowError forbidden(std::string message) {
  return WorkflowError{WorkflowError::Code::Forbidden, "actor", std::move(message)};
}

}  // namespace

const std::vector<std::string_view>& staffRoles() {
  static const std::vector<std::string_view> roles{
      "handler", "unit_head", "leader", "receiving_department", "leading_group_office", "admin"};
  return roles;
}

bool isStaffRole(std::string_view role) {
  for (auto known : staffRoles()) {
    if (known == role) return true;
  }
  return false;
}

bool supervisesAllUnits(std::string_view role) {
  return role == "leading_group_office" || role == "admin";
}

std::optional<WorkflowError> checkComplaintPermission(const ComplaintCase& c,
                                                      const ComplaintWorkflowState& state,
                                                      const WorkflowAction& action,
                                                      const Actor& actor) {
  if (actor.id.empty()) return forbidden("the actor has no id");
  if (supervisesAllUnits(actor.role)) return std::nullopt;

  const std::string name(actionName(action));
  const bool decidesExtension = std::holds_alternative<ExtendAction>(action) ||
                                std::holds_alternative<DeclineExtensionAction>(action);
  // Art. 10: a transferred-in case's extension needs the transferring agency's consent; its
  // heads may give it on the case itself.
  if (decidesExtension && state.transferredIn && !state.transferringUnitId.empty() &&
      actor.unitId == state.transferringUnitId && isOneOf(actor.role, {"unit_head", "leader"})) {
    return std::nullopt;
  }
  if (actor.role == "system") {
    if (std::holds_alternative<ArchiveAction>(action)) return std::nullopt;
    return forbidden("the system may not " + name + ": a person decides it");
  }
  if (!actor.unitId.empty() && actor.unitId == c.form.respondentUnitId) {
    return forbidden("the respondent unit's staff may not " + name + " a complaint about it");
  }
  if (c.receivingUnitId.empty() || actor.unitId != c.receivingUnitId) {
    return forbidden("only the receiving unit (" + c.receivingUnitId + ") may " + name +
                     " this case");
  }
  if (decidesExtension) {
    if (state.transferredIn &&
        isOneOf(actor.role, {"handler", "unit_head", "receiving_department", "leader"})) {
      return std::nullopt;
    }
    if (isOneOf(actor.role, {"unit_head", "leader"})) return std::nullopt;
    return forbidden("an extension needs the agency head (role unit_head or leader), not " +
                     actor.role);
  }
  if (isOneOf(actor.role, {"handler", "unit_head", "receiving_department"})) return std::nullopt;
  return forbidden("role " + actor.role + " may not " + name + " a complaint case");
}

}  // namespace civicdesk::workflows
