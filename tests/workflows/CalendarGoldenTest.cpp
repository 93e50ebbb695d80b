// Working-day arithmetic on the shipped calendar (config/calendar/cn-holidays.json), checked
// against dates worked out by hand from the State Council notices (RULES.md "Deadlines: how they
// are counted"). Each case names the notice fact it turns on.
#include <string>

#include <gtest/gtest.h>

#include "tests/workflows/ShippedCalendar.hpp"
#include "workflows/calendar/WorkingDayCalendar.hpp"

namespace civicdesk::workflows {
namespace {

using test::shipped;

CivilDate plusWorkingDays(CivilDate from, int n) {
  const auto due = shipped().addWorkingDays(from, n);
  EXPECT_TRUE(due.has_value()) << due.error().message;
  EXPECT_FALSE(due->provisional);
  return due->value;
}

CivilDate plusDaysMoved(CivilDate from, int n) {
  const auto due = shipped().addDays(from, n);
  EXPECT_TRUE(due.has_value()) << due.error().message;
  EXPECT_FALSE(due->provisional);
  return due->value;
}

TEST(CalendarGolden, NationalDay2024CountsTheSundayMakeUpDayAndSkipsTheWeek) {
  // 09-28 Sat skipped, 09-29 Sun make-up day counted, 10-01..07 holiday.
  EXPECT_EQ(plusWorkingDays({2024, 9, 27}, 5), (CivilDate{2024, 10, 10}));
}

TEST(CalendarGolden, NationalDay2020EndsOnASaturdayMakeUpDay) {
  // 2020-10-01..08 国庆节、中秋节; 10-10 (Saturday) is a make-up working day.
  EXPECT_EQ(plusWorkingDays({2020, 9, 30}, 2), (CivilDate{2020, 10, 10}));
}

TEST(CalendarGolden, NewYear2023IsTakenFromTheNextYearsNotice) {
  // 2022-12-31 is listed in 2023.json; 2023-01-02 (Monday) is the observed holiday.
  EXPECT_EQ(plusWorkingDays({2022, 12, 30}, 1), (CivilDate{2023, 1, 3}));
}

TEST(CalendarGolden, SpringFestival2024TwentyWorkingDays) {
  // 02-04 (Sun) and 02-18 (Sun) are make-up days; 02-10..17 the holiday.
  EXPECT_EQ(plusWorkingDays({2024, 2, 5}, 20), (CivilDate{2024, 3, 8}));
}

TEST(CalendarGolden, FifteenDaysLandingOnNationalDayMoveToTheFirstWorkingDay) {
  // 09-16 + 15 = 10-01, a holiday; the holiday lasts to 10-07.
  EXPECT_EQ(plusDaysMoved({2024, 9, 16}, 15), (CivilDate{2024, 10, 8}));
}

TEST(CalendarGolden, ThirtyDaysEndingOnAWeekendMoveToMondayAndOnAWeekdayStay) {
  EXPECT_EQ(plusDaysMoved({2024, 3, 1}, 30), (CivilDate{2024, 4, 1}));  // 03-31 is a Sunday
  EXPECT_EQ(plusDaysMoved({2024, 3, 4}, 30), (CivilDate{2024, 4, 3}));  // a Wednesday
}

TEST(CalendarGolden, LateDecember2018WasRearrangedByThe2019Notice) {
  // 2018-12-29 (Saturday) worked, 12-31 (Monday) off: both from 2019.json.
  EXPECT_EQ(plusWorkingDays({2018, 12, 28}, 1), (CivilDate{2018, 12, 29}));
  EXPECT_EQ(plusWorkingDays({2018, 12, 29}, 1), (CivilDate{2019, 1, 2}));
}

TEST(CalendarGolden, ZeroUnitsGiveTheStartForWorkingDaysAndTheNextWorkingDayForDays) {
  EXPECT_EQ(plusWorkingDays({2024, 9, 28}, 0), (CivilDate{2024, 9, 28}));
  EXPECT_EQ(plusDaysMoved({2024, 9, 28}, 0), (CivilDate{2024, 9, 29}));
}

TEST(CalendarGolden, ClassifiesDaysWithTheirFestivalNames) {
  const auto makeUp = shipped().dayInfo({2024, 9, 29});
  ASSERT_TRUE(makeUp.has_value());
  EXPECT_EQ(makeUp->value.kind, DayKind::MakeUpWorkday);
  EXPECT_EQ(makeUp->value.name, "国庆节");
  EXPECT_EQ(shipped().dayInfo({2024, 10, 5})->value.kind, DayKind::Holiday);  // a listed Saturday
  EXPECT_EQ(shipped().dayInfo({2024, 9, 28})->value.kind, DayKind::Weekend);
  EXPECT_EQ(shipped().dayInfo({2024, 9, 30})->value.kind, DayKind::Workday);
  EXPECT_TRUE(shipped().isWorkingDay({2020, 10, 10})->value);
  EXPECT_FALSE(shipped().isWorkingDay({2020, 10, 8})->value);
}

TEST(CalendarGolden, WorkingDaysBetweenCountsTheHalfOpenInterval) {
  const auto between = shipped().workingDaysBetween({2024, 9, 27}, {2024, 10, 10});
  ASSERT_TRUE(between.has_value());
  EXPECT_EQ(between->value, 5);
  EXPECT_EQ(shipped().workingDaysBetween({2024, 10, 10}, {2024, 9, 27})->value, -5);
  EXPECT_EQ(shipped().workingDaysBetween({2024, 10, 1}, {2024, 10, 1})->value, 0);
}

TEST(CalendarGolden, ShipsEveryCompleteYearFrom2018To2026) {
  const std::vector<int> expected{2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026};
  EXPECT_EQ(shipped().completeYears(), expected);
  EXPECT_FALSE(shipped().covers(2027));
  EXPECT_EQ(shipped().firstDate(), (CivilDate{2018, 1, 1}));
  EXPECT_EQ(shipped().lastDate(), (CivilDate{2028, 12, 31}));
  EXPECT_NE(shipped().license().find("MIT"), std::string::npos);
}

}  // namespace
}  // namespace civicdesk::workflows
