#pragma once
// The reminder ladder of a deadline kind (issue 3): which reminders staff get before a deadline,
// on its due day, and which escalation follows every working day once it is overdue. Which
// ladder applies is configuration (config/reminders.json): a default ladder plus overrides per
// deadline rule id ("complaint.conclusion", see DeadlineRules rule_ids). Pure data; the plan
// (ReminderPlan.hpp) turns a ladder and a Deadline into instants.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "util/Expected.hpp"

namespace civicdesk::workflows {

// Who a reminder goes to; the lead resolves these to people through the UnitDirectory.
namespace reminder_audiences {
inline constexpr std::string_view kHandler = "handler";  // the responsible unit's handlers
inline constexpr std::string_view kUnitHead = "unit_head";
inline constexpr std::string_view kLeadingGroupOffice = "leading_group_office";
}  // namespace reminder_audiences

struct ReminderStep {
  enum class When {
    WorkingDaysBefore,      // at hh:mm of the working day `workingDays` working days before due
    DueDay,                 // at hh:mm of the due day
    OverdueEachWorkingDay,  // at hh:mm of every working day after the due day, until done
  };
  When when = When::DueDay;
  int workingDays = 0;  // WorkingDaysBefore only: >= 1
  int hour = 9;         // Asia/Shanghai wall clock
  int minute = 0;
  std::string audience;  // one of reminder_audiences
  bool operator==(const ReminderStep&) const = default;
};

struct ReminderLadder {
  std::vector<ReminderStep> steps;  // may be empty: no reminders for that kind
  bool operator==(const ReminderLadder&) const = default;
};

struct ReminderLadders {
  static constexpr int kMaxWorkingDaysBefore = 60;  // past it a value is a typo

  ReminderLadder defaultLadder;
  std::map<std::string, ReminderLadder, std::less<>> byRule;  // rule id -> its own ladder

  // 2 working days before at 09:00 to the handler; the due day at 09:00 to the handler; every
  // working day once overdue at 09:00 to the leading-group office.
  static ReminderLadders defaults();
  // {"_comment": "...", "default": [step...], "rules": {"complaint.conclusion": [step...]}}
  // step: {"when": "working_days_before" | "due_day" | "overdue_each_working_day",
  //        "workingDays": 2 (working_days_before only), "time": "09:00", "audience": "handler"}
  // "default" omitted: the default ladder of defaults(). An override replaces the default
  // ladder whole for its rule. Strict, like every file deciding legal deadlines: unknown keys,
  // a bad time, days < 1 or > kMaxWorkingDaysBefore, an unknown audience, or two steps of one
  // ladder at the same offset (they would share an idempotency key) are refused, and the error
  // names the ladder and the step.
  static Expected<ReminderLadders, std::string> fromJson(const nlohmann::json& document);
  // Reads the file; throws std::runtime_error naming the path and the reason, so the service
  // does not start on a ladder it cannot read.
  static ReminderLadders load(const std::string& path);

  // The rule's own ladder when configured, otherwise the default one.
  const ReminderLadder& forRule(std::string_view ruleId) const;

  bool operator==(const ReminderLadders&) const = default;
};

// "working_days_before", "due_day", "overdue_each_working_day": the file's words.
std::string_view toString(ReminderStep::When when);

}  // namespace civicdesk::workflows
