#include "workflows/UnitDirectory.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <stdexcept>
#include <utility>

#include <nlohmann/json.hpp>

#include "util/Utf8.hpp"

namespace civicdesk::workflows {
namespace {

// Names are compared as code points. Invalid UTF-8 bytes (citizens' text arrives from many
// channels) are dropped one at a time: a broken byte costs a character, not the process.
using CodePoints = std::u32string;

// ---- Normalisation ----------------------------------------------------------------------
// Names are compared after dropping what citizens vary without meaning to: spaces,
// punctuation (ASCII and CJK), full-width forms, ASCII case.

bool isSeparator(char32_t c) {
  if (c < 0x80) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return !alnum;  // spaces, controls, ASCII punctuation
  }
  return c == 0x00A0 || c == 0x00B7 ||    // no-break space, middle dot
         (c >= 0x2000 && c <= 0x206F) ||  // general punctuation, typographic spaces
         (c >= 0x3000 && c <= 0x303F) ||  // CJK symbols and punctuation (、。《》【】…)
         (c >= 0xFE10 && c <= 0xFE1F) ||  // vertical forms
         (c >= 0xFE30 && c <= 0xFE6F) ||  // CJK compatibility and small forms
         (c >= 0xFF61 && c <= 0xFF65) ||  // half-width CJK punctuation
         c == 0xFEFF || c == 0xFFFD;      // BOM, replacement character
}

CodePoints normalise(std::string_view text) {
  CodePoints out;
  for (char32_t c : utf8::decode(text)) {
    c = utf8::toHalfWidth(c);
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    if (!isSeparator(c)) out.push_back(c);
  }
  return out;
}

bool startsWith(const CodePoints& text, const CodePoints& prefix) {
  return !prefix.empty() && text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin());
}

// The matching key of a name: normalised, with a leading district name ("青溪区", "青溪") and
// then a leading "区" dropped, so "青溪区教育局", "区教育局" and "教育局" are one key. Both
// sides of every comparison go through this, so the rule stays symmetric.
CodePoints matchKey(std::string_view text, const CodePoints& district) {
  CodePoints key = normalise(text);
  CodePoints shortDistrict = district;
  if (!shortDistrict.empty() && shortDistrict.back() == U'区') shortDistrict.pop_back();
  for (const CodePoints* prefix : std::array<const CodePoints*, 2>{&district, &shortDistrict}) {
    if (startsWith(key, *prefix) && key.size() > prefix->size()) {
      key.erase(0, prefix->size());
      break;
    }
  }
  if (key.size() > 1 && key.front() == U'区') key.erase(0, 1);
  return key;
}

// ---- Similarity -------------------------------------------------------------------------

// Dice coefficient over multisets of n-grams of code points; 0 when either side has none.
double dice(const CodePoints& a, const CodePoints& b, std::size_t n) {
  if (a.size() < n || b.size() < n) return 0.0;
  std::map<CodePoints, int> grams;
  for (std::size_t i = 0; i + n <= a.size(); ++i) ++grams[a.substr(i, n)];
  int common = 0;
  for (std::size_t i = 0; i + n <= b.size(); ++i) {
    auto it = grams.find(b.substr(i, n));
    if (it != grams.end() && it->second > 0) {
      --it->second;
      ++common;
    }
  }
  const auto total = static_cast<double>((a.size() - n + 1) + (b.size() - n + 1));
  return 2.0 * common / total;
}

// Unigrams catch a typo in the middle of a short name ("公按局": no bigram in common with
// "公安局"); bigrams reward shared words. Containment of two or more characters in either
// direction ("教育" in "教育局", "教育局" in "教育局小学部") is a strong signal of its own.
double similarity(const CodePoints& query, const CodePoints& key) {
  double score = 0.5 * dice(query, key, 1) + 0.5 * dice(query, key, 2);
  if (query.size() >= 2 && key.find(query) != CodePoints::npos) {
    score = std::max(score, 0.5 + 0.5 * static_cast<double>(query.size()) / key.size());
  } else if (key.size() >= 2 && query.find(key) != CodePoints::npos) {
    score = std::max(score, 0.5 + 0.5 * static_cast<double>(key.size()) / query.size());
  }
  return score;
}

// Below this a suggestion is noise: sharing only a generic character such as "局" scores
// about 0.17-0.25; a one-character typo in a three-character name about 0.33.
constexpr double kSuggestionThreshold = 0.3;
constexpr std::size_t kMaxSuggestions = 5;

