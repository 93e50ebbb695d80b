#pragma once
// Keeps the statutory deadlines of cases: opens them (persisted, with their reminder timers) in
// the transaction that caused them, turns due timers into staff reminders and overdue
// escalations through the outbox, and recomputes provisional deadlines when the official
// calendar of their year arrives. The rules themselves live in workflows (calendar, deadlines,
// reminders); this class only joins them to the store.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "bot/Log.hpp"
#include "dialogs/Templates.hpp"
#include "store/Store.hpp"
#include "store/Timers.hpp"
#include "workflows/UnitDirectory.hpp"
#include "workflows/calendar/WorkingDayCalendar.hpp"
#include "workflows/deadlines/Deadline.hpp"
#include "workflows/deadlines/DeadlineRules.hpp"
#include "workflows/reminders/ReminderLadder.hpp"
#include "workflows/reminders/ReminderPlan.hpp"

namespace civicdesk::bot {

// Where staff notifications go: the outbox channel of the WeCom group robots, or nowhere
// (recorded as events only) when the district has configured none.
inline constexpr std::string_view kStaffChannel = "wecom-robot";
// Per-person staff notices (WeCom application messages), where a unit names recipients.
inline constexpr std::string_view kStaffAppChannel = "wecom-app";
// Staff notices by email, to a unit's staffEmail, through the same SMTP sender as citizens'.
inline constexpr std::string_view kStaffEmailChannel = "email";

class DeadlineKeeper {
 public:
  struct Subject {
    std::int64_t caseId = 0;
    std::string caseNo;
    std::string unitId;  // the unit that must act (its staff get the reminders)
  };

  DeadlineKeeper(store::Store& store, const workflows::WorkingDayCalendar& calendar,
                 const workflows::DeadlineRules& rules, const workflows::ReminderLadders& ladders,
                 const workflows::UnitDirectory& units, const dialogs::Templates& templates,
                 Log& log, bool staffChannelEnabled, bool staffAppEnabled = false,
                 bool staffEmailEnabled = false);

  // Inside the caller's transaction: opens the deadline of `ruleId` triggered at `triggerAt`,
  // stores it and schedules its reminders. Returns its id.
  std::int64_t open(std::string_view ruleId, const Subject& subject, std::int64_t triggerAt,
                    std::int64_t now);
  // The same with the case's own period instead of the rule's (a copy of the rule, its period
  // replaced, is stored with the deadline): Art. 30's supplement period is set per request.
  std::int64_t open(std::string_view ruleId, const Subject& subject, std::int64_t triggerAt,
                    std::int64_t now, const workflows::Period& period);

  // Inside the caller's transaction: the obligation is met; its pending reminders and
  // escalations are cancelled with it.
  void meet(std::int64_t deadlineId, std::int64_t now);

  // Inside the caller's transaction: an approved extension (Art. 10) moves the due date; the
  // reminders are re-planned for it. Returns the new due date, or the rule's refusal.
  Expected<workflows::CivilDate, workflows::DeadlineError> extend(std::int64_t deadlineId,
                                                                  workflows::Extension extension,
                                                                  std::int64_t now);

  // Inside the caller's transaction: the clock stops (a third-party consultation) or runs
  // again; reminders stop while it is stopped and are re-planned when it runs. Returns the
  // due date after the change, or the rule's refusal (pausing a stopped clock...).
  Expected<workflows::CivilDate, workflows::DeadlineError> pause(std::int64_t deadlineId,
                                                                 const std::string& reason,
                                                                 std::int64_t now);
  Expected<workflows::CivilDate, workflows::DeadlineError> resume(std::int64_t deadlineId,
                                                                  std::int64_t now);

  // "2026-12-02": the last day of a stored deadline (empty for an unknown id).
  std::string dueDate(std::int64_t deadlineId);

  // The open deadline of `ruleId` on a case, if any.
  std::optional<std::int64_t> openDeadlineOf(std::int64_t caseId, std::string_view ruleId);

  // A notice to a unit's staff, on every route the directory gives the unit: its WeCom robot,
  // its WeCom application recipients, its staff mailbox; the event log when it has none.
  void notifyStaff(const std::string& unitId, const std::string& text,
                   const std::string& idempotencyKey, std::int64_t caseId, std::int64_t now);

  // What happens when a deadline of `ruleId` is overdue instead of an escalation to staff: the
  // applicant's own period ran out (Art. 30: the request is deemed withdrawn). Called inside
  // the timer pass's transaction with the deadline's case id.
  using ExpiryHook = std::function<void(std::int64_t caseId, std::int64_t now)>;
  void onExpiry(std::string ruleId, ExpiryHook hook) {
    expiryHooks_[std::move(ruleId)] = std::move(hook);
  }

  // The effect of one due timer, inside the timer pass's transaction (store::runDue).
  void fire(const store::TimerRecord& timer, std::int64_t now);

  // One timer pass: fires every timer due at `now` (at most `limit`). Own transaction.
  int runDue(std::int64_t now, int limit);

  // Recomputes every open provisional deadline against the loaded calendar; those whose date
  // or status moved are updated, re-planned and announced. Own transaction. Returns how many
  // changed.
  int recomputeProvisional(std::int64_t now);

  // The configured rules (statutory periods with the deployment's overrides).
  const workflows::DeadlineRules& rules() const { return rules_; }

 private:
  std::int64_t openRule(const workflows::DeadlineRule& rule, const Subject& subject,
                        std::int64_t triggerAt, std::int64_t now);
  Expected<workflows::CivilDate, workflows::DeadlineError> changeClock(
      std::int64_t deadlineId, std::int64_t now, const std::string& event,
      const std::string& reason,
      const std::function<Expected<workflows::DeadlineSchedule, workflows::DeadlineError>(
          workflows::Deadline&)>& change);
  void schedule(std::int64_t deadlineId, const workflows::Deadline& deadline,
                const Subject& subject, std::int64_t now);

  store::Store& store_;
  const workflows::WorkingDayCalendar& calendar_;
  const workflows::DeadlineRules& rules_;
  const workflows::ReminderLadders& ladders_;
  const workflows::UnitDirectory& units_;
  const dialogs::Templates& templates_;
  Log& log_;
  bool staffChannelEnabled_;
  bool staffAppEnabled_;
  bool staffEmailEnabled_;
  std::map<std::string, ExpiryHook, std::less<>> expiryHooks_;
};

}  // namespace civicdesk::bot
