#include "workflows/calendar/CalendarExplain.hpp"

#include "workflows/calendar/DateMath.hpp"
#include "workflows/calendar/WorkingDayCalendar.hpp"

namespace civicdesk::workflows {
namespace {

// A run of consecutive days shown as one item: "10-01至10-07（国庆节放假）".
struct Run {
  CivilDate first;
  CivilDate last;
  std::string label;  // empty: plain working days
  bool mergeable = true;
};

std::string weekdayOf(const CivilDate& date) {
  return std::string(chineseWeekday(*toSysDays(date)));
}

std::string dayLabel(const DayInfo& day) {
  switch (day.kind) {
    case DayKind::Workday:
      return "";
    case DayKind::MakeUpWorkday:
      return weekdayOf(day.date) + "，" + day.name + "调休上班";
    case DayKind::Weekend:
      return "周末";
    case DayKind::Holiday:
      return (day.name.empty() ? std::string("节假日") : day.name) + "放假";
  }
  return "";
}

void add(std::vector<Run>& runs, const DayInfo& day) {
  const std::string label = dayLabel(day);
  const bool mergeable = day.kind != DayKind::MakeUpWorkday;
  if (!runs.empty() && runs.back().mergeable && mergeable && runs.back().label == label &&
      plusDays(runs.back().last, 1) == day.date) {
    runs.back().last = day.date;
    return;
  }
  runs.push_back({day.date, day.date, label, mergeable});
}

// "09-29" within the start's year, "2025-01-02" outside it.
std::string shortDate(const CivilDate& date, int year) {
  const std::string full = formatDate(date);
  return date.year == year ? full.substr(5) : full;
}

std::string render(const std::vector<Run>& runs, int year) {
  std::string out;
  for (const auto& run : runs) {
    if (!out.empty()) out += "、";
    out += shortDate(run.first, year);
    std::string label = run.label;
    if (run.first == run.last) {
      if (label == "周末") label = weekdayOf(run.first);
    } else {
      out += "至" + shortDate(run.last, year);
    }
    if (!label.empty()) out += "（" + label + "）";
  }
  return out.empty() ? "无" : out;
}

}  // namespace

std::string describeDay(const DayInfo& day) {
  std::string label = dayLabel(day);
  if (day.kind != DayKind::MakeUpWorkday) {
    label =
        label.empty() || label == "周末" ? weekdayOf(day.date) : weekdayOf(day.date) + "，" + label;
  }
  return formatDate(day.date) + "（" + label + "）";
}

Expected<std::vector<std::string>, CalendarError> explainCounting(
    const WorkingDayCalendar& calendar, const CivilDate& start, const Period& period) {
  const auto due = addPeriod(calendar, start, period);
  if (!due) return unexpected(due.error());
  const auto startDay = calendar.dayInfo(start);
  if (!startDay) return unexpected(startDay.error());
  const auto info = [&](const CivilDate& date) { return calendar.dayInfo(date).value().value; };
  const int year = start.year;
  std::vector<std::string> lines{"自" + describeDay(startDay->value) + "起算，当日不计入，期间" +
                                 describe(period) + "。"};
  std::vector<Run> counted;
  std::vector<Run> skipped;
  if (period.unit == PeriodUnit::WorkingDays) {
    for (auto d = plusDays(start, 1); d <= due->value; d = plusDays(d, 1)) {
      const auto day = info(d);
      add(day.working() ? counted : skipped, day);
    }
    if (period.count > 0) {
      lines.push_back("计入的工作日（" + std::to_string(period.count) + "个）：" +
                      render(counted, year) + "。");
    }
    if (!skipped.empty()) lines.push_back("其间不计的休息日：" + render(skipped, year) + "。");
  } else {
    const auto last = info(plusDays(start, period.count));
    lines.push_back("第" + std::to_string(period.count) + "日为" + describeDay(last) +
                    (last.working() ? "，是工作日。" : "，不是工作日，顺延至其后第一个工作日。"));
    for (auto d = last.date; d < due->value; d = plusDays(d, 1)) add(skipped, info(d));
    if (!skipped.empty()) lines.push_back("顺延跳过：" + render(skipped, year) + "。");
  }
  lines.push_back("届满日：" + describeDay(info(due->value)) + "，当日24:00（北京时间）截止。");
  return lines;
}

std::string provisionalNote(const std::vector<int>& assumedYears) {
  if (assumedYears.empty()) return "";
  std::string years;
  for (const int y : assumedYears) years += (years.empty() ? "" : "、") + std::to_string(y);
  return "【暂定】" + years +
         "年的国务院放假安排尚未载入，所涉日期仅按周末计算；载入后将重新计算。";
}

Expected<DueExplanation, CalendarError> explainDue(const WorkingDayCalendar& calendar,
                                                   const CivilDate& start, const Period& period) {
  const auto due = addPeriod(calendar, start, period);
  if (!due) return unexpected(due.error());
  const auto lines = explainCounting(calendar, start, period);
  if (!lines) return unexpected(lines.error());
  std::string text;
  for (const auto& line : *lines) text += line + "\n";
  if (due->provisional) text += provisionalNote(due->assumedYears) + "\n";
  return DueExplanation{due->value, due->provisional, due->assumedYears, text};
}

}  // namespace civicdesk::workflows
