#pragma once
// A deadline of RULES.md: its rule, the trigger instant, pauses of the clock, approved
// extensions, and the schedule computed from them on the working-day calendar, with the
// explanation of how the due date was reached.
//
// Counting (RULES.md "Deadlines: how they are counted"):
// - The trigger day (the Asia/Shanghai date of the trigger instant) is day 0 and never counted,
//   whatever day it is: a message received on a Saturday counts from that Saturday.
// - Units are the rule's: working days, or calendar days with the last day moved to the next
//   working day. The deadline ends at 24:00 Asia/Shanghai of the due day: dueAt is 00:00 +08:00
//   of the next day, the first instant at which it is overdue.
// - An approved extension lengthens the period: total = period + extensions (+ paused units),
//   always counted from the trigger day, so "30 days + 15 days" is the 45th day, then moved.
// - A pause stops the clock from instant S to instant R (resume). With P1 = day of S and P2 =
//   day of R, the units of (P1, P2] are not counted and are added back to the period: working
//   days in wd mode, calendar days in d mode. So the day the clock stopped still counts (it ran
//   that day), and the resume day, like a trigger day, does not. This equals restarting on P2
//   with the units not yet used. A pause and resume on the same day cost nothing. A pause that
//   begins after the due day (the clock had run out) adds nothing. While a pause is open the
//   deadline is suspended: due shows the date before the pause, and nothing is overdue.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "util/Expected.hpp"
#include "workflows/LocalTime.hpp"
#include "workflows/deadlines/DeadlineRule.hpp"

namespace civicdesk::workflows {

class WorkingDayCalendar;

struct Pause {
  std::int64_t startAt = 0;           // Unix seconds: the clock stops
  std::optional<std::int64_t> endAt;  // the clock runs again; nullopt while stopped
  std::string reason;                 // "等待申请人补正"
  bool operator==(const Pause&) const = default;
};

struct Extension {
  int units = 0;         // in the unit of the rule's period
  std::string approver;  // who approved: the agency head (Art. 10), the transferring agency
  std::int64_t approvedAt = 0;
  std::string reason;  // Art. 10: "for special reasons"; required
  bool operator==(const Extension&) const = default;
};

struct DeadlineSchedule {
  CivilDate due;
  std::int64_t dueAt = 0;  // 00:00 +08:00 after `due`: the first overdue second
  bool provisional = false;
  std::vector<int> assumedYears;  // notices not loaded that the schedule rests on
  bool suspended = false;         // a pause is open
  int totalUnits = 0;             // period + extensions + paused units
  std::string explanation;        // lines separated by '\n', Chinese, for staff and citizens
  // Same dates and flags (the explanation text may differ in wording only).
  bool sameOutcome(const DeadlineSchedule& other) const;
};

struct DeadlineError {
  enum class Code {
    Calendar,        // a date outside the calendar's range
    InvalidTime,     // an instant before the trigger, or out of order
    InvalidPause,    // pausing a stopped clock, resuming a running one
    Expired,         // pausing or extending a deadline that already ran out
    NotExtendable,   // the rule allows no extension
    ExtensionLimit,  // the rule's number of extensions is used up
    ExtensionUnits,  // more units than one extension may give, or none
    NoApprover,      // an extension without who approved it, or without a reason
  };
  Code code = Code::Calendar;
  std::string message;
};

// What a recomputation on a new calendar changed, for the notify-on-change machinery.
struct Recomputation {
  DeadlineSchedule before;
  DeadlineSchedule after;
  bool dueChanged() const { return before.due != after.due; }
  bool provisionalChanged() const { return before.provisional != after.provisional; }
  bool changed() const { return !before.sameOutcome(after); }
  // "届满日由2027-01-01（暂定）改为2027-01-04。"; "届满日未变……" when only flags changed.
  std::string summary() const;
};

class Deadline {
 public:
  static Expected<Deadline, DeadlineError> open(DeadlineRule rule, std::int64_t triggerAt,
                                                const WorkingDayCalendar& calendar);
  // Restores a stored deadline, facts and last schedule; refuses inconsistent facts.
  static Expected<Deadline, std::string> fromJson(const nlohmann::json& document);
  nlohmann::json toJson() const;

  const DeadlineRule& rule() const { return rule_; }
  std::int64_t triggerAt() const { return triggerAt_; }
  CivilDate triggerDay() const { return shanghaiDate(triggerAt_); }
  const std::vector<Pause>& pauses() const { return pauses_; }
  const std::vector<Extension>& extensions() const { return extensions_; }

  // The last computed schedule.
  const DeadlineSchedule& schedule() const { return schedule_; }
  CivilDate due() const { return schedule_.due; }
  std::int64_t dueAt() const { return schedule_.dueAt; }
  bool provisional() const { return schedule_.provisional; }
  bool suspended() const { return schedule_.suspended; }
  const std::string& explanation() const { return schedule_.explanation; }
  // Past 24:00 of the due day, and the clock not stopped.
  bool isOverdue(std::int64_t now) const { return !schedule_.suspended && now >= schedule_.dueAt; }

  // Each change is checked, recomputed on `calendar`, and applied only when both succeed.
  Expected<DeadlineSchedule, DeadlineError> pause(std::int64_t at, std::string reason,
                                                  const WorkingDayCalendar& calendar);
  Expected<DeadlineSchedule, DeadlineError> resume(std::int64_t at,
                                                   const WorkingDayCalendar& calendar);
  Expected<DeadlineSchedule, DeadlineError> extend(Extension extension,
                                                   const WorkingDayCalendar& calendar);
  // The same facts on another calendar (a newly loaded year): the new schedule replaces the
  // old one, and the result says what changed.
  Expected<Recomputation, DeadlineError> recompute(const WorkingDayCalendar& calendar);

 private:
  Deadline(DeadlineRule rule, std::int64_t triggerAt)
      : rule_(std::move(rule)), triggerAt_(triggerAt) {}

  DeadlineRule rule_;
  std::int64_t triggerAt_ = 0;
  std::vector<Pause> pauses_;          // in time order; only the last may be open
  std::vector<Extension> extensions_;  // in approval order
  DeadlineSchedule schedule_;
};

// The schedule of these facts on `calendar` (the computation behind every Deadline change).
Expected<DeadlineSchedule, DeadlineError> computeSchedule(const DeadlineRule& rule,
                                                          std::int64_t triggerAt,
                                                          const std::vector<Pause>& pauses,
                                                          const std::vector<Extension>& extensions,
                                                          const WorkingDayCalendar& calendar);

}  // namespace civicdesk::workflows
