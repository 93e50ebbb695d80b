#include "dialogs/common/UnitResolution.hpp"

#include "dialogs/common/TextMatchers.hpp"
#include "util/Utf8.hpp"
#include "workflows/UnitDirectory.hpp"

namespace civicdesk::dialogs::units {
namespace {

constexpr std::size_t kExampleUnits = 3;
// A mention shorter than this ("局") says nothing about which unit is meant.
constexpr std::size_t kShortestMention = 2;

}  // namespace

Resolution resolve(const workflows::UnitDirectory& directory, std::string_view text) {
  Resolution out;
  out.typed = utf8::trim(text);
  if (out.typed.empty()) return out;
  workflows::UnitMatch match = directory.resolve(out.typed);
  if (match.unitId) {
    out.kind = Resolution::Kind::Found;
    out.unitId = std::move(*match.unitId);
  } else if (!match.suggestions.empty()) {
    out.kind = Resolution::Kind::Suggestions;
    out.suggestions = std::move(match.suggestions);
  } else {
    out.kind = Resolution::Kind::NotFound;
  }
  return out;
}

std::string unitName(const DialogMachine& machine, const std::string& unitId) {
  return machine.units().nameOf(unitId);
}

std::string suggestionList(const DialogMachine& machine, const std::vector<std::string>& ids) {
  std::string list;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (!list.empty()) list += '\n';
    list += std::to_string(i + 1) + " " + unitName(machine, ids[i]);
  }
  return list;
}

std::string exampleUnits(const workflows::UnitDirectory& directory) {
  std::string out;
  std::size_t shown = 0;
  for (const auto& unit : directory.units()) {
    if (!unit.pilotUnit || shown == kExampleUnits) continue;
    if (!out.empty()) out += "、";
    out += unit.name;
    ++shown;
  }
  return out;
}

Pick pickSuggestion(std::string_view text, std::size_t count) {
  const auto n = text::matchNumber(text);
  if (!n) return {};
  if (*n >= 1 && static_cast<std::size_t>(*n) <= count) {
    return {Pick::Kind::Picked, static_cast<std::size_t>(*n) - 1};
  }
  return {Pick::Kind::OutOfRange, 0};
}

const workflows::Unit* findMentioned(const workflows::UnitDirectory& directory,
                                     std::string_view text) {
  const std::string folded = text::normalise(text);
  const workflows::Unit* best = nullptr;
  std::size_t bestLength = 0;
  for (const auto& unit : directory.units()) {
    const auto consider = [&](const std::string& name) {
      const std::string word = text::normalise(name);
      const std::size_t length = utf8::length(word);
      if (length < kShortestMention || length <= bestLength) return;
      if (folded.find(word) == std::string::npos) return;
      best = &unit;
      bestLength = length;
    };
    consider(unit.name);
    for (const auto& alias : unit.aliases) consider(alias);
  }
  return best;
}

}  // namespace civicdesk::dialogs::units
