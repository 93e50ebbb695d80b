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

// The base of every step. A step declares kId (the snapshot's state id), kHelp (its help
// text) and `static void ask(DialogMachine&, InfoRequestData&)`, which puts its question.
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
    return InfoRequestData::fromJson(slots).has_value();
  }

 protected:
  DialogMachine& machine() { return this->outermost_context(); }
  InfoRequestData& data() { return this->template context<InfoRequest>().data(); }
  workflows::Application& application() { return data().application; }

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
  // This item is complete: on to the next in order or, when the citizen came from the summary
  // to change something and nothing is missing any more, back to the summary.
  template <class Next>
  sc::result finish() {
    if (data().amending && workflows::missingApplicationItems(application()).empty()) {
      return forward<Confirm>();
    }
    return forward<Next>();
  }
};

}  // namespace civicdesk::dialogs::info_request
