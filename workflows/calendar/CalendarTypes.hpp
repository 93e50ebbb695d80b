#pragma once
// The vocabulary of working-day arithmetic: what a day is, what a result carries, what can fail.
#include <string>
#include <vector>

#include "workflows/LocalTime.hpp"

namespace civicdesk::workflows {

enum class DayKind {
  Workday,        // Monday to Friday, not a holiday
  MakeUpWorkday,  // a Saturday or Sunday declared a working day (调休上班)
  Weekend,        // a Saturday or Sunday
  Holiday,        // a statutory holiday or arranged rest day (放假), whatever its weekday
};

inline bool isWorking(DayKind kind) {
  return kind == DayKind::Workday || kind == DayKind::MakeUpWorkday;
}

struct DayInfo {
  CivilDate date;
  DayKind kind = DayKind::Workday;
  std::string name;  // the festival the notice groups the day under ("国庆节"); may be empty
  bool working() const { return isWorking(kind); }
};

// Every answer says whether it rests on a year whose official arrangement is not loaded. Such a
// year is computed on weekends alone; the answer is provisional until that year is loaded, and
// assumedYears names the notices it waits for (ascending), so a caller can recompute later.
template <class T>
struct CalendarResult {
  T value{};
  bool provisional = false;
  std::vector<int> assumedYears;
};

struct CalendarError {
  enum class Code {
    BeforeRange,      // before the first loaded year: an error, never a guess (RULES.md)
    BeyondRange,      // past the provisional horizon after the last complete year
    InvalidArgument,  // a date that does not exist, a negative count
  };
  Code code = Code::InvalidArgument;
  std::string message;
};

}  // namespace civicdesk::workflows
