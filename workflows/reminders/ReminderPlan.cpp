#include "workflows/reminders/ReminderPlan.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "workflows/calendar/DateMath.hpp"
#include "workflows/calendar/WorkingDayCalendar.hpp"
#include "workflows/deadlines/Deadline.hpp"

namespace civicdesk::workflows {
namespace {

// hh:mm Asia/Shanghai of `date`, as Unix seconds.
std::int64_t atTime(const CivilDate& date, const ReminderStep& step) {
  return endOfShanghaiDay(date) - 86400 + std::int64_t{step.hour} * 3600 + step.minute * 60;
}

std::string keyPrefix(std::int64_t deadlineId) {
  return std::string("deadline:") + std::to_string(deadlineId) + ":";
}

// ":<due>" and, once facts changed the deadline, ":r<k>" (see ReminderPlan.hpp).
std::string keySuffix(const Deadline& d) {
  std::string suffix = std::string(":") + formatDate(d.due());
  const auto revision = d.pauses().size() + d.extensions().size();
  if (revision > 0) suffix += std::string(":r") + std::to_string(revision);
  return suffix;
}

std::string calendarError(const std::string& what, const CalendarError& error) {
  return what + ": " + error.message;
}

// The working day D with N working days in (D, due], found by walking back from the due day:
// at most N working days plus the rest days between them, and never past the trigger day
// (nullopt: the reminder would come before the deadline exists).
Expected<std::optional<CivilDate>, std::string> workingDaysBefore(const Deadline& d, int n,
                                                                  const WorkingDayCalendar& cal) {
  const CivilDate first = d.triggerDay();
  CivilDate day = d.due();
  int counted = 0;  // working days in (day, due]
  while (true) {
    auto working = cal.isWorkingDay(day);
    if (!working) return unexpected(calendarError(formatDate(day), working.error()));
    if (working->value) ++counted;
    day = plusDays(day, -1);
    if (day < first) return std::optional<CivilDate>{};
    if (counted < n) continue;
    auto candidate = cal.isWorkingDay(day);
    if (!candidate) return unexpected(calendarError(formatDate(day), candidate.error()));
    if (candidate->value) return std::optional<CivilDate>{day};
  }
}

Expected<CivilDate, std::string> nextWorkingDay(const CivilDate& after,
                                                const WorkingDayCalendar& cal) {
  auto next = cal.addWorkingDays(after, 1);
  if (!next)
    return unexpected(calendarError(std::string("after ") + formatDate(after), next.error()));
  return next->value;
}

PlannedReminder overdueOn(const Deadline& d, std::int64_t deadlineId, const ReminderStep& step,
                          const CivilDate& day, int stepIndex) {
  return {std::string(reminder_kinds::kOverdue), atTime(day, step), step.audience,
          keyPrefix(deadlineId) + "overdue:" + formatDate(day) + keySuffix(d), stepIndex};
}

}  // namespace

Expected<std::vector<PlannedReminder>, std::string> planReminders(const Deadline& d,
                                                                  std::int64_t deadlineId,
                                                                  const ReminderLadder& ladder,
                                                                  const WorkingDayCalendar& cal,
                                                                  std::int64_t now) {
  std::vector<PlannedReminder> plan;
  if (d.suspended()) return plan;
  for (std::size_t i = 0; i < ladder.steps.size(); ++i) {
    const ReminderStep& step = ladder.steps[i];
    const int index = static_cast<int>(i);
    const std::string where =
        std::string("step ") + std::to_string(i) + " (" + std::string(toString(step.when)) + ")";
    switch (step.when) {
      case ReminderStep::When::WorkingDaysBefore: {
        // A ladder built in code skips fromJson's check; 0 would never be found walking back.
        if (step.workingDays < 1) return unexpected(where + ": workingDays must be >= 1");
        auto day = workingDaysBefore(d, step.workingDays, cal);
        if (!day) return unexpected(where + ": " + day.error());
        if (!day->has_value()) break;
        const std::int64_t at = atTime(**day, step);
        if (at < now) break;
        plan.push_back(
            {std::string(reminder_kinds::kBefore), at, step.audience,
             keyPrefix(deadlineId) + "before:" + std::to_string(step.workingDays) + keySuffix(d),
             index});
        break;
      }
      case ReminderStep::When::DueDay: {
        const std::int64_t at = atTime(d.due(), step);
        if (at < now) break;
        plan.push_back({std::string(reminder_kinds::kDueDay), at, step.audience,
                        keyPrefix(deadlineId) + "due_day" + keySuffix(d), index});
        break;
      }
      case ReminderStep::When::OverdueEachWorkingDay: {
        auto day = nextWorkingDay(d.due(), cal);
        if (!day) return unexpected(where + ": " + day.error());
        plan.push_back(overdueOn(d, deadlineId, step, *day, index));  // even when past
        break;
      }
    }
  }
  std::stable_sort(plan.begin(), plan.end(),
                   [](const PlannedReminder& a, const PlannedReminder& b) { return a.at < b.at; });
  return plan;
}

Expected<PlannedReminder, std::string> nextEscalation(const Deadline& d, std::int64_t deadlineId,
                                                      const ReminderStep& step,
                                                      const WorkingDayCalendar& cal,
                                                      std::int64_t firedAt, int stepIndex) {
  if (step.when != ReminderStep::When::OverdueEachWorkingDay) {
    return unexpected(std::string("not an overdue_each_working_day step"));
  }
  if (d.suspended()) return unexpected(std::string("the deadline is suspended"));
  // A link fired early (a clock set back) must not put the next one on or before the due day.
  const CivilDate fired = std::max(shanghaiDate(firedAt), d.due());
  auto day = nextWorkingDay(fired, cal);
  if (!day) return unexpected(day.error());
  return overdueOn(d, deadlineId, step, *day, stepIndex);
}

}  // namespace civicdesk::workflows
