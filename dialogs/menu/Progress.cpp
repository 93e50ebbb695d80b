#include "dialogs/menu/Progress.hpp"

#include <algorithm>
#include <vector>

#include "dialogs/Templates.hpp"

namespace civicdesk::dialogs::menu {
namespace {

// Enough to stay within one WeChat reply; the rest can be asked for by number.
constexpr std::size_t kMaxListed = 4;

const std::vector<CaseProgress>& myCases(const DialogMachine& machine) {
  static const std::vector<CaseProgress> none;
  const OwnCases* cases = machine.context().myCases;
  return cases != nullptr ? cases->get() : none;
}

std::string statusText(const DialogMachine& machine, const std::string& status) {
  const std::string key = "status." + status;
  return machine.context().templates.has(key) ? machine.render(key)
                                              : machine.render("status.unknown");
}

// "TS-2026-000123（2026-11-27 提交）/ 状态：... / 下一步：...，2026-12-02 前".
std::string describe(const DialogMachine& machine, const CaseProgress& c) {
  std::string text = machine.render("progress.item", {{"caseNo", c.caseNo},
                                                      {"receivedOn", c.receivedOn},
                                                      {"status", statusText(machine, c.status)}});
  if (!c.nextDue.empty()) {
    text += '\n';
    text += c.nextStep.empty()
                ? machine.render("progress.item.due", {{"due", c.nextDue}})
                : machine.render("progress.item.next", {{"step", c.nextStep}, {"due", c.nextDue}});
  }
  return text;
}

const CaseProgress* ownCase(const DialogMachine& machine, const std::string& caseNo) {
  const auto& cases = myCases(machine);
  const auto found = std::find_if(cases.begin(), cases.end(),
                                  [&](const CaseProgress& c) { return c.caseNo == caseNo; });
  return found == cases.end() ? nullptr : &*found;
}

}  // namespace

void showMyCases(DialogMachine& machine) {
  const auto& cases = myCases(machine);
  if (cases.empty()) {
    machine.say("progress.none");
    return;
  }
  std::string list;
  const std::size_t listed = std::min(cases.size(), kMaxListed);
  for (std::size_t i = 0; i < listed; ++i) {
    if (!list.empty()) list += "\n\n";
    list += describe(machine, cases[i]);
  }
  if (cases.size() > listed) {
    list += "\n\n";
    list +=
        machine.render("progress.list.more", {{"count", std::to_string(cases.size() - listed)}});
  }
  machine.say("progress.list", {{"list", list}});
}

void showCase(DialogMachine& machine, const std::string& caseNo) {
  const CaseProgress* found = ownCase(machine, caseNo);
  if (found == nullptr) {
    // The same words whether the case exists or not: a number says nothing about its filer.
    machine.say("progress.notShown", {{"caseNo", caseNo}});
    return;
  }
  machine.say("progress.one", {{"item", describe(machine, *found)}});
}

void askWhyNotDisclosed(DialogMachine& machine, const std::string& caseNo) {
  if (ownCase(machine, caseNo) == nullptr) {
    // As for progress: the same words whether the request exists or not.
    machine.say("info_request.why.notShown", {{"caseNo", caseNo}});
    return;
  }
  machine.askWhyNotDisclosed(caseNo);
}

}  // namespace civicdesk::dialogs::menu
