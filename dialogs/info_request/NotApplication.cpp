#include "dialogs/info_request/NotApplication.hpp"

#include "dialogs/common/UnitResolution.hpp"
#include "workflows/UnitDirectory.hpp"

namespace civicdesk::dialogs::info_request {

void answerPetition(DialogMachine& machine) {
  machine.say("info_request.petition");
}

void answerQuestion(DialogMachine& machine, std::string_view text) {
  const workflows::Unit* unit = units::findMentioned(machine.units(), text);
  if (unit == nullptr) unit = &machine.units().leadingGroupOffice();
  machine.say("info_request.question",
              {{"unit", unit->name}, {"unitPhone", unit->phone}, {"unitMailbox", unit->mailbox}});
}

}  // namespace civicdesk::dialogs::info_request
