#pragma once
// The calendar data file (config/calendar/cn-holidays.json, built by scripts/build-calendar;
// format in config/calendar/README.md), read into plain facts and validated. Nothing here
// computes: WorkingDayCalendar indexes the facts.
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "util/Expected.hpp"
#include "workflows/LocalTime.hpp"

namespace civicdesk::workflows {

struct ListedDay {
  CivilDate date;
  bool off = true;   // true: holiday or arranged rest day; false: make-up working day
  std::string name;  // "国庆节"; may be empty
};

struct CalendarYearFacts {
  int year = 0;
  // The State Council notice for the year is loaded. An incomplete year lists no days: it is
  // computed on weekends alone and every result touching it is provisional.
  bool complete = false;
  std::vector<ListedDay> days;  // ascending by date, each in `year`
  std::vector<std::string> papers;
};

struct CalendarFacts {
  std::string source;
  std::string license;
  std::vector<CalendarYearFacts> years;  // ascending and contiguous; at least one complete
};

// Refuses, naming the entry: a malformed or non-existent date, a date outside its year, a date
// listed twice or both off and work, an incomplete year that lists days, a complete year with no
// day off, a gap between years, no complete year, unknown keys (a misspelt key must not be
// silently ignored in a file that decides legal deadlines).
Expected<CalendarFacts, std::string> parseCalendarFacts(const nlohmann::json& document);

}  // namespace civicdesk::workflows
