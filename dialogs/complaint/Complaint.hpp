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
#include "dialogs/common/FormStep.hpp"
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

// The base of every step (dialogs/common/FormStep.hpp: kId, kHelp, `static void
// ask(DialogMachine&, ComplaintData&)`), with where a completed item leads.
template <class Derived>
class Step : public form::FormStep<Derived, Filling, Complaint, ComplaintData> {
 public:
  using form::FormStep<Derived, Filling, Complaint, ComplaintData>::FormStep;

 protected:
  // This item is complete: on to the next in order, or back to the summary when the citizen
  // came from there to change it.
  template <class Next>
  sc::result finish() {
    if (this->data().amending) return this->template forward<Confirm>();
    return this->template forward<Next>();
  }
};

}  // namespace civicdesk::dialogs::complaint
