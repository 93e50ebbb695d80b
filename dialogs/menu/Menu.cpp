#include "dialogs/menu/Menu.hpp"

#include "dialogs/common/TextMatchers.hpp"
#include "dialogs/complaint/Complaint.hpp"
#include "dialogs/info_request/InfoRequest.hpp"
#include "dialogs/info_request/NotApplication.hpp"
#include "dialogs/menu/Progress.hpp"

namespace civicdesk::dialogs::menu {

std::optional<MenuItem> menuItemFromText(std::string_view text) {
  if (auto n = text::matchNumber(text); n && *n >= 1 && *n <= 5) {
    return static_cast<MenuItem>(*n);
  }
  // Dictated requests are sentences, so keywords are looked for inside them, the most
  // specific first: "举报虚假信息" is item 4 and "查询投诉进度" item 3, not item 1.
  if (text::containsAny(text, {"人工", "客服"})) return MenuItem::Human;
  if (text::containsAny(text, {"虚假", "不一致", "谣言", "不实"})) return MenuItem::FalseInfo;
  if (text::containsAny(text, {"查询", "进度"})) return MenuItem::Progress;
  if (text::containsAny(text,
                        {"申请公开", "依申请", "信息公开申请", "申请信息公开", "申请政府信息"})) {
    return MenuItem::InfoRequest;
  }
  if (text::containsAny(text, {"投诉", "举报"})) return MenuItem::Complaint;
  return std::nullopt;
}

std::optional<MenuItem> menuItemFromClick(std::string_view key) {
  if (key == "COMPLAINT") return MenuItem::Complaint;
  if (key == "INFO_REQUEST") return MenuItem::InfoRequest;
  if (key == "PROGRESS") return MenuItem::Progress;
  if (key == "FALSE_INFO") return MenuItem::FalseInfo;
  if (key == "HUMAN") return MenuItem::Human;
  return std::nullopt;
}

void showMenu(DialogMachine& machine) {
  machine.say("menu.main");
}

sc::result Menu::react(const EvText& text) {
  DialogMachine& machine = outermost_context();
  // A case number, alone or in a sentence ("查询 TS-2026-000123"), asks for that case.
  if (auto caseNo = text::findCaseNumber(text.text)) {
    showCase(machine, *caseNo);
    return discard_event();
  }
  const bool asksWhy = text::asksWhyNotDisclosed(text.text);
  if (auto requestNo = text::findInfoRequestNumber(text.text)) {
    if (asksWhy) {
      askWhyNotDisclosed(machine, *requestNo);
    } else {
      showCase(machine, *requestNo);
    }
    return discard_event();
  }
  if (asksWhy) {
    machine.say("info_request.why.needCaseNo");
    return discard_event();
  }
  // Not an application (issue 6). A petition or a plain question is answered here; the menu's
  // own words ("查询进度", "人工") are never taken for a question.
  const auto other = text::recogniseNotApplication(text.text);
  if (other == text::NotApplication::Petition) {
    info_request::answerPetition(machine);
    return discard_event();
  }
  if (other == text::NotApplication::Question) {
    info_request::answerQuestion(machine, text.text);
    return discard_event();
  }
  if (auto item = menuItemFromText(text.text)) return choose(*item);
  // "我想反映教育局网站不公开招生信息的问题": a complaint without the word.
  if (other == text::NotApplication::Complaint) return complaint::start(*this);
  return showAgain();
}

sc::result Menu::react(const EvClick& click) {
  if (auto item = menuItemFromClick(click.key)) return choose(*item);
  return showAgain();
}

// At the menu there is nothing to cancel or go back from: show it.
sc::result Menu::react(const EvMenu&) {
  return showAgain();
}
sc::result Menu::react(const EvCancel&) {
  return showAgain();
}
sc::result Menu::react(const EvBack&) {
  return showAgain();
}

sc::result Menu::react(const EvHelp&) {
  outermost_context().say(kHelp);
  return discard_event();
}

sc::result Menu::choose(MenuItem item) {
  DialogMachine& machine = outermost_context();
  switch (item) {
    case MenuItem::Complaint:
      return complaint::start(*this);
    case MenuItem::InfoRequest:
      return info_request::start(*this);
    case MenuItem::Progress:
      showMyCases(machine);
      break;
    case MenuItem::FalseInfo:
      machine.say("menu.notYet", {{"service", machine.render("service.falseInfo")}});
      break;
    case MenuItem::Human:
      machine.say("menu.human");
      break;
  }
  return discard_event();
}

sc::result Menu::showAgain() {
  showMenu(outermost_context());
  return discard_event();
}

}  // namespace civicdesk::dialogs::menu
