#pragma once
// Explanations a member of staff, or a citizen checking our arithmetic, can read (Chinese, as
// staff read it): which days were counted, which were skipped and why, with the festival names
// of the calendar file. These walk the days one by one: they are for people, not hot paths.
#include <string>
#include <vector>

#include "util/Expected.hpp"
#include "workflows/calendar/CalendarTypes.hpp"
#include "workflows/calendar/Period.hpp"

namespace civicdesk::workflows {

class WorkingDayCalendar;

// "2024-09-29（周日，国庆节调休上班）", "2024-10-01（周二，国庆节放假）", "2024-09-30（周一）".
std::string describeDay(const DayInfo& day);

// The lines of counting `period` from `start` (not counted) to its due date: the counted
// working days (or the last calendar day and its move), the rest days skipped, the due date.
// The caller adds provisionalNote() for every assumption it made (a deadline also counts pauses).
Expected<std::vector<std::string>, CalendarError> explainCounting(
    const WorkingDayCalendar& calendar, const CivilDate& start, const Period& period);

// "【暂定】2027年的放假安排尚未载入……"; empty when nothing was assumed.
std::string provisionalNote(const std::vector<int>& assumedYears);

struct DueExplanation {
  CivilDate due;
  bool provisional = false;
  std::vector<int> assumedYears;
  std::string text;  // lines separated by '\n'
};

// What `civicdesk due DATE PERIOD` prints.
Expected<DueExplanation, CalendarError> explainDue(const WorkingDayCalendar& calendar,
                                                   const CivilDate& start, const Period& period);

}  // namespace civicdesk::workflows
