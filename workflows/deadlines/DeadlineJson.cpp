// A deadline as the store persists it: the facts (rule, trigger, pauses, extensions) and the
// last computed schedule, so that overdue queries need no calendar and a recomputation on a new
// calendar can say what changed.
#include <nlohmann/json.hpp>

#include "workflows/calendar/DateMath.hpp"
#include "workflows/calendar/JsonKeys.hpp"
#include "workflows/deadlines/Deadline.hpp"

namespace civicdesk::workflows {
namespace {

using nlohmann::json;

json scheduleJson(const DeadlineSchedule& s) {
  return {{"due", formatDate(s.due)},     {"dueAt", s.dueAt},
          {"provisional", s.provisional}, {"assumedYears", s.assumedYears},
          {"suspended", s.suspended},     {"totalUnits", s.totalUnits},
          {"explanation", s.explanation}};
}

// Throws json::exception on a wrong type or a missing key (caught by Deadline::fromJson); the
// checks here are those json types cannot express.
Expected<DeadlineSchedule, std::string> readSchedule(const json& j) {
  if (const auto key = unknownKey(j, {"due", "dueAt", "provisional", "assumedYears", "suspended",
                                      "totalUnits", "explanation"})) {
    return unexpected("schedule: unknown key \"" + *key + "\"");
  }
  DeadlineSchedule s;
  const auto due = parseIsoDate(j.at("due").get<std::string>());
  if (!due) return unexpected(std::string("schedule.due is not a YYYY-MM-DD date"));
  s.due = *due;
  s.dueAt = j.at("dueAt").get<std::int64_t>();
  if (s.dueAt != endOfShanghaiDay(s.due)) {
    return unexpected(std::string("schedule.dueAt is not 24:00 Asia/Shanghai of schedule.due"));
  }
  s.provisional = j.at("provisional").get<bool>();
  s.assumedYears = j.at("assumedYears").get<std::vector<int>>();
  if (s.provisional != !s.assumedYears.empty()) {
    return unexpected(std::string("schedule: provisional and assumedYears disagree"));
  }
  s.suspended = j.at("suspended").get<bool>();
  s.totalUnits = j.at("totalUnits").get<int>();
  s.explanation = j.at("explanation").get<std::string>();
  return s;
}

}  // namespace

json Deadline::toJson() const {
  json pauses = json::array();
  for (const auto& p : pauses_) {
    pauses.push_back({{"startAt", p.startAt},
                      {"endAt", p.endAt ? json(*p.endAt) : json(nullptr)},
                      {"reason", p.reason}});
  }
  json extensions = json::array();
  for (const auto& e : extensions_) {
    extensions.push_back({{"units", e.units},
                          {"approver", e.approver},
                          {"approvedAt", e.approvedAt},
                          {"reason", e.reason}});
  }
  return {{"rule", workflows::toJson(rule_)},
          {"triggerAt", triggerAt_},
          {"pauses", pauses},
          {"extensions", extensions},
          {"schedule", scheduleJson(schedule_)}};
}

Expected<Deadline, std::string> Deadline::fromJson(const json& document) try {
  if (!document.is_object()) return unexpected(std::string("a deadline must be a JSON object"));
  if (const auto key =
          unknownKey(document, {"rule", "triggerAt", "pauses", "extensions", "schedule"})) {
    return unexpected("unknown key \"" + *key + "\"");
  }
  auto rule = deadlineRuleFromJson(document.at("rule"));
  if (!rule) return unexpected("rule: " + rule.error());
  Deadline deadline(std::move(*rule), document.at("triggerAt").get<std::int64_t>());
  std::int64_t clock = deadline.triggerAt_;  // every instant is at or after the one before
  for (const auto& p : document.at("pauses")) {
    if (!deadline.pauses_.empty() && !deadline.pauses_.back().endAt) {
      return unexpected(std::string("pauses: only the last pause may be open"));
    }
    Pause pause{p.at("startAt").get<std::int64_t>(), std::nullopt,
                p.at("reason").get<std::string>()};
    if (!p.at("endAt").is_null()) pause.endAt = p.at("endAt").get<std::int64_t>();
    if (pause.startAt < clock || (pause.endAt && *pause.endAt < pause.startAt)) {
      return unexpected(std::string("pauses: out of order or before the trigger"));
    }
    clock = pause.endAt.value_or(pause.startAt);
    deadline.pauses_.push_back(std::move(pause));
  }
  const auto& policy = deadline.rule_.extension;
  for (const auto& e : document.at("extensions")) {
    Extension extension{e.at("units").get<int>(), e.at("approver").get<std::string>(),
                        e.at("approvedAt").get<std::int64_t>(), e.at("reason").get<std::string>()};
    if (static_cast<int>(deadline.extensions_.size()) >= policy.maxExtensions ||
        extension.units <= 0 || extension.units > policy.maxUnits || extension.approver.empty()) {
      return unexpected(std::string("extensions: not allowed by the deadline's rule"));
    }
    deadline.extensions_.push_back(std::move(extension));
  }
  auto schedule = readSchedule(document.at("schedule"));
  if (!schedule) return unexpected(schedule.error());
  const bool open = !deadline.pauses_.empty() && !deadline.pauses_.back().endAt;
  if (schedule->suspended != open) {
    return unexpected(std::string("schedule.suspended disagrees with the pauses"));
  }
  deadline.schedule_ = std::move(*schedule);
  return deadline;
} catch (const json::exception& e) {
  return unexpected(std::string("deadline: ") + e.what());
}

}  // namespace civicdesk::workflows
