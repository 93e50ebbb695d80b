// The reminder plan of a deadline (issue 3): before / due-day reminders and the overdue
// escalation chain, on the shipped working-day calendar, at Asia/Shanghai wall-clock times.
#include <algorithm>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/workflows/ShippedCalendar.hpp"
#include "workflows/calendar/DateMath.hpp"
#include "workflows/calendar/WorkingDayCalendar.hpp"
#include "workflows/deadlines/Deadline.hpp"
#include "workflows/deadlines/DeadlineRules.hpp"
#include "workflows/reminders/ReminderPlan.hpp"

namespace civicdesk::workflows {
namespace {

using test::shanghai;
using test::shipped;

// complaint.handling_opinion: 5 working days.
Deadline openFiveWorkingDays(CivilDate trigger) {
  auto deadline = Deadline::open(DeadlineRules::defaults().at(rule_ids::kComplaintHandlingOpinion),
                                 shanghai(trigger, 10), shipped());
  EXPECT_TRUE(deadline.has_value()) << deadline.error().message;
  return std::move(deadline.value());
}

std::vector<PlannedReminder> plan(
    const Deadline& d, std::int64_t now,
    const ReminderLadder& ladder = ReminderLadders::defaults().defaultLadder) {
  auto planned = planReminders(d, 42, ladder, shipped(), now);
  EXPECT_TRUE(planned.has_value()) << planned.error();
  return planned ? planned.value() : std::vector<PlannedReminder>{};
}

std::vector<std::string> times(const std::vector<PlannedReminder>& reminders) {
  std::vector<std::string> result;
  for (const auto& r : reminders) result.push_back(r.kind + " " + shanghaiDateTime(r.at));
  return result;
}

// A copy: a reference into the temporary defaults() would dangle.
ReminderStep overdueStep() {
  return ReminderLadders::defaults().defaultLadder.steps[2];
}

TEST(ReminderPlan, DefaultLadderOfAFiveWorkingDayDeadlineOpenedOnAMonday) {
  const auto d = openFiveWorkingDays({2024, 11, 4});  // Monday
  ASSERT_EQ(d.due(), (CivilDate{2024, 11, 11}));
  const auto reminders = plan(d, d.triggerAt());
  ASSERT_EQ(reminders.size(), 3u);

  // Thursday: (11-07, 11-11] holds Friday and Monday, two working days.
  EXPECT_EQ(reminders[0].kind, "reminder.before");
  EXPECT_EQ(reminders[0].at, 1730941200);  // TZ=Asia/Shanghai date -d 2024-11-07T09:00 +%s
  EXPECT_EQ(shanghaiDateTime(reminders[0].at), "2024-11-07 09:00");
  EXPECT_EQ(reminders[0].audience, "handler");
  EXPECT_EQ(reminders[0].key, "deadline:42:before:2:2024-11-11");
  EXPECT_EQ(reminders[0].stepIndex, 0);

  EXPECT_EQ(reminders[1].kind, "reminder.due_day");
  EXPECT_EQ(reminders[1].at, 1731286800);
  EXPECT_EQ(shanghaiDateTime(reminders[1].at), "2024-11-11 09:00");
  EXPECT_EQ(reminders[1].audience, "handler");
  EXPECT_EQ(reminders[1].key, "deadline:42:due_day:2024-11-11");
  EXPECT_EQ(reminders[1].stepIndex, 1);

  EXPECT_EQ(reminders[2].kind, "escalation.overdue");
  EXPECT_EQ(reminders[2].at, 1731373200);
  EXPECT_EQ(shanghaiDateTime(reminders[2].at), "2024-11-12 09:00");
  EXPECT_EQ(reminders[2].audience, "leading_group_office");
  EXPECT_EQ(reminders[2].key, "deadline:42:overdue:2024-11-12:2024-11-11");
  EXPECT_EQ(reminders[2].stepIndex, 2);
  EXPECT_GE(reminders[2].at, d.dueAt());  // the escalation never comes before it is overdue
}

TEST(ReminderPlan, AcrossTheNationalDayHolidayTheBeforeReminderComesBeforeTheHoliday) {
  // Due 2024-10-09: (09-30, 10-09] holds 10-08 and 10-09 (10-01..07 are rest days).
  const auto d = openFiveWorkingDays({2024, 9, 26});
  ASSERT_EQ(d.due(), (CivilDate{2024, 10, 9}));
  EXPECT_EQ(times(plan(d, d.triggerAt())),
            (std::vector<std::string>{"reminder.before 2024-09-30 09:00",
                                      "reminder.due_day 2024-10-09 09:00",
                                      "escalation.overdue 2024-10-10 09:00"}));
}

TEST(ReminderPlan, DueOnTheThirdWorkingDayAfterTheHolidayCountsOnlyWorkingDays) {
  // Due 2024-10-10: two working days before is 10-08 ((10-08, 10-10] = 10-09, 10-10), not 09-30.
  const auto d = openFiveWorkingDays({2024, 9, 27});
  ASSERT_EQ(d.due(), (CivilDate{2024, 10, 10}));
  EXPECT_EQ(times(plan(d, d.triggerAt())),
            (std::vector<std::string>{"reminder.before 2024-10-08 09:00",
                                      "reminder.due_day 2024-10-10 09:00",
                                      "escalation.overdue 2024-10-11 09:00"}));
}

TEST(ReminderPlan, AMakeUpSundayIsAWorkingDayForTheBeforeReminder) {
  // Due 2024-10-08: (09-29, 10-08] holds 09-30 and 10-08; 09-29 is the Sunday worked for 国庆节.
  const auto d = openFiveWorkingDays({2024, 9, 25});
  ASSERT_EQ(d.due(), (CivilDate{2024, 10, 8}));
  const auto reminders = plan(d, d.triggerAt());
  ASSERT_FALSE(reminders.empty());
  EXPECT_EQ(shanghaiDateTime(reminders[0].at), "2024-09-29 09:00");
  EXPECT_EQ(reminders[0].kind, "reminder.before");
}

TEST(ReminderPlan, RemindersAlreadyPastAreSkippedButTheFirstOverdueIsKept) {
  const auto d = openFiveWorkingDays({2024, 11, 4});  // due 2024-11-11
  // Exactly at the before reminder's time: it is not past yet.
  EXPECT_EQ(plan(d, shanghai({2024, 11, 7}, 9)).size(), 3u);
  // Late on the due day: only the escalation is left.
  EXPECT_EQ(times(plan(d, shanghai({2024, 11, 11}, 10))),
            (std::vector<std::string>{"escalation.overdue 2024-11-12 09:00"}));
  // Days after it: the first escalation is still planned, at its own (past) time, so it fires
  // at once; no stale before / due-day reminders.
  const auto late = plan(d, shanghai({2024, 11, 15}, 16));
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(late[0].kind, "escalation.overdue");
  EXPECT_EQ(shanghaiDateTime(late[0].at), "2024-11-12 09:00");
}

TEST(ReminderPlan, ASuspendedDeadlineGetsNoReminders) {
  auto d = openFiveWorkingDays({2024, 11, 4});
  ASSERT_TRUE(d.pause(shanghai({2024, 11, 5}, 15), "等待申请人补正", shipped()).has_value());
  ASSERT_TRUE(d.suspended());
  auto planned = planReminders(d, 42, ReminderLadders::defaults().defaultLadder, shipped(),
                               shanghai({2024, 11, 5}, 16));
  ASSERT_TRUE(planned.has_value()) << planned.error();
  EXPECT_TRUE(planned->empty());
  EXPECT_FALSE(nextEscalation(d, 42, overdueStep(), shipped(), shanghai({2024, 11, 5}, 16)));
}

std::set<std::string> keys(const std::vector<PlannedReminder>& reminders) {
  std::set<std::string> result;
  for (const auto& r : reminders) result.insert(r.key);
  return result;
}

bool disjoint(const std::set<std::string>& a, const std::set<std::string>& b) {
  return std::none_of(a.begin(), a.end(), [&](const std::string& k) { return b.count(k) > 0; });
}

TEST(ReminderPlan, KeysChangeWhenAnExtensionMovesTheDueDate) {
  auto d = Deadline::open(DeadlineRules::defaults().at(rule_ids::kComplaintConclusion),
                          shanghai({2024, 11, 4}, 10), shipped())
               .value();
  const auto before = plan(d, d.triggerAt());
  ASSERT_TRUE(d.extend({15, "局长", shanghai({2024, 11, 20}, 10), "案情复杂"}, shipped()));
  ASSERT_NE(d.due(), shanghaiDate(before[1].at));
  const auto after = plan(d, shanghai({2024, 11, 20}, 10));
  ASSERT_EQ(after.size(), 3u);
  EXPECT_TRUE(disjoint(keys(before), keys(after)));
  EXPECT_NE(after[1].key.find(formatDate(d.due())), std::string::npos) << after[1].key;
}

TEST(ReminderPlan, KeysChangeAfterAPauseEvenWhenTheDueDateStays) {
  // Paused and resumed the same day costs nothing: same due date, but the lead cancelled the
  // timers at the pause, so the re-plan needs keys the store has not seen.
  auto d = openFiveWorkingDays({2024, 11, 4});
  const auto first = plan(d, d.triggerAt());
  ASSERT_TRUE(d.pause(shanghai({2024, 11, 5}, 11), "等待补正", shipped()));
  ASSERT_TRUE(d.resume(shanghai({2024, 11, 5}, 15), shipped()));
  ASSERT_EQ(d.due(), (CivilDate{2024, 11, 11}));
  const auto second = plan(d, d.triggerAt());
  EXPECT_EQ(times(first), times(second));
  EXPECT_TRUE(disjoint(keys(first), keys(second)));
  EXPECT_EQ(second[0].key, "deadline:42:before:2:2024-11-11:r1");
}

TEST(ReminderPlan, ReplanningUnchangedFactsGivesTheSameKeys) {
  const auto d = openFiveWorkingDays({2024, 11, 4});
  EXPECT_EQ(plan(d, d.triggerAt()), plan(d, d.triggerAt()));
}

TEST(ReminderPlan, ABeforeStepLongerThanTheDeadlineIsSkipped) {
  ReminderLadder ladder;
  ladder.steps = {{ReminderStep::When::WorkingDaysBefore, 10, 9, 0, "handler"},
                  {ReminderStep::When::WorkingDaysBefore, 4, 8, 30, "unit_head"}};
  const auto d = openFiveWorkingDays({2024, 11, 4});
  // Ten working days before 11-11 is before the deadline was opened; four is Tuesday 11-05.
  const auto reminders = plan(d, 0, ladder);
  ASSERT_EQ(reminders.size(), 1u);
  EXPECT_EQ(shanghaiDateTime(reminders[0].at), "2024-11-05 08:30");
  EXPECT_EQ(reminders[0].stepIndex, 1);
  EXPECT_EQ(reminders[0].audience, "unit_head");
}

TEST(ReminderPlan, AZeroDayBeforeStepBuiltInCodeIsAnError) {
  ReminderLadder ladder;
  ladder.steps = {{ReminderStep::When::WorkingDaysBefore, 0, 9, 0, "handler"}};
  const auto d = openFiveWorkingDays({2024, 11, 4});
  EXPECT_FALSE(planReminders(d, 42, ladder, shipped(), 0).has_value());
}

TEST(ReminderPlan, PlansFollowAPerRuleOverrideFromJson) {
  auto ladders = ReminderLadders::fromJson(nlohmann::json::parse(R"({"rules": {
    "complaint.handling_opinion": [
      {"when": "due_day", "time": "14:30", "audience": "unit_head"},
      {"when": "working_days_before", "workingDays": 1, "time": "08:00", "audience": "handler"}
    ]}})"));
  ASSERT_TRUE(ladders.has_value()) << ladders.error();
  const auto d = openFiveWorkingDays({2024, 11, 4});
  const auto reminders = plan(d, d.triggerAt(), ladders->forRule(d.rule().id()));
  // Sorted by time, not by ladder order; no overdue step in this ladder, so no escalation.
  EXPECT_EQ(times(reminders), (std::vector<std::string>{"reminder.before 2024-11-08 08:00",
                                                        "reminder.due_day 2024-11-11 14:30"}));
  EXPECT_EQ(reminders[0].stepIndex, 1);
  EXPECT_EQ(reminders[1].audience, "unit_head");
}

TEST(ReminderPlan, NextEscalationSkipsWeekendsAndHolidaysButNotMakeUpDays) {
  const auto d = openFiveWorkingDays({2024, 9, 2});
  ASSERT_EQ(d.due(), (CivilDate{2024, 9, 9}));
  // Friday 09-27 -> Sunday 09-29, a make-up working day for 国庆节 (Saturday 09-28 is rest).
  auto next = nextEscalation(d, 42, overdueStep(), shipped(), shanghai({2024, 9, 27}, 9), 2);
  ASSERT_TRUE(next.has_value()) << next.error();
  EXPECT_EQ(shanghaiDateTime(next->at), "2024-09-29 09:00");
  EXPECT_EQ(next->kind, "escalation.overdue");
  EXPECT_EQ(next->audience, "leading_group_office");
  EXPECT_EQ(next->key, "deadline:42:overdue:2024-09-29:2024-09-09");
  EXPECT_EQ(next->stepIndex, 2);
  // Monday 09-30 -> Tuesday 10-08, over the National Day holiday.
  next = nextEscalation(d, 42, overdueStep(), shipped(), shanghai({2024, 9, 30}, 9, 0), 2);
  ASSERT_TRUE(next.has_value()) << next.error();
  EXPECT_EQ(shanghaiDateTime(next->at), "2024-10-08 09:00");
  EXPECT_EQ(next->key, "deadline:42:overdue:2024-10-08:2024-09-09");
}

TEST(ReminderPlan, NextEscalationIsOnTheDayAfterTheShanghaiDateOfTheFiring) {
  const auto d = openFiveWorkingDays({2024, 9, 2});
  // 2024-09-23 23:30 in Shanghai is still 09-23 (15:30 UTC): the next link is 09-24.
  auto next = nextEscalation(d, 42, overdueStep(), shipped(), shanghai({2024, 9, 23}, 23, 30));
  ASSERT_TRUE(next.has_value()) << next.error();
  EXPECT_EQ(shanghaiDateTime(next->at), "2024-09-24 09:00");
  // A first escalation that fired late (a deadline planned long after it ran out) is followed
  // by the next working day after the firing, not a catch-up of every missed day.
  const auto first = plan(d, shanghai({2024, 9, 20}, 11));
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(shanghaiDateTime(first[0].at), "2024-09-10 09:00");
  next = nextEscalation(d, 42, overdueStep(), shipped(), shanghai({2024, 9, 20}, 11));
  ASSERT_TRUE(next.has_value()) << next.error();
  EXPECT_EQ(shanghaiDateTime(next->at), "2024-09-23 09:00");
}

TEST(ReminderPlan, NextEscalationNeverComesBeforeTheDeadlineIsOverdue) {
  const auto d = openFiveWorkingDays({2024, 9, 2});  // due 09-09
  auto next = nextEscalation(d, 42, overdueStep(), shipped(), shanghai({2024, 9, 3}, 9));
  ASSERT_TRUE(next.has_value()) << next.error();
  EXPECT_EQ(shanghaiDateTime(next->at), "2024-09-10 09:00");
  EXPECT_EQ(next->key, plan(d, 0)[2].key);  // the first link: the same timer, not a second one
}

TEST(ReminderPlan, NextEscalationRefusesAStepThatIsNotAnOverdueChain) {
  const auto d = openFiveWorkingDays({2024, 9, 2});
  const ReminderStep dueDay = ReminderLadders::defaults().defaultLadder.steps[1];
  EXPECT_FALSE(nextEscalation(d, 42, dueDay, shipped(), shanghai({2024, 9, 10}, 9)).has_value());
}

}  // namespace
}  // namespace civicdesk::workflows
