#include "dialogs/DialogMachine.hpp"

#include <utility>

#include "dialogs/Templates.hpp"
#include "dialogs/complaint/StepLeaves.hpp"
#include "dialogs/info_request/StepLeaves.hpp"
#include "dialogs/menu/Menu.hpp"
#include "workflows/UnitDirectory.hpp"

namespace civicdesk::dialogs {

// Every leaf a snapshot may name.
using AllLeaves = JoinLeaves<complaint::StepLeaves, info_request::StepLeaves>::With<
    complaint::Registering, info_request::Registering, menu::Menu>;

std::string DialogMachine::render(std::string_view key, const TextValues& values) const {
  const workflows::Unit& office = context_.units.leadingGroupOffice();
  TextValues all{{"nav", context_.templates.render("common.nav")},
                 {"district", context_.units.districtName()},
                 {"officeName", office.name},
                 {"officePhone", office.phone},
                 {"officeMailbox", office.mailbox}};
  for (const auto& [name, value] : values) all.insert_or_assign(name, value);
  return context_.templates.render(key, all);
}

void DialogMachine::say(std::string_view key, const TextValues& values) {
  outcome_.replies.push_back(render(key, values));
}

void DialogMachine::requestRegistration(workflows::ComplaintForm form) {
  outcome_.registerComplaint = RegisterComplaint{std::move(form)};
}

void DialogMachine::requestInfoRequestRegistration(workflows::Application application) {
  outcome_.registerInfoRequest = RegisterInfoRequest{std::move(application)};
}

void DialogMachine::askWhyNotDisclosed(std::string caseNo) {
  outcome_.whyNotDisclosed = std::move(caseNo);
}

DialogOutcome DialogMachine::takeOutcome() {
  return std::exchange(outcome_, DialogOutcome{});
}

// An unknown id, or slots the leaf cannot work with, start afresh at the menu: a conversation
// that cannot be continued exactly is better restarted than guessed at.
sc::result Start::react(const EvRestore& restore) {
  return AllLeaves::visit(
      restore.state,
      [&]<class Leaf>() {
        if (!Leaf::canRestore(restore.slots)) return this->template transit<menu::Menu>();
        return this->template transit<Leaf>();
      },
      [&] { return transit<menu::Menu>(); });
}

sc::result Active::react(const EvSubscribe&) {
  outermost_context().say("welcome");
  return menu::goToMenu(*this);
}

sc::result Active::react(const EvVoiceWithoutText&) {
  outermost_context().say("common.voiceWithoutText");
  return discard_event();
}

sc::result Active::react(const EvUnsupported&) {
  outermost_context().say("common.unsupported");
  return discard_event();
}

sc::result Active::react(const EvImage&) {
  outermost_context().say("menu.image");
  return discard_event();
}

sc::result Active::react(const EvReset&) {
  return transit<menu::Menu>();
}

}  // namespace civicdesk::dialogs
