// Properties of working-day arithmetic over every day of the official years 2018-2026, for
// periods of 1, 5 and 20: the answers agree with a day-by-day count and with the data file read
// independently, by the rule of the holiday-cn README.
#include <fstream>
#include <map>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/workflows/ShippedCalendar.hpp"
#include "workflows/calendar/DateMath.hpp"
#include "workflows/calendar/WorkingDayCalendar.hpp"

namespace civicdesk::workflows {
namespace {

using test::shipped;
using test::shippedCalendarPath;

bool working(const CivilDate& date) {
  return shipped().isWorkingDay(date).value().value;
}

constexpr CivilDate kFirst{2018, 1, 1};
constexpr CivilDate kLast{2026, 12, 31};
constexpr CivilDate kFirstUnsettled{2026, 12, 25};  // the 2027 notice may rearrange it
constexpr int kPeriods[] = {1, 5, 20};

TEST(CalendarProperty, AgreesWithTheDataFileReadByTheReadmeRule) {
  // A day is a working day when listed as work, or not listed and Monday to Friday.
  std::ifstream in(shippedCalendarPath());
  const auto file = nlohmann::json::parse(in);
  std::map<std::string, bool> listed;  // date -> off
  for (const auto& [year, facts] : file["years"].items()) {
    for (const auto& d : facts["off"]) listed[d.get<std::string>()] = true;
    for (const auto& d : facts["work"]) listed[d.get<std::string>()] = false;
  }
  int checked = 0;
  for (auto d = kFirst; d <= kLast; d = plusDays(d, 1), ++checked) {
    const auto it = listed.find(formatDate(d));
    const bool expected = it != listed.end() ? !it->second : !isWeekend(*toSysDays(d));
    ASSERT_EQ(working(d), expected) << formatDate(d);
  }
  EXPECT_EQ(checked, 3287);
}

TEST(CalendarProperty, NWorkingDaysAfterDHaveExactlyNWorkingDaysAndEndOnOne) {
  for (const int n : kPeriods) {
    for (auto d = kFirst; d <= kLast; d = plusDays(d, 1)) {
      const auto due = shipped().addWorkingDays(d, n);
      ASSERT_TRUE(due.has_value()) << formatDate(d);
      ASSERT_TRUE(working(due->value)) << formatDate(d) << " +" << n;
      int walked = 0;  // the slow way, as a person counts
      for (auto x = plusDays(d, 1); x <= due->value; x = plusDays(x, 1)) walked += working(x);
      ASSERT_EQ(walked, n) << formatDate(d) << " +" << n;
      ASSERT_EQ(shipped().workingDaysBetween(d, due->value)->value, n);
      ASSERT_EQ(due->provisional, due->value >= kFirstUnsettled) << formatDate(d) << " +" << n;
    }
  }
}

TEST(CalendarProperty, AddingWorkingDaysIsMonotoneInTheStartDate) {
  for (const int n : kPeriods) {
    CivilDate previous = shipped().addWorkingDays(kFirst, n)->value;
    for (auto d = plusDays(kFirst, 1); d <= kLast; d = plusDays(d, 1)) {
      const CivilDate due = shipped().addWorkingDays(d, n)->value;
      ASSERT_LE(previous, due) << formatDate(d) << " +" << n;
      // ...and strictly after a working start day: the start day leaves the count.
      if (working(d)) {
        ASSERT_LT(previous, due) << formatDate(d) << " +" << n;
      }
      previous = due;
    }
  }
}

TEST(CalendarProperty, NDaysAfterDIsTheFirstWorkingDayOnOrAfterDPlusN) {
  for (const int n : kPeriods) {
    for (auto d = kFirst; d <= kLast; d = plusDays(d, 1)) {
      const auto due = shipped().addDays(d, n);
      ASSERT_TRUE(due.has_value()) << formatDate(d);
      const CivilDate nth = plusDays(d, n);
      ASSERT_GE(due->value, nth) << formatDate(d) << " +" << n << "d";
      ASSERT_TRUE(working(due->value)) << formatDate(d) << " +" << n << "d";
      for (auto x = nth; x < due->value; x = plusDays(x, 1)) {
        ASSERT_FALSE(working(x)) << formatDate(d) << " +" << n << "d skipped a working day";
      }
    }
  }
}

TEST(CalendarProperty, WorkingDaysBetweenIsAdditiveAndAntisymmetric) {
  const CivilDate a{2019, 9, 20};
  for (auto b = a; b <= CivilDate{2020, 3, 1}; b = plusDays(b, 7)) {
    for (auto c = b; c <= CivilDate{2020, 6, 1}; c = plusDays(c, 11)) {
      const int ab = shipped().workingDaysBetween(a, b)->value;
      const int bc = shipped().workingDaysBetween(b, c)->value;
      ASSERT_EQ(shipped().workingDaysBetween(a, c)->value, ab + bc);
      ASSERT_EQ(shipped().workingDaysBetween(c, a)->value, -(ab + bc));
    }
  }
}

}  // namespace
}  // namespace civicdesk::workflows
