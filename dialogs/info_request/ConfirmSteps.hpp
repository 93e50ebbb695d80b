#pragma once
// The end of the application: the summary to confirm, the choice of an item to change, and the
// wait while the caller registers the request.
#include <boost/statechart/state.hpp>

#include "dialogs/info_request/InfoRequest.hpp"

namespace civicdesk::dialogs::info_request {

class Confirm : public Step<Confirm> {
 public:
  static constexpr std::string_view kId = "info_request.confirm";
  static constexpr std::string_view kHelp = "help.info_request.confirm";
  using reactions = sc::custom_reaction<EvText>;
  // Arriving here ends any change of an item.
  explicit Confirm(my_context ctx);
  // Only a complete application (Art. 29) may be confirmed, also after a restart.
  static bool canRestore(const nlohmann::json& slots);
  static void ask(DialogMachine& machine, InfoRequestData& data);
  sc::result react(const EvText& text);
};

// 修改: which item to change; once the application is complete again the summary comes back.
class Amend : public Step<Amend> {
 public:
  static constexpr std::string_view kId = "info_request.amend";
  static constexpr std::string_view kHelp = "help.info_request.amend";
  using reactions = sc::custom_reaction<EvText>;
  using Step::Step;
  static void ask(DialogMachine& machine, InfoRequestData& data);
  sc::result react(const EvText& text);
};

// Confirmed: the outcome asked the caller to register the application, and the caller answers
// with Dialog::infoRequestRegistered. Nothing here can be changed any more.
class Registering : public sc::state<Registering, InfoRequest>, public StateInfo {
 public:
  static constexpr std::string_view kId = "info_request.registering";
  static constexpr std::string_view kHelp = "info_request.registering.wait";
  static bool canRestore(const nlohmann::json& slots);

  using reactions =
      mpl::list<sc::custom_reaction<EvInfoRequestRegistered>, sc::custom_reaction<EvCancel>,
                sc::custom_reaction<EvMenu>, sc::custom_reaction<EvText>,
                sc::custom_reaction<EvImage>, sc::custom_reaction<EvBack>,
                sc::custom_reaction<EvHelp>, sc::custom_reaction<EvClick>>;
  using my_base::my_base;

  std::string_view id() const override { return kId; }
  std::string_view helpKey() const override { return kHelp; }

  sc::result react(const EvInfoRequestRegistered& registered);
  // The application was handed over: leaving shows the menu but claims nothing was discarded.
  sc::result react(const EvCancel&) { return menu::goToMenu(*this); }
  sc::result react(const EvMenu&) { return menu::goToMenu(*this); }
  // Anything else: please wait for the number.
  template <class Event>
  sc::result react(const Event&) {
    outermost_context().say(kHelp);
    return discard_event();
  }
};

}  // namespace civicdesk::dialogs::info_request
