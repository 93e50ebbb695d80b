#pragma once
// The reminders of one deadline on its ladder, as instants: a plan the lead turns into durable
// timers (store/Timers.hpp). Pure: no clock, no store; `now` and the calendar are given.
//
// Stopping: reminders stop when the obligation is met. That is the lead's part: it cancels the
// deadline's pending timers (Timers::cancelForDeadline) and calls nextEscalation no more. The
// overdue escalation is a chain: planReminders plans only its first link; when a link fires,
// nextEscalation gives the next one.
//
// Idempotency keys name one firing and say what it rests on, because Timers::schedule keeps an
// existing row for a known key whatever its status (a cancelled timer stays cancelled):
//   deadline:<id>:before:<N>:<due>     deadline:<id>:due_day:<due>
//   deadline:<id>:overdue:<day>:<due>  (<day>: the date the escalation is for)
// followed by ":r<k>" when the deadline has k > 0 pauses and extensions. <due> makes a re-plan
// after the due date moved yield new keys; the revision does the same when a pause and resume
// on one day, or an extension absorbed by the move to the next working day, left the due date
// where it was (the lead cancelled the timers at the pause, so the old keys are dead). A
// recompute on a new calendar that keeps the due date keeps the keys: re-planning then is a
// no-op, so the lead should not cancel the timers in that case.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/Expected.hpp"
#include "workflows/reminders/ReminderLadder.hpp"

namespace civicdesk::workflows {

class Deadline;
class WorkingDayCalendar;

namespace reminder_kinds {
inline constexpr std::string_view kBefore = "reminder.before";
inline constexpr std::string_view kDueDay = "reminder.due_day";
inline constexpr std::string_view kOverdue = "escalation.overdue";
}  // namespace reminder_kinds

struct PlannedReminder {
  std::string kind;      // one of reminder_kinds
  std::int64_t at = 0;   // Unix seconds; hh:mm Asia/Shanghai of a working day or the due day
  std::string audience;  // the step's audience
  std::string key;       // idempotency key, see above
  int stepIndex = 0;     // index of the step in the ladder
  bool operator==(const PlannedReminder&) const = default;
};

// The reminders of `d` still to come at `now`, sorted by `at`:
// - each WorkingDaysBefore step: hh:mm of the working day D with workingDaysBetween(D, due) ==
//   N; none when D is before the trigger day (the deadline is shorter than the offset);
// - the DueDay step: hh:mm of the due day;
// - the first link of the OverdueEachWorkingDay chain: hh:mm of the first working day after
//   the due day.
// Reminders whose time is before `now` are dropped, so a deadline opened late (or re-planned)
// does not fire a burst of stale reminders; the first overdue escalation is the exception: it
// is always planned, with its own time, and so fires at the timer loop's next pass when that
// time is past (the deadline is overdue: someone must hear of it).
// A suspended deadline (open pause) gets nothing: nothing is due while the clock is stopped;
// the lead cancels at the pause and re-plans at the resume.
// The error says which step needed a date outside the calendar's range.
Expected<std::vector<PlannedReminder>, std::string> planReminders(const Deadline& d,
                                                                  std::int64_t deadlineId,
                                                                  const ReminderLadder& ladder,
                                                                  const WorkingDayCalendar& cal,
                                                                  std::int64_t now);

// The link after the escalation that fired at `firedAt`: hh:mm of the first working day after
// the Asia/Shanghai date of firedAt (and never before the first working day after the due
// day). Its key names that day, so each day's escalation is distinct and idempotent. The step
// alone does not say where it sits in its ladder: `stepIndex` is copied into the result (pass
// the fired reminder's). An error for a step that is not OverdueEachWorkingDay, a suspended
// deadline, or a date outside the calendar.
Expected<PlannedReminder, std::string> nextEscalation(const Deadline& d, std::int64_t deadlineId,
                                                      const ReminderStep& step,
                                                      const WorkingDayCalendar& cal,
                                                      std::int64_t firedAt, int stepIndex = -1);

}  // namespace civicdesk::workflows
