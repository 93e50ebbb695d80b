// The computation behind every deadline (the counting rules are in Deadline.hpp) and its
// explanation, line by line, in the words staff and citizens read.
#include <algorithm>

#include "workflows/calendar/CalendarExplain.hpp"
#include "workflows/calendar/DateMath.hpp"
#include "workflows/calendar/WorkingDayCalendar.hpp"
#include "workflows/deadlines/Deadline.hpp"

namespace civicdesk::workflows {
namespace {

DeadlineError calendarError(const CalendarError& error) {
  return {DeadlineError::Code::Calendar, error.message};
}

void mergeYears(std::vector<int>& into, const std::vector<int>& years) {
  for (const int year : years) {
    if (std::find(into.begin(), into.end(), year) == into.end()) into.push_back(year);
  }
  std::sort(into.begin(), into.end());
}

std::string header(const DeadlineRule& rule, std::int64_t triggerAt) {
  const std::string article = rule.article.empty() ? "" : " " + rule.article;
  return rule.title + "期限（" + rule.basis + article + "；规则 " + rule.id() + "）：" +
         describe(rule.period) + "，自" + rule.trigger + "之日起算；" + rule.trigger + "于" +
         shanghaiDateTime(triggerAt) + "（北京时间）。";
}

std::string extensionLine(const DeadlineRule& rule, const Extension& extension) {
  return "延长" + std::to_string(extension.units) + std::string(unitWord(rule.period.unit)) + "：" +
         extension.approver + "于" + shanghaiDateTime(extension.approvedAt) + "批准（" +
         rule.extension.approval + "），理由：" + extension.reason + "。";
}

std::string pauseLine(const Pause& pause, PeriodUnit unit, const CivilDate& p1, const CivilDate& p2,
                      int units) {
  std::string line = "计时中止：" + shanghaiDateTime(pause.startAt) + "至" +
                     shanghaiDateTime(*pause.endAt) + "（" + pause.reason + "）：";
  const std::string word(unitWord(unit));
  if (units == 0) return line + "中止期间没有应计入的" + word + "，期限不变。";
  const CivilDate first = plusDays(p1, 1);
  const std::string days = first == p2 ? formatDate(p2) : formatDate(first) + "至" + formatDate(p2);
  return line + "中止次日至恢复之日（" + days + "）不计入，其间" + std::to_string(units) + word +
         "，期限相应顺延。";
}

}  // namespace

bool DeadlineSchedule::sameOutcome(const DeadlineSchedule& other) const {
  return due == other.due && dueAt == other.dueAt && provisional == other.provisional &&
         assumedYears == other.assumedYears && suspended == other.suspended &&
         totalUnits == other.totalUnits;
}

std::string Recomputation::summary() const {
  const auto show = [](const DeadlineSchedule& s) {
    return formatDate(s.due) + (s.provisional ? "（暂定）" : "");
  };
  if (dueChanged()) return "届满日由" + show(before) + "改为" + show(after) + "。";
  if (provisionalChanged()) {
    return "届满日仍为" + formatDate(after.due) +
           (after.provisional ? "，现为暂定。" : "，已不再是暂定（相关年份的放假安排已载入）。");
  }
  return "届满日未变：" + show(after) + "。";
}

Expected<DeadlineSchedule, DeadlineError> computeSchedule(const DeadlineRule& rule,
                                                          std::int64_t triggerAt,
                                                          const std::vector<Pause>& pauses,
                                                          const std::vector<Extension>& extensions,
                                                          const WorkingDayCalendar& calendar) {
  const CivilDate start = shanghaiDate(triggerAt);
  const PeriodUnit unit = rule.period.unit;
  DeadlineSchedule schedule;
  std::vector<std::string> lines{header(rule, triggerAt)};
  int extended = 0;
  for (const auto& extension : extensions) {
    extended += extension.units;
    lines.push_back(extensionLine(rule, extension));
  }
  int paused = 0;
  const auto dueAfter = [&](int units) { return addPeriod(calendar, start, Period{units, unit}); };
  auto due = dueAfter(rule.period.count + extended);
  if (!due) return unexpected(calendarError(due.error()));
  mergeYears(schedule.assumedYears, due->assumedYears);
  for (const auto& pause : pauses) {
    const CivilDate p1 = shanghaiDate(pause.startAt);
    if (!pause.endAt) {
      schedule.suspended = true;
      lines.push_back("计时中止：自" + shanghaiDateTime(pause.startAt) + "起（" + pause.reason +
                      "），尚未恢复；恢复后，中止次日至恢复之日不计入，期限相应顺延。");
      break;
    }
    if (p1 > due->value) {
      lines.push_back("计时中止：" + shanghaiDateTime(pause.startAt) + "起（" + pause.reason +
                      "）：中止时期限已届满，不予扣除。");
      continue;
    }
    const CivilDate p2 = shanghaiDate(*pause.endAt);
    const auto units = unitsBetween(calendar, unit, p1, p2);
    if (!units) return unexpected(calendarError(units.error()));
    mergeYears(schedule.assumedYears, units->assumedYears);
    paused += units->value;
    lines.push_back(pauseLine(pause, unit, p1, p2, units->value));
    due = dueAfter(rule.period.count + extended + paused);
    if (!due) return unexpected(calendarError(due.error()));
    mergeYears(schedule.assumedYears, due->assumedYears);
  }
  schedule.totalUnits = rule.period.count + extended + paused;
  if (extended > 0 || paused > 0) {
    const std::string word(unitWord(unit));
    lines.push_back("合计：" + describe(rule.period) +
                    (extended ? " + 延长" + std::to_string(extended) + word : "") +
                    (paused ? " + 中止顺延" + std::to_string(paused) + word : "") + " = " +
                    std::to_string(schedule.totalUnits) + word + "。");
  }
  const auto counting = explainCounting(calendar, start, Period{schedule.totalUnits, unit});
  if (!counting) return unexpected(calendarError(counting.error()));
  lines.insert(lines.end(), counting->begin(), counting->end());
  schedule.due = due->value;
  schedule.dueAt = endOfShanghaiDay(schedule.due);
  schedule.provisional = !schedule.assumedYears.empty();
  if (schedule.provisional) lines.push_back(provisionalNote(schedule.assumedYears));
  if (schedule.suspended) lines.push_back("计时中止期间不计逾期；上列届满日为中止前的日期。");
  for (const auto& line : lines) schedule.explanation += line + "\n";
  return schedule;
}

}  // namespace civicdesk::workflows
