#pragma once
// Every step of the information-request dialog, for the code that names steps at run time:
// restoring a snapshot, 返回 (the history holds ids), re-asking the current question.
#include "dialogs/LeafSet.hpp"
#include "dialogs/info_request/ApplicantSteps.hpp"
#include "dialogs/info_request/ConfirmSteps.hpp"
#include "dialogs/info_request/RequestSteps.hpp"

namespace civicdesk::dialogs::info_request {

using StepLeaves = LeafSet<ApplicantType, ApplicantName, Representative, IdDocument, IdOther,
                           Contact, UnitAsked, UnitChoice, InfoSought, FormWanted, DeliveryWay,
                           PostAddress, DeliveryEmail, Confirm, Amend>;

}  // namespace civicdesk::dialogs::info_request
