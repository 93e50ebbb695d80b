#include "dialogs/complaint/UnitSteps.hpp"

#include <type_traits>

#include "dialogs/common/TextMatchers.hpp"
#include "util/Utf8.hpp"
#include "dialogs/complaint/ConfirmSteps.hpp"
#include "dialogs/complaint/GroundSteps.hpp"
#include "workflows/UnitDirectory.hpp"
#include "workflows/complaints/Admissibility.hpp"

namespace civicdesk::dialogs::complaint {
namespace {

constexpr std::size_t kExampleUnits = 3;

// A few names that do work, so a citizen who typed something unknown sees what is meant.
std::string exampleUnits(const workflows::UnitDirectory& units) {
  std::string out;
  std::size_t shown = 0;
  for (const auto& unit : units.units()) {
    if (!unit.pilotUnit || shown == kExampleUnits) continue;
    if (!out.empty()) out += "、";
    out += unit.name;
    ++shown;
  }
  return out;
}

// Art. 7(1), as workflows words it: the one home of that rule.
std::string outsideJurisdictionArticle() {
  workflows::AdmissibilityFacts facts;
  facts.respondentIsPilotUnit = false;
  return workflows::assessAdmissibility(facts).article();
}

}  // namespace

std::string unitName(const DialogMachine& machine, const std::string& unitId) {
  const workflows::Unit* unit = machine.units().find(unitId);
  return unit ? unit->name : unitId;
}

sc::result start(menu::Menu& from) {
  ComplaintData fresh;
  Unit::ask(from.outermost_context(), fresh);
  return from.transit<Unit>();
}

template <class Derived>
sc::result UnitQuestion<Derived>::onUnitName(const std::string& text) {
  const std::string typed = utf8::trim(text);
  if (typed.empty()) return this->askAgain();
  DialogMachine& machine = this->machine();
  const workflows::UnitMatch match = machine.units().resolve(typed);
  if (match.unitId) return chooseUnit(*match.unitId);
  if (!match.suggestions.empty()) {
    this->data().suggestions = match.suggestions;
    if constexpr (std::is_same_v<Derived, UnitChoice>)
      return this->askAgain();
    else
      return this->template forward<UnitChoice>();
  }
  machine.say("complaint.unit.notFound", {{"text", utf8::truncate(typed, 20)},
                                          {"examples", exampleUnits(machine.units())},
                                          {"article", outsideJurisdictionArticle()}});
  return this->stay();
}

template <class Derived>
sc::result UnitQuestion<Derived>::chooseUnit(const std::string& unitId) {
  const workflows::Unit* unit = this->machine().units().find(unitId);
  if (unit == nullptr) return this->askAgain();  // a stale suggestion; cannot happen normally
  if (!unit->pilotUnit) {
    // Art. 7(1): not a pilot unit, so not ours to accept; tell them where to go instead.
    return this->leave("complaint.unit.notPilot", {{"unit", unit->name},
                                                   {"article", outsideJurisdictionArticle()},
                                                   {"unitPhone", unit->phone},
                                                   {"unitMailbox", unit->mailbox}});
  }
  workflows::ComplaintForm& form = this->data().form;
  form.respondentUnitId = unit->id;
  // Art. 7(1) and (2): a pilot unit, and a clear respondent.
  form.admissibility.respondentIsPilotUnit = true;
  form.admissibility.respondentIdentified = true;
  // The detail belongs to the unit, so it is asked again even when amending.
  return this->template forward<RespondentDetail>();
}

void Unit::ask(DialogMachine& machine, ComplaintData&) {
  machine.say("complaint.unit.prompt");
}

sc::result Unit::react(const EvText& text) {
  return onUnitName(text.text);
}

bool UnitChoice::canRestore(const nlohmann::json& slots) {
  auto data = ComplaintData::fromJson(slots);
  return data && !data->suggestions.empty();
}

void UnitChoice::ask(DialogMachine& machine, ComplaintData& data) {
  std::string list;
  for (std::size_t i = 0; i < data.suggestions.size(); ++i) {
    if (!list.empty()) list += '\n';
    list += std::to_string(i + 1) + " " + unitName(machine, data.suggestions[i]);
  }
  machine.say("complaint.unitChoice.prompt", {{"list", list}});
}

sc::result UnitChoice::react(const EvText& text) {
  const auto& suggestions = data().suggestions;
  if (auto n = text::matchNumber(text.text)) {
    if (*n >= 1 && static_cast<std::size_t>(*n) <= suggestions.size()) {
      return chooseUnit(suggestions[static_cast<std::size_t>(*n) - 1]);
    }
    machine().say("complaint.unitChoice.invalid", {{"max", std::to_string(suggestions.size())}});
    return stay();
  }
  return onUnitName(text.text);  // typed a name again
}

void RespondentDetail::ask(DialogMachine& machine, ComplaintData& data) {
  machine.say("complaint.respondentDetail.prompt",
              {{"unit", unitName(machine, data.form.respondentUnitId)}});
}

sc::result RespondentDetail::react(const EvText& text) {
  const std::string detail = utf8::trim(text.text);
  if (detail.empty()) return askAgain();
  const bool skipped =
      text::isOneOf(detail, {"跳过", "不清楚", "不知道", "不详", "没有", "无", "略", "skip"});
  data().form.respondentDetail = skipped ? std::string() : detail;
  return finish<Ground>();
}

}  // namespace civicdesk::dialogs::complaint
