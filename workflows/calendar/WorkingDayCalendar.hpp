#pragma once
// Working-day arithmetic on China's official calendar (RULES.md "Deadlines: how they are
// counted"): weekends and statutory holidays are rest days, make-up working days (调休上班) are
// working days. Built once from the calendar file, then read-only and safe to share between
// threads; every query is O(1) (prefix counts of working days per day index), never a walk.
//
// Range: from 1 January of the first year in the file to 31 December of the last complete year
// plus kProvisionalHorizonYears. Before it is an error (never a guess); past it is an error too.
// A day is settled when its year's notice is loaded and, from 25 December on, the next year's
// notice is loaded as well: a notice can rearrange the last days of the year before (the 2019
// notice made 2018-12-29 a working day and 2018-12-31 a holiday). A result resting on a day that
// is not settled was computed on weekends alone and is provisional.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "util/Expected.hpp"
#include "workflows/LocalTime.hpp"
#include "workflows/calendar/CalendarFile.hpp"
#include "workflows/calendar/CalendarTypes.hpp"

namespace civicdesk::workflows {

class WorkingDayCalendar {
 public:
  static constexpr int kProvisionalHorizonYears = 2;
  static constexpr unsigned kYearEndWindowFirstDay = 25;  // of December; see above

  // Validates (parseCalendarFacts) and indexes; the error names the refused entry.
  static Expected<WorkingDayCalendar, std::string> fromJson(const nlohmann::json& document);
  // Reads the calendar file (the `calendar.file` setting); throws std::runtime_error naming the
  // path and the reason when it is unreadable or refused, so the service does not start on it.
  static WorkingDayCalendar load(const std::string& path);

  // Years whose official arrangement is loaded, ascending.
  const std::vector<int>& completeYears() const { return completeYears_; }
  bool covers(int year) const;
  CivilDate firstDate() const;
  CivilDate lastDate() const;  // the last date any query may touch
  const std::string& source() const { return source_; }
  const std::string& license() const { return license_; }

  Expected<CalendarResult<bool>, CalendarError> isWorkingDay(const CivilDate& date) const;
  Expected<CalendarResult<DayInfo>, CalendarError> dayInfo(const CivilDate& date) const;
  // The nth working day after `date`; `date` itself is never counted, whatever it is. n >= 0;
  // n == 0 gives `date`.
  Expected<CalendarResult<CivilDate>, CalendarError> addWorkingDays(const CivilDate& date,
                                                                    int n) const;
  // date + n calendar days; if that day is not a working day, the next working day. n >= 0.
  Expected<CalendarResult<CivilDate>, CalendarError> addDays(const CivilDate& date, int n) const;
  // The number of working days in (a, b]; negative (minus those in (b, a]) when b < a.
  Expected<CalendarResult<int>, CalendarError> workingDaysBetween(const CivilDate& a,
                                                                  const CivilDate& b) const;

 private:
  struct AssumedSpan {  // days (indices, inclusive) that wait for the notice of `year`
    int first = 0;
    int last = 0;
    int year = 0;
  };

  explicit WorkingDayCalendar(const CalendarFacts& facts);
  Expected<int, CalendarError> indexOf(const CivilDate& date) const;
  CivilDate dateAt(int index) const;
  // Marks a result provisional when any day in [first, last] is not settled.
  template <class T>
  CalendarResult<T> result(T value, int first, int last) const;

  std::chrono::sys_days firstDay_{};
  std::vector<std::uint8_t> kind_;        // DayKind per day index
  std::vector<std::uint32_t> nameIndex_;  // per day index, into names_ (0: no name)
  std::vector<std::string> names_;
  std::vector<std::int32_t> workedThrough_;  // working days in [0, i]
  std::vector<std::int32_t> workingDays_;    // day index of the (k+1)th working day
  std::vector<AssumedSpan> assumedSpans_;
  std::vector<int> completeYears_;
  std::string source_;
  std::string license_;
};

}  // namespace civicdesk::workflows
