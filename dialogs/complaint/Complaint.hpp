#pragma once
// The complaint dialog (RULES.md §1): unit → detail → ground (Art. 4) → facts and evidence
// (Art. 8(2)) → the Art. 7 questions → complainant (Art. 8(1), (3)) → confirm → registering.
//
//   complaint::Complaint            owns ComplaintData; 取消, 菜单, pictures, menu clicks
//   ├── Filling                     返回 and 帮助 for every step below
//   │   └── Unit, UnitChoice, RespondentDetail, Ground, GroundConfirm, Facts, Evidence,
//   │       ReportedElsewhere, OtherAgencyDeclined, SupervisionDecided, Name, Phone,
//   │       Address, WantsReply, Confirm, Amend          (one Step<> each)
//   └── Registering                 waits for Dialog::caseRegistered
//
// Leaving Complaint by any path destroys its data, so "cancelled, nothing saved" is true by
// construction. Transitions between steps start at a leaf or at Filling, never at Complaint:
// Boost.Statechart exits the state a transition starts from, and with it the data.
#include <string_view>

#include <boost/statechart/custom_reaction.hpp>
#include <boost/statechart/simple_state.hpp>
#include <boost/statechart/state.hpp>

#include "dialogs/DialogMachine.hpp"
#include "dialogs/StateInfo.hpp"
#include "dialogs/complaint/ComplaintData.hpp"
#include "dialogs/menu/Menu.hpp"

namespace civicdesk::dialogs::complaint {

struct Filling;
class Unit;
class Confirm;

class Complaint : public sc::state<Complaint, Active, Filling> {
 public:
  using reactions = mpl::list<sc::custom_reaction<EvCancel>, sc::custom_reaction<EvMenu>,
                              sc::custom_reaction<EvImage>, sc::custom_reaction<EvClick>>;

  // Fresh, or (entered by EvRestore) with the snapshot's slots.
  explicit Complaint(my_context ctx);

  ComplaintData& data() { return data_; }
  const ComplaintData& data() const { return data_; }

  sc::result react(const EvCancel&);
  sc::result react(const EvMenu&);
  sc::result react(const EvImage& image);
  sc::result react(const EvClick& click);

 private:
  ComplaintData data_;
};

struct Filling : sc::simple_state<Filling, Complaint, Unit> {
  using reactions = mpl::list<sc::custom_reaction<EvBack>, sc::custom_reaction<EvHelp>>;
  sc::result react(const EvBack&);
  sc::result react(const EvHelp&);
};

// From the menu: asks for the unit (defined with the unit steps).
sc::result start(menu::Menu& from);

// The base of every step. A step declares kId (the snapshot's state id), kHelp (its help
// text) and `static void ask(DialogMachine&, ComplaintData&)`, which puts its question.
template <class Derived>
class Step : public sc::state<Derived, Filling>, public StateInfo {
 public:
  using Base = sc::state<Derived, Filling>;
  using my_context = typename Base::my_context;
  explicit Step(my_context ctx) : Base(ctx) {}

  std::string_view id() const override { return Derived::kId; }
  std::string_view helpKey() const override { return Derived::kHelp; }
  // Whether a snapshot naming this step can be continued from its slots.
  static bool canRestore(const nlohmann::json& slots) {
    return ComplaintData::fromJson(slots).has_value();
  }

 protected:
  DialogMachine& machine() { return this->outermost_context(); }
  ComplaintData& data() { return this->template context<Complaint>().data(); }

  // The answer was not usable or changed nothing: stay on this step.
  sc::result stay() { return this->discard_event(); }
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
  // This item is complete: on to the next in order, or back to the summary when the citizen
  // came from there to change it.
  template <class Next>
  sc::result finish() {
    if (data().amending) return forward<Confirm>();
    return forward<Next>();
  }
  // Ends the complaint with a text (a refusal), then the menu. Nothing is kept.
  sc::result leave(std::string_view noteKey, const TextValues& values = {}) {
    machine().say(noteKey, values);
    return menu::goToMenu(*this);
  }
};

}  // namespace civicdesk::dialogs::complaint
