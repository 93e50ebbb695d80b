#include "workflows/calendar/Period.hpp"

#include <array>
#include <charconv>
#include <chrono>
#include <utility>

#include "workflows/calendar/DateMath.hpp"
#include "workflows/calendar/WorkingDayCalendar.hpp"

namespace civicdesk::workflows {

namespace {

// "\"5w\": <why>". Built by appending: g++ 12 at -O2 reports a false -Wrestrict on
// "literal" + std::string (GCC bug 105329).
std::string refusal(std::string_view text, std::string_view why) {
  std::string out(1, '"');
  out.append(text).append("\": ").append(why);
  return out;
}

constexpr std::string_view kExpected =
    "expected a period such as \"5wd\" (working days) or \"30d\" (days)";

}  // namespace

Expected<Period, std::string> parsePeriod(std::string_view text) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > 4) return unexpected(refusal(text, kExpected));
  int count = 0;
  std::from_chars(text.data(), text.data() + digits, count);
  if (count > Period::kMaxCount) {
    return unexpected(refusal(text, "at most " + std::to_string(Period::kMaxCount)));
  }
  static constexpr std::array<std::pair<std::string_view, PeriodUnit>, 6> kUnits{{
      {"wd", PeriodUnit::WorkingDays},
      {"个工作日", PeriodUnit::WorkingDays},
      {"工作日", PeriodUnit::WorkingDays},
      {"d", PeriodUnit::Days},
      {"日", PeriodUnit::Days},
      {"天", PeriodUnit::Days},
  }};
  const auto suffix = text.substr(digits);
  for (const auto& [word, unit] : kUnits) {
    if (suffix == word) return Period{count, unit};
  }
  return unexpected(refusal(text, kExpected));
}

std::string toString(const Period& period) {
  return std::to_string(period.count) + (period.unit == PeriodUnit::WorkingDays ? "wd" : "d");
}

std::string_view unitWord(PeriodUnit unit) {
  return unit == PeriodUnit::WorkingDays ? "个工作日" : "日";
}

std::string describe(const Period& period) {
  return std::to_string(period.count) + std::string(unitWord(period.unit));
}

Expected<CalendarResult<CivilDate>, CalendarError> addPeriod(const WorkingDayCalendar& calendar,
                                                             const CivilDate& start,
                                                             const Period& period) {
  return period.unit == PeriodUnit::WorkingDays ? calendar.addWorkingDays(start, period.count)
                                                : calendar.addDays(start, period.count);
}

Expected<CalendarResult<int>, CalendarError> unitsBetween(const WorkingDayCalendar& calendar,
                                                          PeriodUnit unit, const CivilDate& from,
                                                          const CivilDate& to) {
  if (unit == PeriodUnit::WorkingDays) return calendar.workingDaysBetween(from, to);
  // Calendar days need no calendar data, but the dates must still lie in its range.
  auto span = calendar.workingDaysBetween(from, to);
  if (!span) return span;
  span->value = static_cast<int>((*toSysDays(to) - *toSysDays(from)).count());
  span->provisional = false;  // a calendar day is a calendar day, whatever the notices say
  span->assumedYears.clear();
  return span;
}

}  // namespace civicdesk::workflows
