#pragma once
// What the calendar, deadline and reminder tests share: the holiday calendar the service
// ships, and times of day in Asia/Shanghai.
#include <cstdint>
#include <string>

#include "workflows/calendar/DateMath.hpp"
#include "workflows/calendar/WorkingDayCalendar.hpp"

namespace civicdesk::workflows::test {

inline std::string shippedCalendarPath() {
  return std::string(CIVICDESK_SOURCE_DIR) + "/config/calendar/cn-holidays.json";
}

// config/calendar/cn-holidays.json, loaded once per test binary.
inline const WorkingDayCalendar& shipped() {
  static const WorkingDayCalendar calendar = WorkingDayCalendar::load(shippedCalendarPath());
  return calendar;
}

// Unix seconds of hh:mm on `date` in Asia/Shanghai.
inline std::int64_t shanghai(CivilDate date, int hour, int minute = 0) {
  return endOfShanghaiDay(date) - 86400 + hour * 3600 + minute * 60;
}

}  // namespace civicdesk::workflows::test
