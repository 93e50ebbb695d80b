// A provisional deadline (its year's notice not loaded) is recomputed from its own facts when a
// newer calendar is loaded, and says what changed (RULES.md: "when that year is loaded, every
// provisional deadline is recomputed, and anyone whose due date moved is told").
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/workflows/ShippedCalendar.hpp"
#include "workflows/calendar/DateMath.hpp"
#include "workflows/calendar/WorkingDayCalendar.hpp"
#include "workflows/deadlines/Deadline.hpp"
#include "workflows/deadlines/DeadlineRules.hpp"

namespace civicdesk::workflows {
namespace {

using test::shanghai;

using nlohmann::json;

json shippedJson() {
  std::ifstream in(std::string(CIVICDESK_SOURCE_DIR) + "/config/calendar/cn-holidays.json");
  return json::parse(in);
}

WorkingDayCalendar calendarFrom(const json& document) {
  return WorkingDayCalendar::fromJson(document).value();
}

Deadline open(std::string_view rule, CivilDate trigger, const WorkingDayCalendar& calendar) {
  return Deadline::open(DeadlineRules::defaults().at(rule), shanghai(trigger, 10), calendar)
      .value();
}

TEST(DeadlineRecompute, LoadingTheYearMovesAProvisionalDueDateAndSettlesIt) {
  json before2026 = shippedJson();
  before2026["years"]["2026"] = {{"complete", false}};
  auto opinion = open(rule_ids::kComplaintHandlingOpinion, {2026, 9, 30}, calendarFrom(before2026));
  EXPECT_EQ(opinion.due(), (CivilDate{2026, 10, 7}));
  EXPECT_TRUE(opinion.provisional());
  EXPECT_EQ(opinion.schedule().assumedYears, std::vector<int>{2026});
  EXPECT_NE(opinion.explanation().find("【暂定】2026年"), std::string::npos);

  const auto change = opinion.recompute(calendarFrom(shippedJson()));
  ASSERT_TRUE(change.has_value());
  EXPECT_TRUE(change->changed());
  EXPECT_TRUE(change->dueChanged());
  EXPECT_TRUE(change->provisionalChanged());
  EXPECT_EQ(change->summary(), "届满日由2026-10-07（暂定）改为2026-10-13。");
  EXPECT_EQ(opinion.due(), (CivilDate{2026, 10, 13}));
  EXPECT_FALSE(opinion.provisional());
}

TEST(DeadlineRecompute, ASynthetic2027FileSettlesDeadlinesThatReachIntoIt) {
  const auto shipped = calendarFrom(shippedJson());
  json newer = shippedJson();
  newer["years"]["2027"] = {{"complete", true}, {"off", {"2027-01-01"}}};  // made up for the test
  auto conclusion = open(rule_ids::kComplaintConclusion, {2026, 12, 2}, shipped);
  EXPECT_EQ(conclusion.due(), (CivilDate{2027, 1, 1}));  // a Friday, on weekends alone
  EXPECT_TRUE(conclusion.provisional());
  const auto stored = conclusion.toJson();

  auto restored = Deadline::fromJson(stored).value();  // as the store would hold it
  const auto change = restored.recompute(calendarFrom(newer));
  ASSERT_TRUE(change.has_value());
  EXPECT_EQ(change->after.due, (CivilDate{2027, 1, 4}));
  EXPECT_FALSE(change->after.provisional);
  EXPECT_EQ(restored.dueAt(), endOfShanghaiDay({2027, 1, 4}));
}

TEST(DeadlineRecompute, OnlyTheFlagChangesWhenTheDateHolds) {
  json newer = shippedJson();
  newer["years"]["2027"] = {{"complete", true}, {"off", {"2027-01-01"}}};
  auto feedback = open(rule_ids::kComplaintFeedback, {2027, 2, 1}, calendarFrom(shippedJson()));
  EXPECT_TRUE(feedback.provisional());
  const auto change = feedback.recompute(calendarFrom(newer));
  ASSERT_TRUE(change.has_value());
  EXPECT_FALSE(change->dueChanged());
  EXPECT_TRUE(change->changed());
  EXPECT_EQ(change->summary(), "届满日仍为2027-02-08，已不再是暂定（相关年份的放假安排已载入）。");
}

TEST(DeadlineRecompute, TheSameCalendarChangesNothing) {
  const auto shipped = calendarFrom(shippedJson());
  auto opinion = open(rule_ids::kComplaintHandlingOpinion, {2024, 9, 27}, shipped);
  const auto change = opinion.recompute(shipped);
  ASSERT_TRUE(change.has_value());
  EXPECT_FALSE(change->changed());
  EXPECT_EQ(change->summary(), "届满日未变：2024-10-10。");
}

}  // namespace
}  // namespace civicdesk::workflows
