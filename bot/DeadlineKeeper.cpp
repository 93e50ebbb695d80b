#include "bot/DeadlineKeeper.hpp"

#include <map>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "store/Deadlines.hpp"
#include "store/EventLog.hpp"
#include "store/Outbox.hpp"
#include "util/Utf8.hpp"
#include "workflows/LocalTime.hpp"
#include "workflows/calendar/DateMath.hpp"

namespace civicdesk::bot {

using nlohmann::json;
using workflows::Deadline;

namespace {

// A stored deadline is the Deadline's own JSON plus whom it concerns.
json body(const Deadline& deadline, const DeadlineKeeper::Subject& subject) {
  return json{{"deadline", deadline.toJson()},
              {"subject", {{"case_no", subject.caseNo}, {"unit_id", subject.unitId}}}};
}

struct Stored {
  Deadline deadline;
  DeadlineKeeper::Subject subject;
};

Stored readBody(const store::DeadlineRecord& record) {
  const json document = json::parse(record.bodyJson);
  auto deadline = Deadline::fromJson(document.at("deadline"));
  if (!deadline) {
    throw std::runtime_error("stored deadline " + std::to_string(record.id) +
                             " is unreadable: " + deadline.error());
  }
  DeadlineKeeper::Subject subject;
  subject.caseId = record.caseId.value_or(0);
  subject.caseNo = document.at("subject").at("case_no").get<std::string>();
  subject.unitId = document.at("subject").at("unit_id").get<std::string>();
  return {std::move(deadline).value(), std::move(subject)};
}

std::string articleOf(const workflows::DeadlineRule& rule) {
  return rule.article.empty() ? rule.basis : rule.basis + " " + rule.article;
}

}  // namespace

DeadlineKeeper::DeadlineKeeper(store::Store& store, const workflows::WorkingDayCalendar& calendar,
                               const workflows::DeadlineRules& rules,
                               const workflows::ReminderLadders& ladders,
                               const workflows::UnitDirectory& units,
                               const dialogs::Templates& templates, Log& log,
                               bool staffChannelEnabled, bool staffAppEnabled,
                               bool staffEmailEnabled)
    : store_(store),
      calendar_(calendar),
      rules_(rules),
      ladders_(ladders),
      units_(units),
      templates_(templates),
      log_(log),
      staffChannelEnabled_(staffChannelEnabled),
      staffAppEnabled_(staffAppEnabled),
      staffEmailEnabled_(staffEmailEnabled) {}

std::int64_t DeadlineKeeper::open(std::string_view ruleId, const Subject& subject,
                                  std::int64_t triggerAt, std::int64_t now) {
  return openRule(rules_.at(ruleId), subject, triggerAt, now);
}

std::int64_t DeadlineKeeper::open(std::string_view ruleId, const Subject& subject,
                                  std::int64_t triggerAt, std::int64_t now,
                                  const workflows::Period& period) {
  workflows::DeadlineRule rule = rules_.at(ruleId);
  rule.period = period;
  return openRule(rule, subject, triggerAt, now);
}

std::int64_t DeadlineKeeper::openRule(const workflows::DeadlineRule& rule, const Subject& subject,
                                      std::int64_t triggerAt, std::int64_t now) {
  const std::string ruleId = rule.id();
  auto deadline = Deadline::open(rule, triggerAt, calendar_);
  if (!deadline) {
    // Only a trigger outside the calendar's range gets here: a configuration problem that
    // must stop the registration rather than leave a case without its deadline.
    throw std::runtime_error("cannot open deadline " + std::string(ruleId) + ": " +
                             deadline.error().message);
  }
  store::DeadlineRecord record;
  record.caseId = subject.caseId;
  record.ruleId = std::string(ruleId);
  record.dueAt = deadline->dueAt();
  record.provisional = deadline->provisional();
  record.status = "open";
  record.bodyJson = body(*deadline, subject).dump();
  const std::int64_t id = store::Deadlines(store_).insert(record, now);
  schedule(id, *deadline, subject, now);
  store::EventLog(store_).append({0, subject.caseId, "deadline.opened", "system", now,
                                  json{{"deadline_id", id},
                                       {"rule", std::string(ruleId)},
                                       {"due", workflows::formatDate(deadline->due())},
                                       {"provisional", deadline->provisional()},
                                       {"explanation", deadline->explanation()}}
                                      .dump()});
  return id;
}

void DeadlineKeeper::meet(std::int64_t deadlineId, std::int64_t now) {
  store::Deadlines deadlines(store_);
  auto record = deadlines.get(deadlineId);
  if (!record || !deadlines.markMet(deadlineId, now)) return;  // already met or cancelled
  store::EventLog(store_).append(
      {0, record->caseId, "deadline.met", "system", now, json{{"deadline_id", deadlineId}}.dump()});
}

Expected<workflows::CivilDate, workflows::DeadlineError> DeadlineKeeper::extend(
    std::int64_t deadlineId, workflows::Extension extension, std::int64_t now) {
  store::Deadlines deadlines(store_);
  auto record = deadlines.get(deadlineId);
  if (!record || record->status != "open") {
    return unexpected(workflows::DeadlineError{workflows::DeadlineError::Code::Expired,
                                               "the deadline is no longer open"});
  }
  auto [deadline, subject] = readBody(*record);
  const workflows::CivilDate before = deadline.due();
  if (extension.units == 0) extension.units = deadline.rule().extension.maxUnits;
  auto extended = deadline.extend(extension, calendar_);
  if (!extended) return unexpected(extended.error());
  deadlines.update(deadlineId, deadline.dueAt(), deadline.provisional(),
                   body(deadline, subject).dump(), now);
  store::Timers(store_).cancelForDeadline(deadlineId);
  schedule(deadlineId, deadline, subject, now);
  store::EventLog(store_).append({0, subject.caseId, "deadline.extended", extension.approver, now,
                                  json{{"deadline_id", deadlineId},
                                       {"from", workflows::formatDate(before)},
                                       {"to", workflows::formatDate(deadline.due())},
                                       {"approver", extension.approver},
                                       {"reason", extension.reason}}
                                      .dump()});
  return deadline.due();
}

Expected<workflows::CivilDate, workflows::DeadlineError> DeadlineKeeper::pause(
    std::int64_t deadlineId, const std::string& reason, std::int64_t now) {
  return changeClock(deadlineId, now, "deadline.paused", reason,
                     [&](workflows::Deadline& d) { return d.pause(now, reason, calendar_); });
}

Expected<workflows::CivilDate, workflows::DeadlineError> DeadlineKeeper::resume(
    std::int64_t deadlineId, std::int64_t now) {
  return changeClock(deadlineId, now, "deadline.resumed", "",
                     [&](workflows::Deadline& d) { return d.resume(now, calendar_); });
}

Expected<workflows::CivilDate, workflows::DeadlineError> DeadlineKeeper::changeClock(
    std::int64_t deadlineId, std::int64_t now, const std::string& event, const std::string& reason,
    const std::function<Expected<workflows::DeadlineSchedule, workflows::DeadlineError>(
        workflows::Deadline&)>& change) {
  store::Deadlines deadlines(store_);
  auto record = deadlines.get(deadlineId);
  if (!record || record->status != "open") {
    return unexpected(workflows::DeadlineError{workflows::DeadlineError::Code::Expired,
                                               "the deadline is no longer open"});
  }
  auto [deadline, subject] = readBody(*record);
  auto changed = change(deadline);
  if (!changed) return unexpected(changed.error());
  deadlines.update(deadlineId, deadline.dueAt(), deadline.provisional(),
                   body(deadline, subject).dump(), now);
  // Stopped: no reminder may fire; running again: the reminders of the new due date.
  store::Timers(store_).cancelForDeadline(deadlineId);
  if (!deadline.suspended()) schedule(deadlineId, deadline, subject, now);
  store::EventLog(store_).append({0, subject.caseId, event, "system", now,
                                  json{{"deadline_id", deadlineId},
                                       {"due", workflows::formatDate(deadline.due())},
                                       {"reason", reason}}
                                      .dump()});
  return deadline.due();
}

std::string DeadlineKeeper::dueDate(std::int64_t deadlineId) {
  auto record = store::Deadlines(store_).get(deadlineId);
  // due_at is the first overdue second (00:00 the next day); the due day is the one before.
  return record ? workflows::formatDueDay(record->dueAt) : "";
}

std::optional<std::int64_t> DeadlineKeeper::openDeadlineOf(std::int64_t caseId,
                                                           std::string_view ruleId) {
  for (const auto& record : store::Deadlines(store_).openForCase(caseId)) {
    if (record.ruleId == ruleId) return record.id;
  }
  return std::nullopt;
}

void DeadlineKeeper::schedule(std::int64_t deadlineId, const Deadline& deadline,
                              const Subject& subject, std::int64_t now) {
  const auto& ladder = ladders_.forRule(deadline.rule().id());
  auto plan = workflows::planReminders(deadline, deadlineId, ladder, calendar_, now);
  if (!plan) {
    log_.warn("deadline.reminders_unplanned",
              {{"deadline_id", std::to_string(deadlineId)}, {"reason", std::string(plan.error())}});
    return;
  }
  store::Timers timers(store_);
  for (const auto& reminder : *plan) {
    store::TimerRecord timer;
    timer.kind = reminder.kind;
    timer.deadlineId = deadlineId;
    timer.dueAt = reminder.at;
    timer.status = "pending";
    timer.idempotencyKey = reminder.key;
    json payload = json::object();
    payload["audience"] = reminder.audience;
    payload["step"] = reminder.stepIndex;
    payload["case_no"] = subject.caseNo;
    timer.payloadJson = payload.dump();
    timers.schedule(timer, now);
  }
}

void DeadlineKeeper::fire(const store::TimerRecord& timer, std::int64_t now) {
  if (!timer.deadlineId) return;
  auto record = store::Deadlines(store_).get(*timer.deadlineId);
  if (!record || record->status != "open") return;  // met or cancelled: reminders stop
  auto [deadline, subject] = readBody(*record);
  const json payload = json::parse(timer.payloadJson);
  const std::string audience = payload.at("audience").get<std::string>();
  const auto& rule = deadline.rule();
  if (auto hook = expiryHooks_.find(rule.id());
      hook != expiryHooks_.end() && timer.kind == "escalation.overdue") {
    // Not a task overdue but a period that ran out: the hook decides what follows (and meets
    // or cancels the deadline, so nothing escalates again).
    hook->second(subject.caseId, now);
    return;
  }
  const auto today = workflows::shanghaiDate(now);

  std::map<std::string, std::string> values{{"case_no", subject.caseNo},
                                            {"title", rule.title},
                                            {"article", articleOf(rule)},
                                            {"due", workflows::formatDate(deadline.due())}};
  std::string templateKey;
  if (timer.kind == "reminder.before") {
    templateKey = "staff.reminder.before";
    auto left = calendar_.workingDaysBetween(today, deadline.due());
    values["days"] = left ? std::to_string(left->value) : "?";
  } else if (timer.kind == "reminder.due_day") {
    templateKey = "staff.reminder.due_day";
  } else {
    templateKey = "staff.escalation.overdue";
    auto late = calendar_.workingDaysBetween(deadline.due(), today);
    values["overdue_days"] = late ? std::to_string(late->value) : "?";
    values["unit"] = units_.nameOf(subject.unitId);
  }
  if (deadline.provisional()) values["due"] += "（暂定）";

  const std::string target =
      audience == "leading_group_office" ? units_.leadingGroupOffice().id : subject.unitId;
  notifyStaff(target, templates_.render(templateKey, values), "timer:" + std::to_string(timer.id),
              subject.caseId, now);
  store::EventLog(store_).append(
      {0, subject.caseId,
       timer.kind == "escalation.overdue" ? "deadline.escalated" : "deadline.reminded", "system",
       now, json{{"deadline_id", record->id}, {"timer", timer.kind}, {"unit", target}}.dump()});

  if (timer.kind == "escalation.overdue") {
    // Every working day until the obligation is met: schedule tomorrow's, counted from now,
    // so a service that was down does not fire a burst of stale escalations.
    const auto& steps = ladders_.forRule(rule.id()).steps;
    const auto index = payload.value("step", 0);
    if (index >= 0 && static_cast<std::size_t>(index) < steps.size()) {
      auto next = workflows::nextEscalation(
          deadline, record->id, steps[static_cast<std::size_t>(index)], calendar_, now, index);
      if (next) {
        store::TimerRecord again;
        again.kind = next->kind;
        again.deadlineId = record->id;
        again.dueAt = next->at;
        again.status = "pending";
        again.idempotencyKey = next->key;
        again.payloadJson = timer.payloadJson;
        store::Timers(store_).schedule(again, now);
      }
    }
  }
}

void DeadlineKeeper::notifyStaff(const std::string& unitId, const std::string& text,
                                 const std::string& idempotencyKey, std::int64_t caseId,
                                 std::int64_t now) {
  const auto* unit = units_.find(unitId);
  int routed = 0;
  auto enqueue = [&](std::string_view channel, const std::string& recipient,
                     const std::string& keySuffix, std::string headersJson) {
    store::OutboxItem item;
    item.channel = std::string(channel);
    item.recipient = recipient;
    item.text = text;
    item.idempotencyKey = idempotencyKey + keySuffix;
    item.caseId = caseId;
    item.headersJson = std::move(headersJson);
    store::Outbox(store_).enqueue(item, now);
    ++routed;
  };
  if (unit != nullptr && staffEmailEnabled_ && !unit->staffEmail.empty()) {
    // The notice's first sentence is the subject: "【待审批】投诉案件 TS-… 申请延长…".
    enqueue(kStaffEmailChannel, unit->staffEmail, ":email",
            json{{"subject", utf8::truncate(text.substr(0, text.find("。")), 60)}}.dump());
  }
  if (unit != nullptr && staffAppEnabled_ && !unit->wecomAppTo.empty()) {
    // The unit's named people get it in person as well as (or instead of) the group.
    enqueue(kStaffAppChannel, unit->wecomAppTo, ":app", "{}");
  }
  if (unit != nullptr && staffChannelEnabled_ && !unit->wecomRobotKey.empty()) {
    enqueue(kStaffChannel, unit->wecomRobotKey, "", "{}");  // the key unchanged: the first route
  }
  if (routed == 0) {
    // No route for this unit: the notice stays in the event log, where the leading-group
    // office's overview reads it, and the log says why it went nowhere else.
    store::EventLog(store_).append({0, caseId, "staff.notice.unrouted", "system", now,
                                    json{{"unit", unitId}, {"text", text}}.dump()});
    log_.warn("staff.notice_unrouted", {{"unit", unitId}, {"key", idempotencyKey}});
  }
}

int DeadlineKeeper::runDue(std::int64_t now, int limit) {
  return store::runDue(store_, now, limit,
                       [this, now](const store::TimerRecord& timer) { fire(timer, now); });
}

int DeadlineKeeper::recomputeProvisional(std::int64_t now) {
  store::Transaction tx(store_);
  store::Deadlines deadlines(store_);
  int changed = 0;
  for (const auto& record : deadlines.openProvisional()) {
    auto [deadline, subject] = readBody(record);
    auto result = deadline.recompute(calendar_);
    if (!result) {
      log_.error("deadline.recompute_failed",
                 {{"deadline_id", std::to_string(record.id)}, {"error", result.error().message}});
      continue;
    }
    if (!result->changed()) continue;
    ++changed;
    deadlines.update(record.id, deadline.dueAt(), deadline.provisional(),
                     body(deadline, subject).dump(), now);
    // The old reminders were planned for the old date; plan afresh (keys carry the date).
    store::Timers(store_).cancelForDeadline(record.id);
    schedule(record.id, deadline, subject, now);
    const std::string reason = "载入了新的官方放假安排（" + calendar_.source() + "）";
    store::EventLog(store_).append({0, subject.caseId, "deadline.recomputed", "system", now,
                                    json{{"deadline_id", record.id},
                                         {"summary", result->summary()},
                                         {"reason", reason},
                                         {"due", workflows::formatDate(deadline.due())},
                                         {"provisional", deadline.provisional()}}
                                        .dump()});
    if (result->dueChanged()) {
      notifyStaff(
          subject.unitId,
          templates_.render("staff.deadline.recomputed", {{"case_no", subject.caseNo},
                                                          {"title", deadline.rule().title},
                                                          {"summary", result->summary()},
                                                          {"reason", reason}}),
          "recomputed:" + std::to_string(record.id) + ":" + workflows::formatDate(deadline.due()),
          subject.caseId, now);
    }
  }
  tx.commit();
  return changed;
}

}  // namespace civicdesk::bot
