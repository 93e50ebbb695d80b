#include "workflows/info_requests/InfoRequestPermissions.hpp"

#include <initializer_list>
#include <string>

#include "workflows/complaints/ComplaintPermissions.hpp"

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

std::optional<WorkflowError> checkInfoRequestPermission(const InfoRequest& request,
                                                        const InfoRequestAction& action,
                                                        const Actor& actor) {
  if (actor.id.empty()) return forbidden("the actor has no id");
  if (supervisesAllUnits(actor.role)) return std::nullopt;

  const std::string name(actionName(action));
  if (actor.role == "system") {
    if (std::holds_alternative<SupplementAction>(action) ||
        std::holds_alternative<DeemWithdrawnAction>(action) ||
        std::holds_alternative<ArchiveInfoRequestAction>(action)) {
      return std::nullopt;
    }
    return forbidden("the system may not " + name + ": a person decides it");
  }
  const std::string& unit = request.application.unitId;
  if (unit.empty() || actor.unitId != unit) {
    return forbidden("only the unit asked (" + unit + ") may " + name + " this application");
  }
  // Art. 33: the head of the disclosure office approves an extension.
  if (std::holds_alternative<ExtendInfoRequestAction>(action) ||
      std::holds_alternative<DeclineInfoExtensionAction>(action)) {
    if (isOneOf(actor.role, {"unit_head", "leader"})) return std::nullopt;
    return forbidden(
        "an extension needs the disclosure office head (role unit_head or leader), "
        "not " +
        actor.role);
  }
  if (isOneOf(actor.role, {"handler", "unit_head", "receiving_department"})) return std::nullopt;
  return forbidden("role " + actor.role + " may not " + name + " an application");
}

}  // namespace civicdesk::workflows