// ---- JSON reading with errors, not exceptions -------------------------------------------

std::string describe(std::size_t index, const std::string& id) {
  std::string where = "units[" + std::to_string(index) + "]";
  if (!id.empty()) where += " (id \"" + id + "\")";
  return where;
}

// Reads an optional string member; false when it is present with the wrong type.
bool readString(const nlohmann::json& object, const char* key, std::string& out) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return true;
  if (!it->is_string()) return false;
  out = it->get<std::string>();
  return true;
}

bool readBool(const nlohmann::json& object, const char* key, bool& out) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return true;
  if (!it->is_boolean()) return false;
  out = it->get<bool>();
  return true;
}

// Only spaces (ASCII or the ideographic space): what a hand-edited file leaves in a field.
bool isBlank(std::string_view s) {
  for (char32_t c : utf8::decode(s)) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != 0x3000) return false;
  }
  return true;
}

// A name or alias must keep something to match on once punctuation is dropped.
bool hasMatchableText(std::string_view s) {
  return !normalise(s).empty();
}

Expected<Unit, std::string> readUnit(const nlohmann::json& entry, std::size_t index) {
  if (!entry.is_object()) return unexpected(describe(index, "") + ": not an object");
  Unit unit;
  if (!readString(entry, "id", unit.id) || unit.id.empty()) {
    return unexpected(describe(index, "") + ": \"id\" must be a non-empty string");
  }
  const std::string where = describe(index, unit.id);
  for (auto [key, out] :
       {std::pair{"name", &unit.name}, std::pair{"mailbox", &unit.mailbox},
        std::pair{"phone", &unit.phone}, std::pair{"address", &unit.address},
        std::pair{"superiorId", &unit.superiorId},
        std::pair{"receivingUnitId", &unit.receivingUnitId},
        std::pair{"wecomAppTo", &unit.wecomAppTo}, std::pair{"staffEmail", &unit.staffEmail},
        std::pair{"wecomRobotKey", &unit.wecomRobotKey}}) {
    if (!readString(entry, key, *out)) {
      return unexpected(where + ": \"" + key + "\" must be a string");
    }
  }
  if (!readBool(entry, "leadingGroupOffice", unit.leadingGroupOffice) ||
      !readBool(entry, "pilotUnit", unit.pilotUnit)) {
    return unexpected(where + ": \"leadingGroupOffice\" and \"pilotUnit\" must be booleans");
  }
  if (auto it = entry.find("aliases"); it != entry.end() && !it->is_null()) {
    if (!it->is_array()) return unexpected(where + ": \"aliases\" must be an array of strings");
    for (const auto& alias : *it) {
      if (!alias.is_string() || !hasMatchableText(alias.get<std::string>())) {
        return unexpected(where + ": every alias must be a non-empty string");
      }
      unit.aliases.push_back(alias.get<std::string>());
    }
  }
  if (!hasMatchableText(unit.name)) return unexpected(where + ": \"name\" is missing or empty");
  // Art. 5: every pilot unit publishes a complaint mailbox and a complaint phone.
  if (isBlank(unit.mailbox)) {
    return unexpected(where + ": \"mailbox\" is missing (Art. 5: every unit publishes one)");
  }
  if (isBlank(unit.phone)) {
    return unexpected(where + ": \"phone\" is missing (Art. 5: every unit publishes one)");
  }
  return unit;
}

// Cross-entry rules: unique ids, unique names and aliases (else "exact match" would be
// ambiguous), one leading-group office, superiors that exist and form no cycle.
std::optional<std::string> checkDirectory(const std::vector<Unit>& units,
                                          const CodePoints& district) {
  std::map<std::string, std::size_t> byId;
  std::map<CodePoints, std::size_t> byKey;
  std::size_t offices = 0;
  for (std::size_t i = 0; i < units.size(); ++i) {
    const Unit& unit = units[i];
    if (!byId.emplace(unit.id, i).second) {
      return describe(i, unit.id) + ": duplicate id, also at " + describe(byId[unit.id], "");
    }
    if (unit.leadingGroupOffice) ++offices;
    std::vector<std::string> names{unit.name};
    names.insert(names.end(), unit.aliases.begin(), unit.aliases.end());
    for (const auto& name : names) {
      auto [it, inserted] = byKey.emplace(matchKey(name, district), i);
      if (!inserted && it->second != i) {
        return describe(i, unit.id) + ": name or alias \"" + name + "\" is already used by " +
               describe(it->second, units[it->second].id);
      }
    }
  }
  if (offices != 1) {
    return "exactly one unit must have \"leadingGroupOffice\": true; found " +
           std::to_string(offices);
  }
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (!units[i].receivingUnitId.empty() && !byId.contains(units[i].receivingUnitId)) {
      return describe(i, units[i].id) + ": receivingUnitId \"" + units[i].receivingUnitId +
             "\" is not a unit of the directory";
    }
  }
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (units[i].superiorId.empty()) continue;
    if (!byId.contains(units[i].superiorId)) {
      return describe(i, units[i].id) + ": superiorId \"" + units[i].superiorId +
             "\" is not a unit of the directory";
    }
    // Walking up more steps than there are units means the chain loops.
    std::string current = units[i].superiorId;
    for (std::size_t steps = 0; !current.empty(); ++steps) {
      if (steps > units.size() || current == units[i].id) {
        return describe(i, units[i].id) + ": its chain of superiors loops";
      }
      current = units[byId[current]].superiorId;
    }
  }
  return std::nullopt;
}

}  // namespace

