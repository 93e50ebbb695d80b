#include "workflows/calendar/CalendarFile.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "workflows/calendar/DateMath.hpp"
#include "workflows/calendar/JsonKeys.hpp"

namespace civicdesk::workflows {
namespace {

using nlohmann::json;

constexpr std::string_view kFormat = "civicdesk-calendar/1";

Expected<std::vector<CivilDate>, std::string> readDates(const json& year, const char* key,
                                                        int expectedYear,
                                                        const std::string& where) {
  std::vector<CivilDate> dates;
  if (!year.contains(key)) return dates;
  if (!year[key].is_array()) return unexpected(where + "." + key + " is not an array");
  for (const auto& item : year[key]) {
    const auto date = item.is_string() ? parseIsoDate(item.get<std::string>()) : std::nullopt;
    if (!date) {
      return unexpected(where + "." + key + ": " + item.dump() + " is not a YYYY-MM-DD date");
    }
    if (date->year != expectedYear) {
      return unexpected(where + "." + key + ": " + formatDate(*date) + " is outside its year");
    }
    dates.push_back(*date);
  }
  return dates;
}

Expected<CalendarYearFacts, std::string> readYear(int number, const json& year) {
  const std::string where = "years." + std::to_string(number);
  if (!year.is_object()) return unexpected(where + " is not an object");
  if (const auto key = unknownKey(year, {"complete", "off", "work", "names", "papers"})) {
    return unexpected(where + ": unknown key \"" + *key + "\"");
  }
  if (!year.contains("complete") || !year["complete"].is_boolean()) {
    return unexpected(where + ".complete must be true or false");
  }
  CalendarYearFacts facts{number, year["complete"].get<bool>(), {}, {}};
  auto off = readDates(year, "off", number, where);
  if (!off) return unexpected(off.error());
  auto work = readDates(year, "work", number, where);
  if (!work) return unexpected(work.error());
  std::map<CivilDate, bool> listed;  // date -> off
  for (const auto& [dates, isOff] : {std::pair{&*off, true}, std::pair{&*work, false}}) {
    for (const auto& date : *dates) {
      const auto [it, inserted] = listed.emplace(date, isOff);
      if (!inserted) {
        return unexpected(
            where + ": " + formatDate(date) +
            (it->second == isOff ? " is listed twice" : " is listed both off and work"));
      }
    }
  }
  const json names = year.value("names", json::object());
  if (!names.is_object()) return unexpected(where + ".names is not an object");
  for (const auto& [key, value] : names.items()) {
    const auto date = parseIsoDate(key);
    if (!date || !listed.contains(*date)) {
      return unexpected(where + ".names: \"" + key + "\" is not a listed date");
    }
    if (!value.is_string()) return unexpected(where + ".names." + key + " is not a string");
  }
  const json papers = year.value("papers", json::array());
  if (!papers.is_array()) return unexpected(where + ".papers is not an array");
  for (const auto& paper : papers) {
    if (!paper.is_string()) return unexpected(where + ".papers holds a non-string");
    facts.papers.push_back(paper.get<std::string>());
  }
  if (!facts.complete && !listed.empty()) {
    return unexpected(where + " is not complete but lists days: mark it complete or remove them");
  }
  if (facts.complete && off->empty()) {
    return unexpected(where + " is complete but lists no day off: every notice has holidays");
  }
  for (const auto& [date, isOff] : listed) {
    const std::string key = formatDate(date);
    facts.days.push_back({date, isOff, names.contains(key) ? names[key].get<std::string>() : ""});
  }
  return facts;
}

// Four digits within a sanity bound: a year outside it is a typo, not a calendar (and would
// size the calendar's tables by centuries).
std::optional<int> yearNumber(const std::string& key) {
  if (key.size() != 4 ||
      !std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  const int year = std::stoi(key);
  if (year < 2000 || year > 2199) return std::nullopt;
  return year;
}

}  // namespace

Expected<CalendarFacts, std::string> parseCalendarFacts(const json& document) {
  if (!document.is_object()) return unexpected(std::string("the calendar is not a JSON object"));
  if (const auto key = unknownKey(document, {"format", "source", "license", "years"})) {
    return unexpected("unknown key \"" + *key + "\"");
  }
  if (document.contains("format") && document["format"] != kFormat) {
    return unexpected("format is " + document["format"].dump() + ", expected \"" +
                      std::string(kFormat) + "\"");
  }
  if (!document.contains("source") || !document["source"].is_string()) {
    return unexpected(std::string("source (where the facts come from) must be a string"));
  }
  if (!document.contains("years") || !document["years"].is_object() || document["years"].empty()) {
    return unexpected(std::string("years must be a non-empty object"));
  }
  if (document.contains("license") && !document["license"].is_string()) {
    return unexpected(std::string("license must be a string"));
  }
  CalendarFacts facts{document["source"].get<std::string>(), document.value("license", ""), {}};
  // nlohmann::json keeps object keys sorted, and four-digit years sort as numbers.
  for (const auto& [key, value] : document["years"].items()) {
    const auto number = yearNumber(key);
    if (!number) return unexpected("years: \"" + key + "\" is not a year from 2000 to 2199");
    if (!facts.years.empty() && *number != facts.years.back().year + 1) {
      return unexpected("years: " + std::to_string(facts.years.back().year + 1) +
                        " is missing (years must be contiguous)");
    }
    auto year = readYear(*number, value);
    if (!year) return unexpected(year.error());
    facts.years.push_back(std::move(*year));
  }
  if (std::none_of(facts.years.begin(), facts.years.end(),
                   [](const CalendarYearFacts& y) { return y.complete; })) {
    return unexpected(std::string("no year is complete"));
  }
  return facts;
}

}  // namespace civicdesk::workflows
