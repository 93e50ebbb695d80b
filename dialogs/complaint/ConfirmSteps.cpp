#include "dialogs/complaint/ConfirmSteps.hpp"

#include <string>

#include "dialogs/common/TextMatchers.hpp"
#include "dialogs/common/Validators.hpp"
#include "dialogs/complaint/AdmissibilitySteps.hpp"
#include "dialogs/complaint/ComplainantSteps.hpp"
#include "dialogs/complaint/FactSteps.hpp"
#include "dialogs/complaint/GroundSteps.hpp"
#include "dialogs/complaint/UnitSteps.hpp"
#include "util/Utf8.hpp"

namespace civicdesk::dialogs::complaint {
namespace {

// Long answers are cut on the summary so that it fits one phone screen (and one passive
// reply); the form keeps them whole.
constexpr std::size_t kSummaryFactsMax = 100;
constexpr std::size_t kSummaryAddressMax = 60;

bool completeForm(const nlohmann::json& slots) {
  auto data = ComplaintData::fromJson(slots);
  return data && workflows::missingComplaintItems(data->form).empty();
}

}  // namespace

Confirm::Confirm(my_context ctx) : Step(ctx) {
  data().amending = false;
}

bool Confirm::canRestore(const nlohmann::json& slots) {
  return completeForm(slots);
}

void Confirm::ask(DialogMachine& machine, ComplaintData& data) {
  const workflows::ComplaintForm& form = data.form;
  const workflows::Complainant& who = form.complainant;
  machine.say("complaint.confirm.summary",
              {{"unit", unitName(machine, form.respondentUnitId)},
               {"detail", form.respondentDetail.empty() ? machine.render("common.notFilled")
                                                        : form.respondentDetail},
               {"groundNumber", std::to_string(workflows::toNumber(form.ground))},
               {"ground", groundTitle(machine, form.ground)},
               {"facts", utf8::truncate(form.facts, kSummaryFactsMax)},
               {"evidenceCount", std::to_string(form.evidence.size())},
               {"name", who.name},
               {"phone", validate::maskMobile(who.phone)},
               {"address", utf8::truncate(who.address, kSummaryAddressMax)},
               {"wantsReply", machine.render(who.wantsReply ? "common.yes" : "common.no")}});
}

sc::result Confirm::react(const EvText& text) {
  if (text::isOneOf(text.text,
                    {"确认", "确认提交", "提交", "确定", "是", "是的", "对", "好", "好的", "ok"})) {
    workflows::ComplaintForm form = data().form;
    // Art. 7(2): the complainant can be reached, at the mobile number just validated.
    form.admissibility.complainantReachable = true;
    machine().requestRegistration(std::move(form));
    return transit<Registering>();
  }
  if (text::isOneOf(text.text, {"修改", "更改", "改", "重新填写", "重填", "改一下"})) {
    return forward<Amend>();
  }
  machine().say("complaint.confirm.invalid");
  return stay();
}

void Amend::ask(DialogMachine& machine, ComplaintData&) {
  machine.say("complaint.amend.prompt");
}

// The numbers are those of complaint.amend.prompt.
sc::result Amend::react(const EvText& text) {
  const auto n = text::matchNumber(text.text);
  if (!n || *n < 1 || *n > 9) {
    machine().say("complaint.amend.invalid");
    return stay();
  }
  data().amending = true;
  switch (*n) {
    case 1:
      return forward<Unit>();
    case 2:
      return forward<Ground>();
    case 3:
      return forward<Facts>();
    case 4:
      return forward<Evidence>();
    case 5:
      return forward<ReportedElsewhere>();
    case 6:
      return forward<Name>();
    case 7:
      return forward<Phone>();
    case 8:
      return forward<Address>();
    default:
      return forward<WantsReply>();
  }
}

bool Registering::canRestore(const nlohmann::json& slots) {
  return completeForm(slots);
}

sc::result Registering::react(const EvCaseRegistered& registered) {
  DialogMachine& machine = outermost_context();
  const bool wantsReply = context<Complaint>().data().form.complainant.wantsReply;
  machine.say("complaint.registered",
              {{"caseNo", registered.caseNo},
               {"acceptanceDue", registered.acceptanceDue},
               {"replyNote", machine.render(wantsReply ? "complaint.registered.reply"
                                                       : "complaint.registered.noReply")}});
  return menu::goToMenu(*this);
}

}  // namespace civicdesk::dialogs::complaint
