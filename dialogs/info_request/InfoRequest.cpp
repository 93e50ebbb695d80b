#include "dialogs/info_request/InfoRequest.hpp"

#include <string>
#include <utility>

#include "dialogs/info_request/StepLeaves.hpp"

namespace civicdesk::dialogs::info_request {

InfoRequest::InfoRequest(my_context ctx) : my_base(ctx) {
  // Start::react has already checked that these slots parse.
  if (const auto* restore = dynamic_cast<const EvRestore*>(triggering_event())) {
    if (auto restored = InfoRequestData::fromJson(restore->slots)) data_ = std::move(*restored);
  }
}

sc::result start(menu::Menu& from) {
  InfoRequestData fresh;
  ApplicantType::ask(from.outermost_context(), fresh);
  return from.transit<ApplicantType>();
}

sc::result InfoRequest::react(const EvCancel&) {
  outermost_context().say("info_request.cancelled");
  return menu::goToMenu(*this);
}

sc::result InfoRequest::react(const EvMenu&) {
  outermost_context().say("info_request.exited");
  return menu::goToMenu(*this);
}

// An application is described in words; a picture is not kept (nor is it evidence: there is
// no complaint here).
sc::result InfoRequest::react(const EvImage&) {
  outermost_context().say("info_request.image");
  return discard_event();
}

// The platform's menu stays on screen while the citizen fills in the application. Tapping
// 申请政府信息公开 again continues; tapping another item leaves, then does what was tapped.
sc::result InfoRequest::react(const EvClick& click) {
  DialogMachine& machine = outermost_context();
  if (menu::menuItemFromClick(click.key) == menu::MenuItem::InfoRequest) {
    machine.say("info_request.alreadyInProgress");
    return StepLeaves::visit(
        state_cast<const StateInfo&>().id(),
        [&]<class Leaf>() {
          Leaf::ask(machine, data_);
          return discard_event();
        },
        [&] { return discard_event(); });
  }
  machine.say("info_request.exited");
  post_event(click);
  return transit<menu::Menu>();
}

sc::result Filling::react(const EvBack&) {
  DialogMachine& machine = outermost_context();
  InfoRequestData& data = context<InfoRequest>().data();
  const auto toMenu = [&] {
    machine.say("info_request.exited");
    return menu::goToMenu(*this);
  };
  if (data.history.empty()) return toMenu();  // 返回 at the first step leaves the application
  const std::string previous = std::move(data.history.back());
  data.history.pop_back();
  return StepLeaves::visit(
      previous,
      [&]<class Leaf>() {
        Leaf::ask(machine, data);
        return this->template transit<Leaf>();
      },
      toMenu);
}

sc::result Filling::react(const EvHelp&) {
  DialogMachine& machine = outermost_context();
  machine.say(state_cast<const StateInfo&>().helpKey());
  return discard_event();
}

}  // namespace civicdesk::dialogs::info_request