Expected<UnitDirectory, std::string> UnitDirectory::fromJson(const nlohmann::json& json) {
  if (!json.is_object()) return unexpected(std::string("the unit directory must be an object"));
  UnitDirectory directory;
  if (!readString(json, "district", directory.district_) || isBlank(directory.district_)) {
    return unexpected(std::string("\"district\" must be a non-empty string"));
  }
  auto units = json.find("units");
  if (units == json.end() || !units->is_array() || units->empty()) {
    return unexpected(std::string("\"units\" must be a non-empty array"));
  }
  for (std::size_t i = 0; i < units->size(); ++i) {
    auto unit = readUnit((*units)[i], i);
    if (!unit) return unexpected(unit.error());
    directory.units_.push_back(std::move(unit).value());
  }
  if (auto error = checkDirectory(directory.units_, normalise(directory.district_))) {
    return unexpected(std::move(*error));
  }
  return directory;
}

UnitDirectory UnitDirectory::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("unit directory " + path + ": cannot open the file");
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error("unit directory " + path + ": not valid JSON: " + e.what());
  }
  auto directory = fromJson(json);
  if (!directory) throw std::runtime_error("unit directory " + path + ": " + directory.error());
  return std::move(directory).value();
}

const Unit* UnitDirectory::find(std::string_view id) const {
  auto it = std::find_if(units_.begin(), units_.end(), [&](const Unit& u) { return u.id == id; });
  return it == units_.end() ? nullptr : &*it;
}

std::string UnitDirectory::nameOf(std::string_view id) const {
  const Unit* unit = find(id);
  return unit ? unit->name : std::string(id);
}

const Unit& UnitDirectory::leadingGroupOffice() const {
  for (const auto& unit : units_) {
    if (unit.leadingGroupOffice) return unit;
  }
  // Only a default-constructed directory gets here; fromJson guarantees exactly one.
  throw std::logic_error("the unit directory has no leading-group office");
}

const Unit& UnitDirectory::receivingDepartmentFor(std::string_view respondentId) const {
  if (const Unit* respondent = find(respondentId);
      respondent && !respondent->receivingUnitId.empty()) {
    if (const Unit* receiving = find(respondent->receivingUnitId)) return *receiving;
  }
  return leadingGroupOffice();
}

UnitMatch UnitDirectory::resolve(std::string_view text) const {
  const CodePoints district = normalise(district_);
  const CodePoints query = matchKey(text, district);
  UnitMatch match;
  if (query.empty()) return match;

  std::vector<std::pair<double, std::size_t>> scored;  // (best score over its names, index)
  for (std::size_t i = 0; i < units_.size(); ++i) {
    std::vector<std::string_view> names{units_[i].name};
    names.insert(names.end(), units_[i].aliases.begin(), units_[i].aliases.end());
    double best = 0.0;
    for (auto name : names) {
      const CodePoints key = matchKey(name, district);
      if (key == query) {
        match.unitId = units_[i].id;
        return match;
      }
      best = std::max(best, similarity(query, key));
    }
    if (best >= kSuggestionThreshold) scored.emplace_back(best, i);
  }
  // Best first; equal scores keep the directory's order, so results are deterministic.
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t k = 0; k < scored.size() && k < kMaxSuggestions; ++k) {
    match.suggestions.push_back(units_[scored[k].second].id);
  }
  return match;
}

}  // namespace civicdesk::workflows
