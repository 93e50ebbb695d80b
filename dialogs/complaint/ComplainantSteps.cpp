#include "dialogs/complaint/ComplainantSteps.hpp"

#include "dialogs/common/TextMatchers.hpp"
#include "dialogs/common/Validators.hpp"
#include "dialogs/complaint/ConfirmSteps.hpp"

namespace civicdesk::dialogs::complaint {

void Name::ask(DialogMachine& machine, ComplaintData&) {
  machine.say("complaint.name.prompt");
}

sc::result Name::react(const EvText& text) {
  auto name = validate::name(text.text);
  if (!name) {
    machine().say("complaint.name.invalid");
    return stay();
  }
  data().form.complainant.name = std::move(*name);
  return finish<Phone>();
}

void Phone::ask(DialogMachine& machine, ComplaintData&) {
  machine.say("complaint.phone.prompt");
}

sc::result Phone::react(const EvText& text) {
  auto phone = validate::mainlandMobile(text.text);
  if (!phone) {
    machine().say("complaint.phone.invalid");
    return stay();
  }
  data().form.complainant.phone = std::move(*phone);
  return finish<Address>();
}

void Address::ask(DialogMachine& machine, ComplaintData&) {
  machine.say("complaint.address.prompt");
}

sc::result Address::react(const EvText& text) {
  auto address = validate::address(text.text);
  if (!address) {
    machine().say("complaint.address.invalid");
    return stay();
  }
  data().form.complainant.address = std::move(*address);
  return finish<WantsReply>();
}

void WantsReply::ask(DialogMachine& machine, ComplaintData&) {
  machine.say("complaint.wantsReply.prompt");
}

// Art. 8(3): the contact for a reply is the phone just given.
sc::result WantsReply::react(const EvText& text) {
  const auto yes = text::matchYesNo(text.text);
  if (!yes) {
    machine().say("complaint.yesNo.invalid");
    return stay();
  }
  data().form.complainant.wantsReply = *yes;
  return forward<Confirm>();
}

}  // namespace civicdesk::dialogs::complaint
