// Pauses (RULES.md: time during which the clock is stopped by rule is not counted). Definition,
// in Deadline.hpp: a pause from day P1 to resume day P2 adds back the units of (P1, P2] -
// working days in wd mode, calendar days in d mode. The day the clock stopped counts; the
// resume day, like a trigger day, does not.
#include <string>

#include <gtest/gtest.h>

#include "tests/workflows/ShippedCalendar.hpp"
#include "workflows/calendar/DateMath.hpp"
#include "workflows/calendar/WorkingDayCalendar.hpp"
#include "workflows/deadlines/Deadline.hpp"
#include "workflows/deadlines/DeadlineRules.hpp"

namespace civicdesk::workflows {
namespace {

using test::shanghai;
using test::shipped;

Deadline openAtNine(std::string_view rule, CivilDate trigger) {
  auto deadline =
      Deadline::open(DeadlineRules::defaults().at(rule), shanghai(trigger, 9), shipped());
  EXPECT_TRUE(deadline.has_value()) << deadline.error().message;
  return std::move(deadline.value());
}

void pause(Deadline& deadline, CivilDate from, CivilDate to) {
  ASSERT_TRUE(deadline.pause(shanghai(from, 15), "等待申请人补正", shipped()).has_value());
  ASSERT_TRUE(deadline.resume(shanghai(to, 10), shipped()).has_value());
}

TEST(DeadlinePause, WorkingDaysOfTheResumeIntervalAreAddedBack) {
  auto reply = openAtNine(rule_ids::kInfoRequestReply, {2024, 3, 4});
  EXPECT_EQ(reply.due(), (CivilDate{2024, 4, 1}));
  pause(reply, {2024, 3, 6}, {2024, 3, 11});  // (03-06, 03-11]: 03-07, 03-08, 03-11
  EXPECT_EQ(reply.schedule().totalUnits, 23);
  // 04-02, 04-03, then Qingming 04-04..06, then 04-07, a Sunday make-up working day.
  EXPECT_EQ(reply.due(), (CivilDate{2024, 4, 7}));
  EXPECT_NE(
      reply.explanation().find("中止次日至恢复之日（2024-03-07至2024-03-11）不计入，其间3个工作日"),
      std::string::npos)
      << reply.explanation();
}

TEST(DeadlinePause, APauseOverAHolidayAddsBackOnlyItsWorkingDays) {
  auto opinion = openAtNine(rule_ids::kComplaintHandlingOpinion, {2024, 9, 26});
  EXPECT_EQ(opinion.due(), (CivilDate{2024, 10, 9}));
  pause(opinion, {2024, 9, 30}, {2024, 10, 8});  // 10-01..07 holiday; 10-08 is the one
  EXPECT_EQ(opinion.due(), (CivilDate{2024, 10, 10}));
}

TEST(DeadlinePause, CalendarDaysOfThePauseAreAddedBackInDayMode) {
  auto conclusion = openAtNine(rule_ids::kComplaintConclusion, {2024, 3, 1});
  EXPECT_EQ(conclusion.due(), (CivilDate{2024, 4, 1}));  // 03-31 is a Sunday
  pause(conclusion, {2024, 3, 10}, {2024, 3, 15});       // 5 days
  // 03-01 + 35 = 04-05, Qingming; 04-06 a holiday too; 04-07 a make-up working day.
  EXPECT_EQ(conclusion.due(), (CivilDate{2024, 4, 7}));
}

TEST(DeadlinePause, APauseWithinOneDayCostsNothing) {
  auto opinion = openAtNine(rule_ids::kComplaintHandlingOpinion, {2024, 9, 26});
  ASSERT_TRUE(opinion.pause(shanghai({2024, 9, 27}, 9), "第三方征求意见", shipped()).has_value());
  ASSERT_TRUE(opinion.resume(shanghai({2024, 9, 27}, 17), shipped()).has_value());
  EXPECT_EQ(opinion.due(), (CivilDate{2024, 10, 9}));
  EXPECT_NE(opinion.explanation().find("期限不变"), std::string::npos);
}

TEST(DeadlinePause, APauseOnTheLastDayEndsOnTheResumeDay) {
  auto opinion = openAtNine(rule_ids::kComplaintHandlingOpinion, {2024, 9, 26});
  pause(opinion, {2024, 10, 9}, {2024, 10, 11});  // (10-09, 10-11]: 2 working days
  EXPECT_EQ(opinion.due(), (CivilDate{2024, 10, 11}));
}

TEST(DeadlinePause, AnOpenPauseSuspendsTheDeadline) {
  auto opinion = openAtNine(rule_ids::kComplaintHandlingOpinion, {2024, 9, 26});
  ASSERT_TRUE(opinion.pause(shanghai({2024, 9, 30}, 15), "等待补正", shipped()).has_value());
  EXPECT_TRUE(opinion.suspended());
  EXPECT_EQ(opinion.due(), (CivilDate{2024, 10, 9}));  // the date before the pause
  EXPECT_FALSE(opinion.isOverdue(shanghai({2024, 12, 31}, 12)));
  EXPECT_NE(opinion.explanation().find("尚未恢复"), std::string::npos);
  ASSERT_TRUE(opinion.resume(shanghai({2024, 10, 8}, 9), shipped()).has_value());
  EXPECT_FALSE(opinion.suspended());
  EXPECT_TRUE(opinion.isOverdue(shanghai({2024, 12, 31}, 12)));
}

TEST(DeadlinePause, RefusesPausesThatMakeNoSense) {
  auto opinion = openAtNine(rule_ids::kComplaintHandlingOpinion, {2024, 9, 26});
  using DeadlineCode = DeadlineError::Code;
  EXPECT_EQ(opinion.resume(shanghai({2024, 9, 27}, 9), shipped()).error().code,
            DeadlineCode::InvalidPause);
  EXPECT_EQ(opinion.pause(shanghai({2024, 9, 25}, 9), "x", shipped()).error().code,
            DeadlineCode::InvalidTime);
  EXPECT_EQ(opinion.pause(shanghai({2024, 9, 27}, 9), " ", shipped()).error().code,
            DeadlineCode::InvalidPause);
  // Past 24:00 of 10-09 the clock has run out: it cannot be stopped.
  EXPECT_EQ(opinion.pause(shanghai({2024, 10, 10}, 0), "x", shipped()).error().code,
            DeadlineCode::Expired);
  ASSERT_TRUE(opinion.pause(shanghai({2024, 9, 27}, 9), "x", shipped()).has_value());
  EXPECT_EQ(opinion.pause(shanghai({2024, 9, 28}, 9), "x", shipped()).error().code,
            DeadlineCode::InvalidPause);
  EXPECT_EQ(opinion.resume(shanghai({2024, 9, 26}, 9), shipped()).error().code,
            DeadlineCode::InvalidTime);
  EXPECT_EQ(opinion.pauses().size(), 1u);  // refused changes leave no trace
}

}  // namespace
}  // namespace civicdesk::workflows
