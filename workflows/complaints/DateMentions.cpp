#include "workflows/complaints/DateMentions.hpp"

#include <algorithm>
#include <chrono>
#include <string_view>

#include "util/Utf8.hpp"
#include "workflows/calendar/DateMath.hpp"
#include "workflows/complaints/ExtractionText.hpp"

namespace civicdesk::workflows {
namespace {

using extraction::dictatedDigit;
using extraction::matchAnyAt;
using extraction::startsWithAt;
using namespace std::chrono;

bool isAsciiDigit(char32_t c) {
  return c >= '0' && c <= '9';
}

bool isChineseNumeral(char32_t c) {
  return c == U'十' || (c > 0x7F && dictatedDigit(c).has_value());
}

struct Number {
  int value;
  std::size_t end;
  std::size_t length;  // characters read
};

// "十一" → 11, "二十" → 20, "三十一" → 31, "七" → 7, "二〇二六" → 2026 (a year read digit by
// digit); what dates need, no more.
std::optional<int> chineseNumber(std::u32string_view chars) {
  const auto ten = chars.find(U'十');
  if (ten == std::u32string_view::npos) {
    if (chars.size() != 1 && chars.size() != 4) return std::nullopt;
    int value = 0;
    for (char32_t c : chars) value = value * 10 + *dictatedDigit(c);
    return value;
  }
  const auto left = chars.substr(0, ten);
  const auto right = chars.substr(ten + 1);
  if (left.size() > 1 || right.size() > 1) return std::nullopt;
  const int tens = left.empty() ? 1 : *dictatedDigit(left[0]);
  const int units = right.empty() ? 0 : *dictatedDigit(right[0]);
  if (tens == 0) return std::nullopt;
  return tens * 10 + units;
}

// A number starting at `at` that is not the tail of a longer one.
std::optional<Number> readNumber(std::u32string_view t, std::size_t at) {
  if (at >= t.size()) return std::nullopt;
  if (isAsciiDigit(t[at])) {
    if (at > 0 && isAsciiDigit(t[at - 1])) return std::nullopt;
    std::size_t end = at;
    int value = 0;
    while (end < t.size() && isAsciiDigit(t[end])) {
      if (end - at == 4) return std::nullopt;  // longer than any year
      value = value * 10 + static_cast<int>(t[end] - '0');
      ++end;
    }
    return Number{value, end, end - at};
  }
  if (!isChineseNumeral(t[at]) || (at > 0 && isChineseNumeral(t[at - 1]))) return std::nullopt;
  std::size_t end = at;
  while (end < t.size() && isChineseNumeral(t[end]) && end - at < 4) ++end;
  if (end < t.size() && isChineseNumeral(t[end])) return std::nullopt;
  auto value = chineseNumber(t.substr(at, end - at));
  if (!value) return std::nullopt;
  return Number{*value, end, end - at};
}

std::optional<CivilDate> existing(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  const CivilDate date{year, static_cast<unsigned>(month), static_cast<unsigned>(day)};
  if (!toSysDays(date)) return std::nullopt;
  return date;
}

struct Found {
  std::optional<CivilDate> date;  // nullopt: something date-like that does not exist
  std::size_t end;
};

// "11月20日" / "十一月二十号" at `at`: month and day, and where they end.
std::optional<std::pair<std::pair<int, int>, std::size_t>> monthDay(std::u32string_view t,
                                                                    std::size_t at) {
  auto month = readNumber(t, at);
  if (!month || month->end >= t.size() || t[month->end] != U'月') return std::nullopt;
  auto day = readNumber(t, month->end + 1);
  if (!day || day->end >= t.size() || (t[day->end] != U'日' && t[day->end] != U'号')) {
    return std::nullopt;
  }
  return std::pair{std::pair{month->value, day->value}, day->end + 1};
}

// A month and day without a year: the reference's year, unless that is over a month ahead.
std::optional<CivilDate> nearestPast(const CivilDate& reference, int month, int day) {
  auto date = existing(reference.year, month, day);
  if (!date) return std::nullopt;
  if (*toSysDays(*date) > *toSysDays(reference) + days{31}) {
    return existing(reference.year - 1, month, day);
  }
  return date;
}

// "2026年11月20日", "2026-11-20", "2026/11/20", "2026.11.20".
std::optional<Found> withYear(std::u32string_view t, std::size_t at) {
  auto year = readNumber(t, at);
  if (!year || year->length != 4 || year->value < 1949 || year->value > 2100 ||
      year->end >= t.size()) {
    return std::nullopt;
  }
  const char32_t sep = t[year->end];
  if (sep == U'年') {
    auto md = monthDay(t, year->end + 1);
    if (!md) return std::nullopt;
    return Found{existing(year->value, md->first.first, md->first.second), md->second};
  }
  if (sep != '-' && sep != '/' && sep != '.') return std::nullopt;
  auto month = readNumber(t, year->end + 1);
  if (!month || month->length > 2 || month->end >= t.size() || t[month->end] != sep) {
    return std::nullopt;
  }
  auto day = readNumber(t, month->end + 1);
  if (!day || day->length > 2 || !isAsciiDigit(t[at]) || !isAsciiDigit(t[month->end + 1])) {
    return std::nullopt;
  }
  return Found{existing(year->value, month->value, day->value), day->end};
}

// 一..六 → Monday..Saturday (1..6); 日, 天, 七 → Sunday (7).
std::optional<unsigned> weekdayNumber(std::u32string_view t, std::size_t at) {
  if (at >= t.size()) return std::nullopt;
  if (t[at] == U'日' || t[at] == U'天' || t[at] == U'七') return 7;
  if (t[at] == U'两' || t[at] == U'幺' || t[at] == U'〇' || t[at] == U'零') return std::nullopt;
  auto d = dictatedDigit(t[at]);
  if (!d || *d < 1 || *d > 6 || t[at] < 0x80) return std::nullopt;
  return static_cast<unsigned>(*d);
}

sys_days mondayOf(sys_days day) {
  const unsigned iso = weekday{day}.iso_encoding();  // Monday 1 .. Sunday 7
  return day - days{iso - 1};
}

std::optional<Found> relative(std::u32string_view t, std::size_t at, const CivilDate& reference) {
  const sys_days ref = *toSysDays(reference);
  const auto at_ = [&](sys_days d, std::size_t end) { return Found{toCivilDate(d), end}; };
  // Day words, longest first ("大前天" before "前天").
  static constexpr std::pair<std::string_view, int> kDayWords[] = {
      {"大前天", -3}, {"前天", -2}, {"昨天", -1}, {"昨日", -1}, {"今天", 0}, {"今日", 0}};
  for (const auto& [word, offset] : kDayWords) {
    if (startsWithAt(t, at, word)) return at_(ref + days{offset}, at + utf8::length(word));
  }
  // Weeks.
  if (auto n = matchAnyAt(t, at, {"上个星期", "上个礼拜", "上星期", "上礼拜", "上周"})) {
    if (auto w = weekdayNumber(t, at + *n)) {
      return at_(mondayOf(ref) - days{7} + days{*w - 1}, at + *n + 1);
    }
  }
  if (auto n = matchAnyAt(t, at, {"这个星期", "这个礼拜", "这星期", "这礼拜", "这周", "本周"})) {
    if (auto w = weekdayNumber(t, at + *n)) {
      return at_(mondayOf(ref) + days{*w - 1}, at + *n + 1);
    }
  }
  if (auto n = matchAnyAt(t, at, {"星期", "礼拜", "周"})) {
    // "每周一", "下周一", "一周": not one past day.
    const bool qualified =
        at > 0 && (t[at - 1] == U'每' || t[at - 1] == U'下' || t[at - 1] == U'上' ||
                   t[at - 1] == U'这' || t[at - 1] == U'本' || isChineseNumeral(t[at - 1]));
    if (!qualified) {
      if (auto w = weekdayNumber(t, at + *n)) {
        const unsigned today = weekday{ref}.iso_encoding();
        const int back = static_cast<int>((today + 7 - *w) % 7);
        return at_(ref - days{back}, at + *n + 1);
      }
    }
  }
  // Months.
  const auto dayOfMonth = [&](std::size_t from, int monthOffset) -> std::optional<Found> {
    auto day = readNumber(t, from);
    if (!day || day->end >= t.size() || (t[day->end] != U'日' && t[day->end] != U'号')) {
      return std::nullopt;
    }
    const year_month ym =
        year_month{year{reference.year}, month{reference.month}} + months{monthOffset};
    return Found{
        existing(static_cast<int>(ym.year()), static_cast<int>(unsigned(ym.month())), day->value),
        day->end + 1};
  };
  if (auto n = matchAnyAt(t, at, {"上个月", "上月"})) return dayOfMonth(at + *n, -1);
  if (auto n = matchAnyAt(t, at, {"这个月", "本月"})) return dayOfMonth(at + *n, 0);
  // Years.
  static constexpr std::pair<std::string_view, int> kYearWords[] = {
      {"前年", -2}, {"去年", -1}, {"今年", 0}};
  for (const auto& [word, offset] : kYearWords) {
    if (!startsWithAt(t, at, word)) continue;
    if (auto md = monthDay(t, at + 2)) {
      return Found{existing(reference.year + offset, md->first.first, md->first.second),
                   md->second};
    }
  }
  if (auto md = monthDay(t, at)) {
    return Found{nearestPast(reference, md->first.first, md->first.second), md->second};
  }
  return std::nullopt;
}

}  // namespace

std::vector<CivilDate> findDateMentions(std::u32string_view text,
                                        const std::optional<CivilDate>& reference) {
  std::vector<CivilDate> dates;
  for (std::size_t at = 0; at < text.size();) {
    std::optional<Found> found = withYear(text, at);
    if (!found && reference && toSysDays(*reference)) found = relative(text, at, *reference);
    if (!found) {
      ++at;
      continue;
    }
    if (found->date && std::find(dates.begin(), dates.end(), *found->date) == dates.end()) {
      dates.push_back(*found->date);
    }
    at = std::max(found->end, at + 1);
  }
  return dates;
}

}  // namespace civicdesk::workflows
