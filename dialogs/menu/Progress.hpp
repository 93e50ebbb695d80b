#pragma once
// Menu item 3, "查询办理进度": the citizen's own cases (DialogContext::myCases) with their
// status in plain words and the next date we hold ourselves to. A case number that is not the
// citizen's own is refused with how to verify, never confirmed or denied. The same check guards
// the question why an information request was not disclosed.
#include <string>

#include "dialogs/DialogMachine.hpp"

namespace civicdesk::dialogs::menu {

// The list, newest first (at most a few, with a note on the rest), or how to file a first one.
void showMyCases(DialogMachine& machine);
// One case by its canonical number, if it is the citizen's own; the refusal otherwise.
void showCase(DialogMachine& machine, const std::string& caseNo);
// "为什么不公开 YS-2026-000001": for the citizen's own information request, asks the caller to
// answer with the recorded reason (DialogOutcome::whyNotDisclosed); otherwise the refusal,
// the same whether the request exists or not.
void askWhyNotDisclosed(DialogMachine& machine, const std::string& caseNo);

}  // namespace civicdesk::dialogs::menu
