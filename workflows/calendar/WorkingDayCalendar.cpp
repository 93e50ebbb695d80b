#include "workflows/calendar/WorkingDayCalendar.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "workflows/calendar/DateMath.hpp"

namespace civicdesk::workflows {

using namespace std::chrono;

namespace {

sys_days dayOf(int y, unsigned m, unsigned d) {
  return *toSysDays(CivilDate{y, m, d});
}

CalendarError rangeError(CalendarError::Code code, const std::string& what,
                         const CivilDate& limit) {
  const bool before = code == CalendarError::Code::BeforeRange;
  return {code, what +
                    (before ? " is before the calendar's first date "
                            : " goes past the calendar's last date ") +
                    formatDate(limit) +
                    (before ? " (no official data is loaded for it)"
                            : " (beyond the provisional horizon; load a newer calendar file)")};
}

}  // namespace

WorkingDayCalendar::WorkingDayCalendar(const CalendarFacts& facts)
    : source_(facts.source), license_(facts.license) {
  std::map<int, const CalendarYearFacts*> years;
  for (const auto& year : facts.years) {
    years[year.year] = &year;
    if (year.complete) completeYears_.push_back(year.year);
  }
  const auto complete = [&](int year) {
    const auto it = years.find(year);
    return it != years.end() && it->second->complete;
  };
  const int firstYear = facts.years.front().year;
  const int lastYear = completeYears_.back() + kProvisionalHorizonYears;
  firstDay_ = dayOf(firstYear, 1, 1);
  const auto count = static_cast<std::size_t>((dayOf(lastYear, 12, 31) - firstDay_).count() + 1);

  kind_.resize(count);
  nameIndex_.assign(count, 0);
  names_.emplace_back();
  for (std::size_t i = 0; i < count; ++i) {
    kind_[i] = static_cast<std::uint8_t>(isWeekend(firstDay_ + days{i}) ? DayKind::Weekend
                                                                        : DayKind::Workday);
  }
  std::map<std::string, std::uint32_t> nameIds;
  for (const auto& year : facts.years) {
    for (const auto& listed : year.days) {
      const auto day = *toSysDays(listed.date);
      const auto i = static_cast<std::size_t>((day - firstDay_).count());
      if (i >= count) continue;  // a listed year past the horizon cannot be queried
      kind_[i] = static_cast<std::uint8_t>(listed.off       ? DayKind::Holiday
                                           : isWeekend(day) ? DayKind::MakeUpWorkday
                                                            : DayKind::Workday);
      if (!listed.name.empty()) {
        const auto [it, added] =
            nameIds.emplace(listed.name, static_cast<std::uint32_t>(names_.size()));
        if (added) names_.push_back(listed.name);
        nameIndex_[i] = it->second;
      }
    }
  }

  workedThrough_.resize(count);
  std::int32_t worked = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (isWorking(static_cast<DayKind>(kind_[i]))) {
      workingDays_.push_back(static_cast<std::int32_t>(i));
      ++worked;
    }
    workedThrough_[i] = worked;
  }

  // The notice of year N settles 25 Dec of N-1 to 31 Dec of N (see the header).
  const auto last = static_cast<int>(count) - 1;
  for (int notice = firstYear; notice <= lastYear + 1; ++notice) {
    if (complete(notice)) continue;
    const auto from =
        notice == firstYear ? firstDay_ : dayOf(notice - 1, 12, kYearEndWindowFirstDay);
    const int first = std::max(0, static_cast<int>((from - firstDay_).count()));
    const int through =
        std::min(last, static_cast<int>((dayOf(notice, 12, 31) - firstDay_).count()));
    if (first <= through) assumedSpans_.push_back({first, through, notice});
  }
}

Expected<WorkingDayCalendar, std::string> WorkingDayCalendar::fromJson(
    const nlohmann::json& document) {
  auto facts = parseCalendarFacts(document);
  if (!facts) return unexpected(facts.error());
  return WorkingDayCalendar(*facts);
}

WorkingDayCalendar WorkingDayCalendar::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("calendar file " + path + ": cannot be opened");
  nlohmann::json document;
  try {
    in >> document;
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error("calendar file " + path + ": not JSON: " + e.what());
  }
  auto calendar = fromJson(document);
  if (!calendar) throw std::runtime_error("calendar file " + path + ": " + calendar.error());
  return std::move(*calendar);
}

bool WorkingDayCalendar::covers(int year) const {
  return std::binary_search(completeYears_.begin(), completeYears_.end(), year);
}

