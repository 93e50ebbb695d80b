#pragma once
// The Boost.Statechart machine behind Dialog, and its two top states:
//
//   DialogMachine
//   ├── Start                 initial; EvRestore transits to the stored leaf
//   └── Active                voice without text, unsupported messages, subscribe, idle reset
//       ├── menu::Menu        "menu"
//       ├── complaint::Complaint   owns the collected form (complaint/Complaint.hpp)
//       └── info_request::InfoRequest   owns the application (info_request/InfoRequest.hpp)
//
// The machine itself holds no conversation data, only what a reaction produces for the caller
// (replies, a registration request): what was collected lives in the states that use it.
#include <map>
#include <string>
#include <string_view>

#include <boost/mpl/list.hpp>
#include <boost/statechart/custom_reaction.hpp>
#include <boost/statechart/simple_state.hpp>
#include <boost/statechart/state_machine.hpp>

#include "dialogs/Dialog.hpp"
#include "dialogs/Events.hpp"

namespace civicdesk::dialogs {

namespace mpl = boost::mpl;

namespace menu {
class Menu;
}
struct Start;

using TextValues = std::map<std::string, std::string>;

class DialogMachine : public sc::state_machine<DialogMachine, Start> {
 public:
  explicit DialogMachine(const DialogContext& context) : context_(context) {}

  const DialogContext& context() const { return context_; }
  const workflows::UnitDirectory& units() const { return context_.units; }

  // The text for `key`. Besides `values`, every text may use {nav} (how to go back or cancel),
  // {district}, and the leading-group office's {officeName}, {officePhone}, {officeMailbox}.
  std::string render(std::string_view key, const TextValues& values = {}) const;
  // Appends a reply for the citizen.
  void say(std::string_view key, const TextValues& values = {});
  // Asks the caller to register this complaint (DialogOutcome::registerComplaint).
  void requestRegistration(workflows::ComplaintForm form);
  // Asks the caller to register this application (DialogOutcome::registerInfoRequest).
  void requestInfoRequestRegistration(workflows::Application application);
  // Asks the caller to answer why the request `caseNo` was not (fully) disclosed
  // (DialogOutcome::whyNotDisclosed).
  void askWhyNotDisclosed(std::string caseNo);
  // What the reactions since the last call produced.
  DialogOutcome takeOutcome();

 private:
  DialogContext context_;
  DialogOutcome outcome_;
};

struct Start : sc::simple_state<Start, DialogMachine> {
  using reactions = sc::custom_reaction<EvRestore>;
  sc::result react(const EvRestore& restore);
};

struct Active : sc::simple_state<Active, DialogMachine, menu::Menu> {
  using reactions =
      mpl::list<sc::custom_reaction<EvSubscribe>, sc::custom_reaction<EvVoiceWithoutText>,
                sc::custom_reaction<EvUnsupported>, sc::custom_reaction<EvImage>,
                sc::custom_reaction<EvReset>>;
  sc::result react(const EvSubscribe&);
  sc::result react(const EvVoiceWithoutText&);
  sc::result react(const EvUnsupported&);
  sc::result react(const EvImage&);  // only the menu gets here: the dialogs answer their own
  sc::result react(const EvReset&);
};

}  // namespace civicdesk::dialogs
