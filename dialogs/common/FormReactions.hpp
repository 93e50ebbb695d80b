#pragma once
// The reactions the form dialogs (the complaint, the information request) share. Each form's
// texts start with its own prefix ("complaint", "info_request": `<prefix>.exited`,
// `<prefix>.alreadyInProgress`), and `Leaves` (a LeafSet) names its steps at run time.
#include <string>
#include <string_view>

#include "dialogs/DialogMachine.hpp"
#include "dialogs/StateInfo.hpp"
#include "dialogs/menu/Menu.hpp"

namespace civicdesk::dialogs::form {

inline std::string textKey(std::string_view prefix, std::string_view what) {
  return std::string(prefix) + "." + std::string(what);
}

// 取消 / 菜单: says `<prefix>.<what>` and goes to the menu (the form's data goes with it).
template <class State>
sc::result leaveToMenu(State& state, std::string_view prefix, std::string_view what) {
  state.outermost_context().say(textKey(prefix, what));
  return menu::goToMenu(state);
}

// The platform's menu stays on screen while the citizen fills in a form. Tapping the form's
// own item again continues (the current question is asked again); tapping another item
// leaves, then does what was tapped.
template <class Leaves, class Outer, class Data>
sc::result onMenuClick(Outer& outer, const EvClick& click, Data& data, menu::MenuItem own,
                       std::string_view prefix) {
  DialogMachine& machine = outer.outermost_context();
  if (menu::menuItemFromClick(click.key) == own) {
    machine.say(textKey(prefix, "alreadyInProgress"));
    return Leaves::visit(
        outer.template state_cast<const StateInfo&>().id(),
        [&]<class Leaf>() {
          Leaf::ask(machine, data);
          return outer.discard_event();
        },
        [&] { return outer.discard_event(); });
  }
  machine.say(textKey(prefix, "exited"));
  outer.post_event(click);
  return outer.template transit<menu::Menu>();
}

// 返回: back to the step before, asking its question again; at the first step it leaves the
// form.
template <class Leaves, class FillingState, class Data>
sc::result onBack(FillingState& filling, Data& data, std::string_view prefix) {
  DialogMachine& machine = filling.outermost_context();
  const auto toMenu = [&] {
    machine.say(textKey(prefix, "exited"));
    return menu::goToMenu(filling);
  };
  if (data.history.empty()) return toMenu();
  const std::string previous = std::move(data.history.back());
  data.history.pop_back();
  return Leaves::visit(
      previous,
      [&]<class Leaf>() {
        Leaf::ask(machine, data);
        return filling.template transit<Leaf>();
      },
      toMenu);
}

}  // namespace civicdesk::dialogs::form
