#pragma once
// A period of the rules: "5wd" (working days, 工作日) or "30d" (calendar days, 日, the last day
// moved to the next working day when it is not one). RULES.md "Deadlines: how they are counted".
#include <compare>
#include <string>
#include <string_view>

#include "util/Expected.hpp"
#include "workflows/LocalTime.hpp"
#include "workflows/calendar/CalendarTypes.hpp"

namespace civicdesk::workflows {

class WorkingDayCalendar;

enum class PeriodUnit { WorkingDays, Days };

struct Period {
  static constexpr int kMaxCount = 3660;  // ten years: past it a period is a typo

  int count = 0;
  PeriodUnit unit = PeriodUnit::WorkingDays;
  auto operator<=>(const Period&) const = default;
};

// "5wd", "30d"; also what staff type: "5个工作日", "5工作日", "30日", "30天". Digits only, no
// sign, 0..kMaxCount. The error says what was expected.
Expected<Period, std::string> parsePeriod(std::string_view text);
std::string toString(const Period& period);  // "5wd", "30d": what parsePeriod reads
std::string describe(const Period& period);  // "5个工作日", "30日": what people read
// "个工作日" / "日": the word after a number of units.
std::string_view unitWord(PeriodUnit unit);

// The due date `period` after `start` (start itself not counted), by the period's counting mode.
Expected<CalendarResult<CivilDate>, CalendarError> addPeriod(const WorkingDayCalendar& calendar,
                                                             const CivilDate& start,
                                                             const Period& period);
// The units of `unit` in (from, to]: working days, or calendar days. Used for pauses.
Expected<CalendarResult<int>, CalendarError> unitsBetween(const WorkingDayCalendar& calendar,
                                                          PeriodUnit unit, const CivilDate& from,
                                                          const CivilDate& to);

}  // namespace civicdesk::workflows
