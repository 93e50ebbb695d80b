#pragma once
// The main menu: where every conversation starts and ends. Item 1 starts a complaint, item 2 an
// application for government information, item 3 (or a case number) shows the citizen's own
// cases (Progress.hpp); items 4 and 5 are announced but not built yet: choosing one says so and
// names the leading-group office's phone and mailbox.
//
// Besides the items, the menu reads: "为什么不公开 YS-…" (DialogOutcome::whyNotDisclosed, for
// the citizen's own request), and messages that are not applications (issue 6): a petition gets
// the petition channel, a plain question the unit's contact, "反映…问题" starts a complaint.
#include <optional>
#include <string_view>

#include <boost/statechart/custom_reaction.hpp>
#include <boost/statechart/simple_state.hpp>
#include <nlohmann/json.hpp>

#include "dialogs/DialogMachine.hpp"
#include "dialogs/StateInfo.hpp"

namespace civicdesk::dialogs::menu {

enum class MenuItem { Complaint = 1, InfoRequest, Progress, FalseInfo, Human };

// "1", "１", "一", "投诉", "我要举报", "转人工" ... → the item; nothing for anything else.
std::optional<MenuItem> menuItemFromText(std::string_view text);
// The platform menu's click keys: COMPLAINT, INFO_REQUEST, PROGRESS, FALSE_INFO, HUMAN.
std::optional<MenuItem> menuItemFromClick(std::string_view key);

void showMenu(DialogMachine& machine);

class Menu : public sc::simple_state<Menu, Active>, public StateInfo {
 public:
  static constexpr std::string_view kId = "menu";
  static constexpr std::string_view kHelp = "help.menu";
  static bool canRestore(const nlohmann::json&) { return true; }

  using reactions = mpl::list<sc::custom_reaction<EvText>, sc::custom_reaction<EvClick>,
                              sc::custom_reaction<EvMenu>, sc::custom_reaction<EvCancel>,
                              sc::custom_reaction<EvBack>, sc::custom_reaction<EvHelp>>;

  std::string_view id() const override { return kId; }
  std::string_view helpKey() const override { return kHelp; }

  sc::result react(const EvText& text);
  sc::result react(const EvClick& click);
  sc::result react(const EvMenu&);
  sc::result react(const EvCancel&);
  sc::result react(const EvBack&);
  sc::result react(const EvHelp&);

 private:
  sc::result choose(MenuItem item);
  sc::result showAgain();
};

// Shows the menu and goes there, from any state.
template <class From>
sc::result goToMenu(From& from) {
  showMenu(from.outermost_context());
  return from.template transit<Menu>();
}

}  // namespace civicdesk::dialogs::menu
