#include "workflows/calendar/DateMath.hpp"

#include <array>
#include <charconv>

namespace civicdesk::workflows {

using namespace std::chrono;

std::optional<sys_days> toSysDays(const CivilDate& date) {
  const year_month_day ymd{year{date.year}, month{date.month}, day{date.day}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd};
}

CivilDate toCivilDate(sys_days d) {
  const year_month_day ymd{d};
  return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
          static_cast<unsigned>(ymd.day())};
}

CivilDate plusDays(const CivilDate& date, int count) {
  return toCivilDate(toSysDays(date).value() + days{count});
}

std::optional<CivilDate> parseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto number = [&](std::size_t from, std::size_t length) -> std::optional<unsigned> {
    unsigned value = 0;
    const char* first = text.data() + from;
    const auto [end, ec] = std::from_chars(first, first + length, value);
    if (ec != std::errc{} || end != first + length) return std::nullopt;
    return value;
  };
  const auto y = number(0, 4);
  const auto m = number(5, 2);
  const auto d = number(8, 2);
  if (!y || !m || !d) return std::nullopt;
  const CivilDate date{static_cast<int>(*y), *m, *d};
  if (!toSysDays(date)) return std::nullopt;
  return date;
}

bool isWeekend(sys_days d) {
  const weekday w{d};
  return w == Saturday || w == Sunday;
}

std::string_view chineseWeekday(sys_days d) {
  static constexpr std::array<std::string_view, 7> kNames{"周日", "周一", "周二", "周三",
                                                          "周四", "周五", "周六"};
  return kNames[weekday{d}.c_encoding()];
}

std::int64_t endOfShanghaiDay(const CivilDate& date) {
  const auto next = toSysDays(date).value() + days{1};
  return duration_cast<seconds>(next.time_since_epoch()).count() - kShanghaiOffsetSeconds;
}

CivilDate dueDayEndingAt(std::int64_t exclusiveEnd) {
  return shanghaiDate(exclusiveEnd - 1);
}

std::string formatDueDay(std::int64_t exclusiveEnd) {
  return formatDate(dueDayEndingAt(exclusiveEnd));
}

}  // namespace civicdesk::workflows
