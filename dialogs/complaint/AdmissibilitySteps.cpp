#include "dialogs/complaint/AdmissibilitySteps.hpp"

#include "dialogs/common/TextMatchers.hpp"
#include "dialogs/complaint/ComplainantSteps.hpp"
#include "dialogs/complaint/ConfirmSteps.hpp"
#include "workflows/complaints/Admissibility.hpp"

namespace civicdesk::dialogs::complaint {
namespace {

std::string_view refusalKey(const workflows::AdmissibilityAssessment& assessment) {
  using G = workflows::InadmissibilityGround;
  if (assessment.ground == G::HandledElsewhere) return "complaint.refused.3";
  if (assessment.ground == G::AlreadyDecided) return "complaint.refused.4";
  return "complaint.refused.other";  // (1) and (2) are settled before these questions
}

}  // namespace

template <class Derived>
sc::result AdmissibilityQuestion<Derived>::react(const EvText& text) {
  const auto yes = text::matchYesNo(text.text);
  if (!yes) {
    this->machine().say("complaint.yesNo.invalid");
    return this->stay();
  }
  return static_cast<Derived*>(this)->answered(*yes);
}

template <class Derived>
template <class Next>
sc::result AdmissibilityQuestion<Derived>::proceed(bool endOfItem) {
  const auto assessment = workflows::assessAdmissibility(this->data().form.admissibility);
  if (!assessment.admissible) {
    return this->leave(refusalKey(assessment), {{"article", assessment.article()}});
  }
  if (endOfItem) return this->template finish<Next>();
  return this->template forward<Next>();
}

// react() is reached through the statechart's reaction tables, which other files instantiate;
// the definitions live here, so the three questions are instantiated here once.
template class AdmissibilityQuestion<ReportedElsewhere>;
template class AdmissibilityQuestion<OtherAgencyDeclined>;
template class AdmissibilityQuestion<SupervisionDecided>;

void ReportedElsewhere::ask(DialogMachine& machine, ComplaintData&) {
  machine.say("complaint.reportedElsewhere.prompt");
}

sc::result ReportedElsewhere::answered(bool yes) {
  auto& facts = data().form.admissibility;
  facts.reportedElsewhere = yes;
  facts.otherAgencyDeclined.reset();  // asked afresh whenever this is answered
  // Not assessed after "yes": (3) bars the complaint until we know whether the other agency
  // declined it, and that is the next question.
  if (yes) return forward<OtherAgencyDeclined>();
  return proceed<SupervisionDecided>(false);
}

void OtherAgencyDeclined::ask(DialogMachine& machine, ComplaintData&) {
  machine.say("complaint.otherAgencyDeclined.prompt");
}

sc::result OtherAgencyDeclined::answered(bool yes) {
  data().form.admissibility.otherAgencyDeclined = yes;
  return proceed<SupervisionDecided>(false);
}

void SupervisionDecided::ask(DialogMachine& machine, ComplaintData&) {
  machine.say("complaint.supervisionDecided.prompt");
}

sc::result SupervisionDecided::answered(bool yes) {
  data().form.admissibility.supervisionAlreadyDecided = yes;
  return proceed<Name>(true);
}

}  // namespace civicdesk::dialogs::complaint
