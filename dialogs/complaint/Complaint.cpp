#include "dialogs/complaint/Complaint.hpp"

#include <string>
#include <utility>

#include "dialogs/complaint/StepLeaves.hpp"

namespace civicdesk::dialogs::complaint {

Complaint::Complaint(my_context ctx) : my_base(ctx) {
  // Start::react has already checked that these slots parse.
  if (const auto* restore = dynamic_cast<const EvRestore*>(triggering_event())) {
    if (auto restored = ComplaintData::fromJson(restore->slots)) data_ = std::move(*restored);
  }
}

sc::result Complaint::react(const EvCancel&) {
  outermost_context().say("complaint.cancelled");
  return menu::goToMenu(*this);
}

sc::result Complaint::react(const EvMenu&) {
  outermost_context().say("complaint.exited");
  return menu::goToMenu(*this);
}

// Art. 8(2): a picture sent at any step after the unit is evidence. Before it, there is no
// complaint yet to attach it to, and the citizen is told it was not kept.
sc::result Complaint::react(const EvImage& image) {
  DialogMachine& machine = outermost_context();
  if (data_.form.respondentUnitId.empty()) {
    machine.say("complaint.image.tooEarly");
    return discard_event();
  }
  data_.form.evidence.push_back({"image", image.mediaRef, image.mediaUrl});
  machine.say("complaint.image.kept", {{"count", std::to_string(data_.form.evidence.size())}});
  return discard_event();
}

// The platform's menu stays on screen while the citizen fills in the complaint. Tapping
// 投诉举报 again continues; tapping another item leaves, then does what was tapped.
sc::result Complaint::react(const EvClick& click) {
  DialogMachine& machine = outermost_context();
  if (menu::menuItemFromClick(click.key) == menu::MenuItem::Complaint) {
    machine.say("complaint.alreadyInProgress");
    return StepLeaves::visit(
        state_cast<const StateInfo&>().id(),
        [&]<class Leaf>() {
          Leaf::ask(machine, data_);
          return discard_event();
        },
        [&] { return discard_event(); });
  }
  machine.say("complaint.exited");
  post_event(click);
  return transit<menu::Menu>();
}

sc::result Filling::react(const EvBack&) {
  DialogMachine& machine = outermost_context();
  ComplaintData& data = context<Complaint>().data();
  const auto toMenu = [&] {
    machine.say("complaint.exited");
    return menu::goToMenu(*this);
  };
  if (data.history.empty()) return toMenu();  // 返回 at the first step leaves the complaint
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
  machine.say(state_cast<const StateInfo&>().helpKey(), {{"grounds", groundList(machine)}});
  return discard_event();
}

}  // namespace civicdesk::dialogs::complaint
