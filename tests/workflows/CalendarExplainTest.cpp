// Explanations staff and citizens can check by hand (`civicdesk due DATE PERIOD`).
#include <string>

#include <gtest/gtest.h>

#include "tests/workflows/ShippedCalendar.hpp"
#include "workflows/LocalTime.hpp"
#include "workflows/calendar/CalendarExplain.hpp"
#include "workflows/calendar/DateMath.hpp"
#include "workflows/calendar/WorkingDayCalendar.hpp"

namespace civicdesk::workflows {
namespace {

using test::shipped;

DueExplanation due(CivilDate start, const char* period) {
  auto explained = explainDue(shipped(), start, parsePeriod(period).value());
  EXPECT_TRUE(explained.has_value()) << explained.error().message;
  return explained.value();
}

TEST(CalendarExplain, DescribesDaysWithWeekdayAndFestival) {
  EXPECT_EQ(describeDay(shipped().dayInfo({2024, 9, 29})->value),
            "2024-09-29（周日，国庆节调休上班）");
  EXPECT_EQ(describeDay(shipped().dayInfo({2024, 10, 1})->value), "2024-10-01（周二，国庆节放假）");
  EXPECT_EQ(describeDay(shipped().dayInfo({2024, 9, 28})->value), "2024-09-28（周六）");
  EXPECT_EQ(describeDay(shipped().dayInfo({2024, 9, 30})->value), "2024-09-30（周一）");
}

TEST(CalendarExplain, WorkingDaysListTheCountedAndTheSkippedDays) {
  const auto explained = due({2024, 9, 27}, "5wd");
  EXPECT_EQ(explained.due, (CivilDate{2024, 10, 10}));
  EXPECT_FALSE(explained.provisional);
  EXPECT_EQ(explained.text,
            "自2024-09-27（周五）起算，当日不计入，期间5个工作日。\n"
            "计入的工作日（5个）：09-29（周日，国庆节调休上班）、09-30、10-08至10-10。\n"
            "其间不计的休息日：09-28（周六）、10-01至10-07（国庆节放假）。\n"
            "届满日：2024-10-10（周四），当日24:00（北京时间）截止。\n");
}

TEST(CalendarExplain, DaysSayWhereTheLastDayFellAndWhereItMoved) {
  const auto explained = due({2024, 9, 16}, "15d");
  EXPECT_EQ(explained.due, (CivilDate{2024, 10, 8}));
  EXPECT_EQ(explained.text,
            "自2024-09-16（周一，中秋节放假）起算，当日不计入，期间15日。\n"
            "第15日为2024-10-01（周二，国庆节放假），不是工作日，顺延至其后第一个工作日。\n"
            "顺延跳过：10-01至10-07（国庆节放假）。\n"
            "届满日：2024-10-08（周二），当日24:00（北京时间）截止。\n");
}

TEST(CalendarExplain, CrossingTheYearShowsFullDates) {
  const auto explained = due({2022, 12, 30}, "1wd");
  EXPECT_NE(explained.text.find("计入的工作日（1个）：2023-01-03。"), std::string::npos);
  EXPECT_NE(explained.text.find("12-31至2023-01-02（元旦放假）"), std::string::npos);
}

TEST(CalendarExplain, AProvisionalResultSaysWhichNoticeIsMissing) {
  const auto explained = due({2026, 12, 30}, "5wd");
  EXPECT_TRUE(explained.provisional);
  EXPECT_EQ(explained.assumedYears, std::vector<int>{2027});
  EXPECT_NE(explained.text.find("【暂定】2027年的国务院放假安排尚未载入"), std::string::npos);
}

TEST(CalendarExplain, ExplainingADateOutOfRangeIsAnError) {
  const auto explained = explainDue(shipped(), {2017, 12, 1}, parsePeriod("5wd").value());
  ASSERT_FALSE(explained.has_value());
  EXPECT_EQ(explained.error().code, CalendarError::Code::BeforeRange);
}

}  // namespace
}  // namespace civicdesk::workflows

namespace civicdesk::workflows {
namespace {

TEST(DueDay, TheStoredExclusiveEndReadsBackAsTheDueDay) {
  // A deadline due 2026-12-02 ends at 24:00 Shanghai, i.e. 2026-12-02T16:00Z.
  const auto end = endOfShanghaiDay(CivilDate{2026, 12, 2});
  EXPECT_EQ(end, *parseShanghaiDateTime("2026-12-03T00:00"));
  EXPECT_EQ(dueDayEndingAt(end), (CivilDate{2026, 12, 2}));
  EXPECT_EQ(formatDueDay(end), "2026-12-02");
}

}  // namespace
}  // namespace civicdesk::workflows
