#include "workflows/reminders/ReminderLadder.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <stdexcept>
#include <utility>

#include <nlohmann/json.hpp>

#include "workflows/calendar/JsonKeys.hpp"
#include "workflows/deadlines/DeadlineRules.hpp"

namespace civicdesk::workflows {
namespace {

using json = nlohmann::json;

constexpr std::array kWhens = {ReminderStep::When::WorkingDaysBefore, ReminderStep::When::DueDay,
                               ReminderStep::When::OverdueEachWorkingDay};
constexpr std::array kAudiences = {reminder_audiences::kHandler, reminder_audiences::kUnitHead,
                                   reminder_audiences::kLeadingGroupOffice};

ReminderStep step(ReminderStep::When when, int workingDays, std::string_view audience) {
  ReminderStep s;
  s.when = when;
  s.workingDays = workingDays;
  s.hour = 9;
  s.minute = 0;
  s.audience = std::string(audience);
  return s;
}

// Strict "HH:MM", 00:00..23:59: a typo like "9:00" or "24:00" is refused, not guessed at.
bool parseTime(const std::string& text, int& hour, int& minute) {
  if (text.size() != 5 || text[2] != ':') return false;
  for (std::size_t i : {0u, 1u, 3u, 4u}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  hour = (text[0] - '0') * 10 + (text[1] - '0');
  minute = (text[3] - '0') * 10 + (text[4] - '0');
  return hour <= 23 && minute <= 59;
}

Expected<ReminderStep, std::string> stepFromJson(const json& entry) {
  if (!entry.is_object()) return unexpected(std::string("a step must be an object"));
  if (auto key = unknownKey(entry, {"when", "workingDays", "time", "audience"})) {
    return unexpected(std::string("unknown key \"") + *key + "\"");
  }
  ReminderStep result;
  const auto when = entry.find("when");
  if (when == entry.end() || !when->is_string()) {
    return unexpected(
        std::string("\"when\" is required (working_days_before, due_day, "
                    "overdue_each_working_day)"));
  }
  bool known = false;
  for (auto candidate : kWhens) {
    if (toString(candidate) == when->get<std::string>()) {
      result.when = candidate;
      known = true;
    }
  }
  if (!known)
    return unexpected(std::string("unknown \"when\" \"") + when->get<std::string>() + "\"");

  const auto days = entry.find("workingDays");
  if (result.when == ReminderStep::When::WorkingDaysBefore) {
    if (days == entry.end() || !days->is_number_integer() || days->get<std::int64_t>() < 1 ||
        days->get<std::int64_t>() > ReminderLadders::kMaxWorkingDaysBefore) {
      return unexpected(std::string("\"workingDays\" must be an integer 1..") +
                        std::to_string(ReminderLadders::kMaxWorkingDaysBefore));
    }
    result.workingDays = days->get<int>();
  } else if (days != entry.end()) {
    return unexpected(std::string("\"workingDays\" is only for working_days_before"));
  }

  const auto time = entry.find("time");
  if (time == entry.end() || !time->is_string() ||
      !parseTime(time->get<std::string>(), result.hour, result.minute)) {
    return unexpected(std::string("\"time\" must be \"HH:MM\", 00:00..23:59"));
  }

  const auto audience = entry.find("audience");
  if (audience == entry.end() || !audience->is_string()) {
    return unexpected(std::string("\"audience\" is required"));
  }
  result.audience = audience->get<std::string>();
  if (std::find(kAudiences.begin(), kAudiences.end(), result.audience) == kAudiences.end()) {
    return unexpected(std::string("unknown audience \"") + result.audience +
                      "\" (handler, unit_head, leading_group_office)");
  }
  return result;
}

// `name` is how errors name the ladder: "default" or "rules.complaint.conclusion".
Expected<ReminderLadder, std::string> ladderFromJson(const json& entry, const std::string& name) {
  if (!entry.is_array()) return unexpected(name + ": a ladder must be an array of steps");
  ReminderLadder ladder;
  for (std::size_t i = 0; i < entry.size(); ++i) {
    auto parsed = stepFromJson(entry[i]);
    const std::string where = name + "[" + std::to_string(i) + "]";
    if (!parsed) return unexpected(where + ": " + parsed.error());
    // One step per offset: the idempotency key of a planned reminder names the offset, not the
    // audience, so two would collide and the second would never be scheduled.
    for (const auto& earlier : ladder.steps) {
      if (earlier.when == parsed->when && earlier.workingDays == parsed->workingDays) {
        return unexpected(where + ": a second " + std::string(toString(parsed->when)) +
                          " step at the same offset");
      }
    }
    ladder.steps.push_back(std::move(parsed.value()));
  }
  return ladder;
}

}  // namespace

std::string_view toString(ReminderStep::When when) {
  switch (when) {
    case ReminderStep::When::WorkingDaysBefore:
      return "working_days_before";
    case ReminderStep::When::DueDay:
      return "due_day";
    case ReminderStep::When::OverdueEachWorkingDay:
      return "overdue_each_working_day";
  }
  return "?";
}

ReminderLadders ReminderLadders::defaults() {
  ReminderLadders ladders;
  ladders.defaultLadder.steps = {
      step(ReminderStep::When::WorkingDaysBefore, 2, reminder_audiences::kHandler),
      step(ReminderStep::When::DueDay, 0, reminder_audiences::kHandler),
      step(ReminderStep::When::OverdueEachWorkingDay, 0, reminder_audiences::kLeadingGroupOffice),
  };
  // The applicant's period to supplement (Art. 30) is not a task of staff: nothing reminds
  // them before it ends, and the first working day after it the request is deemed withdrawn
  // (the bot's expiry hook on this rule's overdue step).
  ladders.byRule[std::string(rule_ids::kInfoRequestSupplementPeriod)].steps = {
      step(ReminderStep::When::OverdueEachWorkingDay, 0, reminder_audiences::kHandler)};
  // Nor is the third party's period (Art. 32): the handler hears on its last day, so the
  // request can go on without an answer; a slow third party is no unit's lateness to escalate.
  ladders.byRule[std::string(rule_ids::kInfoRequestThirdParty)].steps = {
      step(ReminderStep::When::DueDay, 0, reminder_audiences::kHandler)};
  return ladders;
}

Expected<ReminderLadders, std::string> ReminderLadders::fromJson(const json& document) {
  if (!document.is_object()) return unexpected(std::string("reminders: not a JSON object"));
  for (const auto& [key, value] : document.items()) {
    // "_comment" and the like are for people; anything else unknown is a typo.
    if (key != "default" && key != "rules" && (key.empty() || key.front() != '_')) {
      return unexpected(std::string("reminders: unknown key \"") + key + "\"");
    }
  }
  ReminderLadders ladders = defaults();
  if (const auto found = document.find("default"); found != document.end()) {
    auto ladder = ladderFromJson(*found, "default");
    if (!ladder) return unexpected(ladder.error());
    ladders.defaultLadder = std::move(ladder.value());
  }
  if (const auto rules = document.find("rules"); rules != document.end()) {
    if (!rules->is_object()) {
      return unexpected(std::string("rules: must map rule ids to ladders"));
    }
    for (const auto& [id, entry] : rules->items()) {
      const std::string name = std::string("rules.") + id;
      // Rule ids are "system.name" (DeadlineRule::id); a district may add rules, so the id is
      // checked for shape, not against the table.
      const auto dot = id.find('.');
      if (dot == std::string::npos || dot == 0 || dot + 1 == id.size()) {
        return unexpected(name + ": a rule id is \"system.name\"");
      }
      auto ladder = ladderFromJson(entry, name);
      if (!ladder) return unexpected(ladder.error());
      ladders.byRule[id] = std::move(ladder.value());
    }
  }
  return ladders;
}

ReminderLadders ReminderLadders::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(std::string("reminders file ") + path + ": cannot be opened");
  json document;
  try {
    document = json::parse(in);
  } catch (const json::exception& e) {
    throw std::runtime_error(std::string("reminders file ") + path + ": not JSON: " + e.what());
  }
  auto ladders = fromJson(document);
  if (!ladders)
    throw std::runtime_error(std::string("reminders file ") + path + ": " + ladders.error());
  return std::move(ladders.value());
}

const ReminderLadder& ReminderLadders::forRule(std::string_view ruleId) const {
  const auto found = byRule.find(ruleId);
  return found == byRule.end() ? defaultLadder : found->second;
}

}  // namespace civicdesk::workflows
