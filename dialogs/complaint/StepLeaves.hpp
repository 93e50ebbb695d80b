#pragma once
// Every step of the complaint dialog, for the code that names steps at run time: restoring a
// snapshot, 返回 (the history holds ids), re-asking the current question.
#include "dialogs/LeafSet.hpp"
#include "dialogs/complaint/AdmissibilitySteps.hpp"
#include "dialogs/complaint/ComplainantSteps.hpp"
#include "dialogs/complaint/ConfirmSteps.hpp"
#include "dialogs/complaint/FactSteps.hpp"
#include "dialogs/complaint/GroundSteps.hpp"
#include "dialogs/complaint/UnitSteps.hpp"

namespace civicdesk::dialogs::complaint {

using StepLeaves = LeafSet<Unit, UnitChoice, RespondentDetail, Ground, GroundConfirm, Facts,
                           Evidence, ReportedElsewhere, OtherAgencyDeclined, SupervisionDecided,
                           Name, Phone, Address, WantsReply, Confirm, Amend>;

}  // namespace civicdesk::dialogs::complaint
