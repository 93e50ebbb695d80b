#pragma once
// Messages that are not applications for government information (issue 6), as the menu and the
// first step of the information request recognise them (text::recogniseNotApplication): what
// the citizen is told instead. A complaint or report is not answered here: the caller starts
// the complaint dialog.
#include <string_view>

#include "dialogs/DialogMachine.hpp"

namespace civicdesk::dialogs::info_request {

// A petition (信访): the district's petition channel (template info_request.petition).
void answerPetition(DialogMachine& machine);

// A plain question: information already made public is on the unit's website and in its
// disclosure catalogue; the unit's phone and mailbox when the question names a unit, else the
// leading-group office's.
void answerQuestion(DialogMachine& machine, std::string_view text);

}  // namespace civicdesk::dialogs::info_request
