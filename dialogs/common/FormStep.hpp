#pragma once
// What every step of a form dialog (the complaint, the information request) is made of. A form
// is an outer state `Outer` that owns the form's `Data`, a `FillingState` under it that holds
// 返回 and 帮助, and one step per question below that. A step declares kId (the snapshot's
// state id), kHelp (its help text) and `static void ask(DialogMachine&, Data&)`, which puts its
// question; each form adds its own `finish()` (where a completed item leads).
#include <string_view>

#include <boost/statechart/state.hpp>
#include <nlohmann/json.hpp>

#include "dialogs/DialogMachine.hpp"
#include "dialogs/StateInfo.hpp"
#include "dialogs/menu/Menu.hpp"

namespace civicdesk::dialogs::form {

template <class Derived, class FillingState, class Outer, class Data>
class FormStep : public sc::state<Derived, FillingState>, public StateInfo {
 public:
  using Base = sc::state<Derived, FillingState>;
  using my_context = typename Base::my_context;
  explicit FormStep(my_context ctx) : Base(ctx) {}

  std::string_view id() const override { return Derived::kId; }
  std::string_view helpKey() const override { return Derived::kHelp; }
  // Whether a snapshot naming this step can be continued from its slots.
  static bool canRestore(const nlohmann::json& slots) { return Data::fromJson(slots).has_value(); }

 protected:
  DialogMachine& machine() { return this->outermost_context(); }
  Data& data() { return this->template context<Outer>().data(); }

  // The answer was not usable or changed nothing: stay on this step.
  sc::result stay() { return this->discard_event(); }
  // Says `key` (what is wrong with the answer) and stays.
  sc::result refuse(std::string_view key, const TextValues& values = {}) {
    machine().say(key, values);
    return stay();
  }
  // Asks this step's question again and stays.
  sc::result askAgain() {
    Derived::ask(machine(), data());
    return stay();
  }
  // To the next step, asking its question; 返回 there comes back here.
  template <class Next>
  sc::result forward() {
    data().history.emplace_back(Derived::kId);
    Next::ask(machine(), data());
    return this->template transit<Next>();
  }
  // Ends the form with a text (a refusal), then the menu. Nothing is kept.
  sc::result leave(std::string_view noteKey, const TextValues& values = {}) {
    machine().say(noteKey, values);
    return menu::goToMenu(*this);
  }
};

}  // namespace civicdesk::dialogs::form
