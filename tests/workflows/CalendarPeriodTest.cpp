// Periods as the rules and staff write them: "5wd" (working days), "30d" (days).
#include <gtest/gtest.h>

#include "workflows/calendar/Period.hpp"

namespace civicdesk::workflows {
namespace {

TEST(CalendarPeriod, ParsesWorkingDaysAndDays) {
  EXPECT_EQ(parsePeriod("5wd").value(), (Period{5, PeriodUnit::WorkingDays}));
  EXPECT_EQ(parsePeriod("30d").value(), (Period{30, PeriodUnit::Days}));
  EXPECT_EQ(parsePeriod("0wd").value(), (Period{0, PeriodUnit::WorkingDays}));
}

TEST(CalendarPeriod, ParsesTheChineseStaffType) {
  EXPECT_EQ(parsePeriod("5个工作日").value(), (Period{5, PeriodUnit::WorkingDays}));
  EXPECT_EQ(parsePeriod("20工作日").value(), (Period{20, PeriodUnit::WorkingDays}));
  EXPECT_EQ(parsePeriod("30日").value(), (Period{30, PeriodUnit::Days}));
  EXPECT_EQ(parsePeriod("15天").value(), (Period{15, PeriodUnit::Days}));
}

TEST(CalendarPeriod, RefusesMalformedPeriods) {
  for (const char* bad : {"", "wd", "d", "5", "5w", "5dw", "-5wd", "+5wd", " 5wd", "5wd ", "5 wd",
                          "5WD", "5.5d", "5wdx", "99999wd", "3661d", "５wd"}) {
    const auto period = parsePeriod(bad);
    EXPECT_FALSE(period.has_value()) << '"' << bad << '"';
  }
  EXPECT_NE(parsePeriod("5w").error().find("\"5wd\""), std::string::npos);
}

TEST(CalendarPeriod, PrintsWhatItParsesAndWhatPeopleRead) {
  for (const char* text : {"5wd", "30d", "0d", "3660wd"}) {
    EXPECT_EQ(toString(parsePeriod(text).value()), text);
  }
  EXPECT_EQ(describe(Period{5, PeriodUnit::WorkingDays}), "5个工作日");
  EXPECT_EQ(describe(Period{30, PeriodUnit::Days}), "30日");
}

}  // namespace
}  // namespace civicdesk::workflows
