#pragma once
// The pilot district's units (RULES.md §1 Art. 2, Art. 5): who can be complained about, who
// receives complaints, and where citizens can reach each unit (complaint mailbox and phone).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "util/Expected.hpp"

namespace civicdesk::workflows {

struct Unit {
  std::string id;                    // stable key, e.g. "edu"
  std::string name;                  // official name, e.g. "青溪区教育局"
  std::vector<std::string> aliases;  // what citizens say: "教育局", "区教育局"
  std::string mailbox;               // complaint mailbox (Art. 5)
  std::string phone;                 // complaint phone (Art. 5)
  std::string address;               // where to visit or write
  bool leadingGroupOffice = false;   // the leading-group office (exactly one)
  bool pilotUnit = true;             // in the pilot (complaints about it are in scope)
  std::string superiorId;            // superior agency, may be empty
  std::string receivingUnitId;       // Art. 2: who receives complaints about this unit (its
                                     // superior, or the supervision agency); empty: the
                                     // leading-group office
  std::string wecomAppTo;            // WeCom application message recipients for staff notices:
                                     // "party:<dept id>" or "user:<UserID|UserID>"; empty: none
  std::string staffEmail;            // where the unit's staff get notices by email (its
                                     // handlers' shared mailbox); empty: none
  std::string wecomRobotKey;         // the unit's WeCom group robot, for staff reminders; a
                                     // credential: never logged. Empty: none configured
};

struct UnitMatch {
  std::optional<std::string> unitId;     // an exact name or alias match
  std::vector<std::string> suggestions;  // otherwise, likely units, best first (at most 5)
};

class UnitDirectory {
 public:
  // Validates as it reads: unique ids, non-empty names, mailbox and phone on every unit
  // (Art. 5), exactly one leading-group office. The error says which entry is wrong.
  static Expected<UnitDirectory, std::string> fromJson(const nlohmann::json& json);
  // Reads a JSON file; throws std::runtime_error with the path and reason when it is unusable.
  static UnitDirectory load(const std::string& path);

  const std::vector<Unit>& units() const { return units_; }
  const Unit* find(std::string_view id) const;
  // The unit's official name for texts; the id itself when no unit has it.
  std::string nameOf(std::string_view id) const;
  const Unit& leadingGroupOffice() const;
  // Art. 2: the receiving department (受理部门) of complaints about `respondentId`.
  const Unit& receivingDepartmentFor(std::string_view respondentId) const;
  // The district's name, e.g. "青溪区" (for texts).
  const std::string& districtName() const { return district_; }

  // Resolve what a citizen typed ("教育局", "区教育", "教育") to a unit: exact name or alias
  // first (ignoring spaces and punctuation), else suggestions by character overlap.
  UnitMatch resolve(std::string_view text) const;

 private:
  std::string district_;
  std::vector<Unit> units_;
};

}  // namespace civicdesk::workflows