CivilDate WorkingDayCalendar::firstDate() const {
  return dateAt(0);
}
CivilDate WorkingDayCalendar::lastDate() const {
  return dateAt(static_cast<int>(kind_.size()) - 1);
}

CivilDate WorkingDayCalendar::dateAt(int index) const {
  return toCivilDate(firstDay_ + days{index});
}

Expected<int, CalendarError> WorkingDayCalendar::indexOf(const CivilDate& date) const {
  const auto day = toSysDays(date);
  if (!day) {
    return unexpected(
        CalendarError{CalendarError::Code::InvalidArgument, formatDate(date) + " is not a date"});
  }
  const auto index = (*day - firstDay_).count();
  if (index < 0) {
    return unexpected(rangeError(CalendarError::Code::BeforeRange, formatDate(date), firstDate()));
  }
  if (index >= static_cast<std::int64_t>(kind_.size())) {
    return unexpected(rangeError(CalendarError::Code::BeyondRange, formatDate(date), lastDate()));
  }
  return static_cast<int>(index);
}

template <class T>
CalendarResult<T> WorkingDayCalendar::result(T value, int first, int last) const {
  CalendarResult<T> out{std::move(value), false, {}};
  for (const auto& span : assumedSpans_) {
    if (span.first <= last && first <= span.last) out.assumedYears.push_back(span.year);
  }
  out.provisional = !out.assumedYears.empty();
  return out;
}

Expected<CalendarResult<DayInfo>, CalendarError> WorkingDayCalendar::dayInfo(
    const CivilDate& date) const {
  const auto i = indexOf(date);
  if (!i) return unexpected(i.error());
  return result(DayInfo{date, static_cast<DayKind>(kind_[*i]), names_[nameIndex_[*i]]}, *i, *i);
}

Expected<CalendarResult<bool>, CalendarError> WorkingDayCalendar::isWorkingDay(
    const CivilDate& date) const {
  const auto i = indexOf(date);
  if (!i) return unexpected(i.error());
  return result(isWorking(static_cast<DayKind>(kind_[*i])), *i, *i);
}

Expected<CalendarResult<CivilDate>, CalendarError> WorkingDayCalendar::addWorkingDays(
    const CivilDate& date, int n) const {
  if (n < 0) {
    return unexpected(
        CalendarError{CalendarError::Code::InvalidArgument, "a negative number of working days"});
  }
  const auto i = indexOf(date);
  if (!i) return unexpected(i.error());
  if (n == 0) return result(date, *i + 1, *i);  // nothing counted, nothing assumed
  // The answer is the (worked-through-date + n)th working day of the whole range.
  const auto target = static_cast<std::size_t>(workedThrough_[*i]) + static_cast<std::size_t>(n);
  if (target > workingDays_.size()) {
    return unexpected(rangeError(CalendarError::Code::BeyondRange,
                                 std::to_string(n) + " working days after " + formatDate(date),
                                 lastDate()));
  }
  const int due = workingDays_[target - 1];
  return result(dateAt(due), *i + 1, due);
}

Expected<CalendarResult<CivilDate>, CalendarError> WorkingDayCalendar::addDays(
    const CivilDate& date, int n) const {
  if (n < 0) {
    return unexpected(
        CalendarError{CalendarError::Code::InvalidArgument, "a negative number of days"});
  }
  const auto i = indexOf(date);
  if (!i) return unexpected(i.error());
  const auto nth = static_cast<std::size_t>(*i) + static_cast<std::size_t>(n);
  // Working days before day nth; the next one in workingDays_ is the first on or after it.
  const auto before =
      nth == 0 || nth >= kind_.size() ? 0 : static_cast<std::size_t>(workedThrough_[nth - 1]);
  if (nth >= kind_.size() || before >= workingDays_.size()) {
    return unexpected(rangeError(CalendarError::Code::BeyondRange,
                                 std::to_string(n) + " days after " + formatDate(date),
                                 lastDate()));
  }
  const int due = workingDays_[before];
  return result(dateAt(due), static_cast<int>(nth), due);
}

Expected<CalendarResult<int>, CalendarError> WorkingDayCalendar::workingDaysBetween(
    const CivilDate& a, const CivilDate& b) const {
  const auto ia = indexOf(a);
  if (!ia) return unexpected(ia.error());
  const auto ib = indexOf(b);
  if (!ib) return unexpected(ib.error());
  const int low = std::min(*ia, *ib);
  const int high = std::max(*ia, *ib);
  const int count = workedThrough_[high] - workedThrough_[low];
  return result(*ia <= *ib ? count : -count, low + 1, high);
}

}  // namespace civicdesk::workflows
