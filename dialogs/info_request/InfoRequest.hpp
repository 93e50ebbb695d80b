#pragma once
// The information-request dialog (申请政府信息公开; RULES.md "Information requests", the
// regulation's Art. 29): who applies → their identity document → contact → the unit asked →
// the information sought → its form → how to receive it → confirm → registering.
//
//   info_request::InfoRequest       owns InfoRequestData; 取消, 菜单, pictures, menu clicks
//   ├── Filling                     返回 and 帮助 for every step below
//   │   └── ApplicantType, ApplicantName, Representative, IdDocument, IdOther, Contact,
//   │       UnitAsked, UnitChoice, InfoSought, FormWanted, DeliveryWay, PostAddress,
//   │       DeliveryEmail, Confirm, Amend                  (one Step<> each)
//   └── Registering                 waits for Dialog::infoRequestRegistered
//
// As in the complaint dialog (complaint/Complaint.hpp): leaving InfoRequest by any path
// destroys its data, and transitions between steps start at a leaf or at Filling.
#include <string_view>

#include <boost/statechart/custom_reaction.hpp>
#include <boost/statechart/simple_state.hpp>
#include <boost/statechart/state.hpp>

#include "dialogs/DialogMachine.hpp"
#include "dialogs/StateInfo.hpp"
#include "dialogs/common/FormStep.hpp"
#include "dialogs/info_request/InfoRequestData.hpp"
#include "dialogs/menu/Menu.hpp"

namespace civicdesk::dialogs::info_request {

struct Filling;
class ApplicantType;
class Confirm;

class InfoRequest : public sc::state<InfoRequest, Active, Filling> {
 public:
  using reactions = mpl::list<sc::custom_reaction<EvCancel>, sc::custom_reaction<EvMenu>,
                              sc::custom_reaction<EvImage>, sc::custom_reaction<EvClick>>;

  // Fresh, or (entered by EvRestore) with the snapshot's slots.
  explicit InfoRequest(my_context ctx);

  InfoRequestData& data() { return data_; }
  const InfoRequestData& data() const { return data_; }

  sc::result react(const EvCancel&);
  sc::result react(const EvMenu&);
  sc::result react(const EvImage&);
  sc::result react(const EvClick& click);

 private:
  InfoRequestData data_;
};

struct Filling : sc::simple_state<Filling, InfoRequest, ApplicantType> {
  using reactions = mpl::list<sc::custom_reaction<EvBack>, sc::custom_reaction<EvHelp>>;
  sc::result react(const EvBack&);
  sc::result react(const EvHelp&);
};

// From the menu: asks who applies.
sc::result start(menu::Menu& from);

// The base of every step (dialogs/common/FormStep.hpp: kId, kHelp, `static void
// ask(DialogMachine&, InfoRequestData&)`), with where a completed item leads.
template <class Derived>
class Step : public form::FormStep<Derived, Filling, InfoRequest, InfoRequestData> {
 public:
  using form::FormStep<Derived, Filling, InfoRequest, InfoRequestData>::FormStep;

 protected:
  workflows::Application& application() { return this->data().application; }

  // This item is complete: on to the next in order or, when the citizen came from the summary
  // to change something and nothing is missing any more, back to the summary.
  template <class Next>
  sc::result finish() {
    if (this->data().amending && workflows::missingApplicationItems(application()).empty()) {
      return this->template forward<Confirm>();
    }
    return this->template forward<Next>();
  }
};

}  // namespace civicdesk::dialogs::info_request
