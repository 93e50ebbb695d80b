#include "dialogs/complaint/UnitSteps.hpp"

#include <type_traits>

#include "dialogs/common/TextMatchers.hpp"
#include "dialogs/common/UnitResolution.hpp"
#include "util/Utf8.hpp"
#include "dialogs/complaint/ConfirmSteps.hpp"
#include "dialogs/complaint/GroundSteps.hpp"
#include "workflows/UnitDirectory.hpp"
#include "workflows/complaints/Admissibility.hpp"

namespace civicdesk::dialogs::complaint {
namespace {

// Art. 7(1), as workflows words it: the one home of that rule.
std::string outsideJurisdictionArticle() {
  workflows::AdmissibilityFacts facts;
  facts.respondentIsPilotUnit = false;
  return workflows::assessAdmissibility(facts).article();
}

}  // namespace

std::string unitName(const DialogMachine& machine, const std::string& unitId) {
  return units::unitName(machine, unitId);
}

sc::result start(menu::Menu& from) {
  return startFrom(from);
}

template <class Derived>
sc::result UnitQuestion<Derived>::onUnitName(const std::string& text) {
  DialogMachine& machine = this->machine();
  units::Resolution resolved = units::resolve(machine.units(), text);
  using Kind = units::Resolution::Kind;
  switch (resolved.kind) {
    case Kind::Empty:
      return this->askAgain();
    case Kind::Found:
      return chooseUnit(resolved.unitId);
    case Kind::Suggestions:
      this->data().suggestions = std::move(resolved.suggestions);
      if constexpr (std::is_same_v<Derived, UnitChoice>)
        return this->askAgain();
      else
        return this->template forward<UnitChoice>();
    case Kind::NotFound:
      break;
  }
  machine.say("complaint.unit.notFound", {{"text", utf8::truncate(resolved.typed, 20)},
                                          {"examples", units::exampleUnits(machine.units())},
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
  machine.say("complaint.unitChoice.prompt",
              {{"list", units::suggestionList(machine, data.suggestions)}});
}

sc::result UnitChoice::react(const EvText& text) {
  const auto& suggestions = data().suggestions;
  const units::Pick pick = units::pickSuggestion(text.text, suggestions.size());
  switch (pick.kind) {
    case units::Pick::Kind::Picked:
      return chooseUnit(suggestions[pick.index]);
    case units::Pick::Kind::OutOfRange:
      machine().say("complaint.unitChoice.invalid", {{"max", std::to_string(suggestions.size())}});
      return stay();
    case units::Pick::Kind::NotANumber:
      break;
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
