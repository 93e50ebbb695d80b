// Changes to a deadline: each is checked against its rule, recomputed, then applied.
#include "workflows/deadlines/Deadline.hpp"

#include <algorithm>

#include "workflows/calendar/WorkingDayCalendar.hpp"

namespace civicdesk::workflows {
namespace {

DeadlineError error(DeadlineError::Code code, std::string message) {
  return {code, std::move(message)};
}

bool blank(const std::string& text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

}  // namespace

Expected<Deadline, DeadlineError> Deadline::open(DeadlineRule rule, std::int64_t triggerAt,
                                                 const WorkingDayCalendar& calendar) {
  Deadline deadline(std::move(rule), triggerAt);
  auto schedule = computeSchedule(deadline.rule_, triggerAt, {}, {}, calendar);
  if (!schedule) return unexpected(schedule.error());
  deadline.schedule_ = std::move(*schedule);
  return deadline;
}

Expected<DeadlineSchedule, DeadlineError> Deadline::pause(std::int64_t at, std::string reason,
                                                          const WorkingDayCalendar& calendar) {
  using Code = DeadlineError::Code;
  if (at < triggerAt_) {
    return unexpected(error(Code::InvalidTime, "the clock cannot stop before the trigger (" +
                                                   shanghaiDateTime(triggerAt_) + ")"));
  }
  if (!pauses_.empty() && !pauses_.back().endAt) {
    return unexpected(error(Code::InvalidPause, "the clock is already stopped since " +
                                                    shanghaiDateTime(pauses_.back().startAt)));
  }
  if (!pauses_.empty() && at < *pauses_.back().endAt) {
    return unexpected(error(Code::InvalidTime, "a pause cannot begin before the last resume (" +
                                                   shanghaiDateTime(*pauses_.back().endAt) + ")"));
  }
  if (blank(reason)) {
    return unexpected(error(Code::InvalidPause, "a pause needs the reason that stops the clock"));
  }
  if (at >= schedule_.dueAt) {
    return unexpected(error(Code::Expired, "the deadline ran out at 24:00 of " +
                                               formatDate(schedule_.due) +
                                               "; a clock that ran out cannot be stopped"));
  }
  auto pauses = pauses_;
  pauses.push_back({at, std::nullopt, std::move(reason)});
  auto schedule = computeSchedule(rule_, triggerAt_, pauses, extensions_, calendar);
  if (!schedule) return unexpected(schedule.error());
  pauses_ = std::move(pauses);
  schedule_ = std::move(*schedule);
  return schedule_;
}

Expected<DeadlineSchedule, DeadlineError> Deadline::resume(std::int64_t at,
                                                           const WorkingDayCalendar& calendar) {
  using Code = DeadlineError::Code;
  if (pauses_.empty() || pauses_.back().endAt) {
    return unexpected(
        error(Code::InvalidPause, "the clock is running; there is nothing to resume"));
  }
  if (at < pauses_.back().startAt) {
    return unexpected(error(Code::InvalidTime, "the clock cannot resume before it stopped (" +
                                                   shanghaiDateTime(pauses_.back().startAt) + ")"));
  }
  auto pauses = pauses_;
  pauses.back().endAt = at;
  auto schedule = computeSchedule(rule_, triggerAt_, pauses, extensions_, calendar);
  if (!schedule) return unexpected(schedule.error());
  pauses_ = std::move(pauses);
  schedule_ = std::move(*schedule);
  return schedule_;
}

Expected<DeadlineSchedule, DeadlineError> Deadline::extend(Extension extension,
                                                           const WorkingDayCalendar& calendar) {
  using Code = DeadlineError::Code;
  const auto& policy = rule_.extension;
  const std::string rule = rule_.id() + (rule_.article.empty() ? "" : " (" + rule_.article + ")");
  const std::string word(unitWord(rule_.period.unit));
  if (policy.maxExtensions == 0) {
    return unexpected(error(Code::NotExtendable, rule + " allows no extension"));
  }
  if (static_cast<int>(extensions_.size()) >= policy.maxExtensions) {
    return unexpected(error(Code::ExtensionLimit,
                            rule + " allows at most " + std::to_string(policy.maxExtensions) +
                                " extension(s) of " + std::to_string(policy.maxUnits) + word +
                                "; already extended by " + extensions_.back().approver + " on " +
                                shanghaiDateTime(extensions_.back().approvedAt)));
  }
  if (blank(extension.approver)) {
    return unexpected(error(
        Code::NoApprover, rule + ": an extension needs who approved it (" + policy.approval + ")"));
  }
  if (blank(extension.reason)) {
    return unexpected(error(Code::NoApprover, rule + ": an extension needs its reason"));
  }
  if (extension.units <= 0 || extension.units > policy.maxUnits) {
    return unexpected(error(Code::ExtensionUnits, rule + ": an extension gives 1 to " +
                                                      std::to_string(policy.maxUnits) + word +
                                                      ", not " + std::to_string(extension.units)));
  }
  if (extension.approvedAt < triggerAt_) {
    return unexpected(
        error(Code::InvalidTime, "an extension cannot be approved before the trigger"));
  }
  if (!schedule_.suspended && extension.approvedAt >= schedule_.dueAt) {
    return unexpected(error(Code::Expired, "the deadline ran out at 24:00 of " +
                                               formatDate(schedule_.due) +
                                               "; an extension must be approved before that"));
  }
  auto extensions = extensions_;
  extensions.push_back(std::move(extension));
  auto schedule = computeSchedule(rule_, triggerAt_, pauses_, extensions, calendar);
  if (!schedule) return unexpected(schedule.error());
  extensions_ = std::move(extensions);
  schedule_ = std::move(*schedule);
  return schedule_;
}

Expected<Recomputation, DeadlineError> Deadline::recompute(const WorkingDayCalendar& calendar) {
  auto schedule = computeSchedule(rule_, triggerAt_, pauses_, extensions_, calendar);
  if (!schedule) return unexpected(schedule.error());
  Recomputation change{schedule_, *schedule};
  schedule_ = std::move(*schedule);
  return change;
}

}  // namespace civicdesk::workflows
