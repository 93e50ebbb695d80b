#pragma once
// Civil-date arithmetic on std::chrono calendar types, and the date words of explanations.
// Every date here is an Asia/Shanghai calendar date (workflows/LocalTime.hpp).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "workflows/LocalTime.hpp"

namespace civicdesk::workflows {

// nullopt for a date that does not exist (2023-02-29).
std::optional<std::chrono::sys_days> toSysDays(const CivilDate& date);
CivilDate toCivilDate(std::chrono::sys_days day);
CivilDate plusDays(const CivilDate& date, int days);  // date must exist

// Strict "YYYY-MM-DD" of a date that exists; nullopt otherwise.
std::optional<CivilDate> parseIsoDate(std::string_view text);

bool isWeekend(std::chrono::sys_days day);
// "周一" .. "周日".
std::string_view chineseWeekday(std::chrono::sys_days day);

// 00:00 +08:00 of the day after `date`, as Unix seconds: the first instant a deadline whose last
// day is `date` is over (a deadline ends at 24:00 Asia/Shanghai of its due day).
std::int64_t endOfShanghaiDay(const CivilDate& date);
// The inverse: the last day of a deadline (or task) stored by its exclusive end.
CivilDate dueDayEndingAt(std::int64_t exclusiveEnd);
// The same as "2026-12-02", as staff and citizens read it.
std::string formatDueDay(std::int64_t exclusiveEnd);

}  // namespace civicdesk::workflows
