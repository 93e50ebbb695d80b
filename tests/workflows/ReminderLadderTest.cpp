// Reminder ladders from configuration (issue 3): the shipped file, per-rule overrides, and the
// strictness every file deciding legal deadlines has.
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "workflows/deadlines/DeadlineRules.hpp"
#include "workflows/reminders/ReminderLadder.hpp"

namespace civicdesk::workflows {
namespace {

using json = nlohmann::json;
using When = ReminderStep::When;

std::string errorOf(const json& document) {
  auto ladders = ReminderLadders::fromJson(document);
  EXPECT_FALSE(ladders.has_value()) << document.dump();
  return ladders ? std::string() : ladders.error();
}

json withDefaultStep(json step) {
  return json{{"default", json::array({std::move(step)})}};
}

TEST(ReminderLadder, DefaultsAreTwoWorkingDaysBeforeTheDueDayAndOverdueEscalation) {
  const auto ladders = ReminderLadders::defaults();
  ASSERT_EQ(ladders.defaultLadder.steps.size(), 3u);
  const auto& steps = ladders.defaultLadder.steps;
  EXPECT_EQ(steps[0], (ReminderStep{When::WorkingDaysBefore, 2, 9, 0, "handler"}));
  EXPECT_EQ(steps[1], (ReminderStep{When::DueDay, 0, 9, 0, "handler"}));
  EXPECT_EQ(steps[2], (ReminderStep{When::OverdueEachWorkingDay, 0, 9, 0, "leading_group_office"}));
  // One rule has its own: the applicant's supplement period ends in withdrawal, not reminders.
  ASSERT_EQ(ladders.byRule.size(), 2u);
  EXPECT_EQ(ladders.forRule("info_request.third_party").steps,
            (std::vector<ReminderStep>{{When::DueDay, 0, 9, 0, "handler"}}));
  const auto& supplement = ladders.forRule("info_request.supplement_period").steps;
  EXPECT_EQ(supplement,
            (std::vector<ReminderStep>{{When::OverdueEachWorkingDay, 0, 9, 0, "handler"}}));
}

TEST(ReminderLadder, TheShippedFileHoldsExactlyTheDefaults) {
  const auto loaded =
      ReminderLadders::load(std::string(CIVICDESK_SOURCE_DIR) + "/config/reminders.json");
  EXPECT_EQ(loaded, ReminderLadders::defaults());
}

TEST(ReminderLadder, ARuleOverrideReplacesTheDefaultLadderForThatRuleOnly) {
  const json document = json::parse(R"({
    "_comment": "test",
    "rules": {"complaint.conclusion": [
      {"when": "working_days_before", "workingDays": 5, "time": "08:30", "audience": "unit_head"},
      {"when": "overdue_each_working_day", "time": "10:15", "audience": "leading_group_office"}
    ]}
  })");
  auto ladders = ReminderLadders::fromJson(document);
  ASSERT_TRUE(ladders.has_value()) << ladders.error();
  const auto& conclusion = ladders->forRule(rule_ids::kComplaintConclusion);
  ASSERT_EQ(conclusion.steps.size(), 2u);
  EXPECT_EQ(conclusion.steps[0], (ReminderStep{When::WorkingDaysBefore, 5, 8, 30, "unit_head"}));
  EXPECT_EQ(conclusion.steps[1],
            (ReminderStep{When::OverdueEachWorkingDay, 0, 10, 15, "leading_group_office"}));
  // Other rules, and a "default" left out, keep the built-in default ladder.
  EXPECT_EQ(ladders->forRule(rule_ids::kComplaintFeedback),
            ReminderLadders::defaults().defaultLadder);
}

TEST(ReminderLadder, AnEmptyLadderMeansNoRemindersForThatRule) {
  auto ladders =
      ReminderLadders::fromJson(json{{"rules", {{"coordination.reply", json::array()}}}});
  ASSERT_TRUE(ladders.has_value()) << ladders.error();
  EXPECT_TRUE(ladders->forRule(rule_ids::kCoordinationReply).steps.empty());
}

TEST(ReminderLadder, UnknownKeysAreRefusedAndNamed) {
  EXPECT_NE(errorOf(json{{"defualt", json::array()}}).find("\"defualt\""), std::string::npos);
  const std::string step = errorOf(withDefaultStep(
      {{"when", "due_day"}, {"time", "09:00"}, {"audience", "handler"}, {"hour", 9}}));
  EXPECT_NE(step.find("default[0]"), std::string::npos) << step;
  EXPECT_NE(step.find("\"hour\""), std::string::npos) << step;
}

TEST(ReminderLadder, BadTimesAreRefused) {
  for (const char* time : {"24:00", "09:60", "9:00", "09-00", "0900", ""}) {
    const std::string error =
        errorOf(withDefaultStep({{"when", "due_day"}, {"time", time}, {"audience", "handler"}}));
    EXPECT_NE(error.find("\"time\""), std::string::npos) << time << ": " << error;
  }
  EXPECT_FALSE(ReminderLadders::fromJson(
                   withDefaultStep({{"when", "due_day"}, {"time", 9}, {"audience", "handler"}}))
                   .has_value());
}

TEST(ReminderLadder, WorkingDaysMustBePositiveAndOnlyOnBeforeSteps) {
  for (const json& days : {json(-1), json(0), json(61), json(1.5), json("2")}) {
    const std::string error = errorOf(withDefaultStep({{"when", "working_days_before"},
                                                       {"workingDays", days},
                                                       {"time", "09:00"},
                                                       {"audience", "handler"}}));
    EXPECT_NE(error.find("workingDays"), std::string::npos) << days << ": " << error;
  }
  EXPECT_NE(
      errorOf(withDefaultStep(
                  {{"when", "working_days_before"}, {"time", "09:00"}, {"audience", "handler"}}))
          .find("workingDays"),
      std::string::npos);
  EXPECT_NE(errorOf(withDefaultStep({{"when", "due_day"},
                                     {"workingDays", 1},
                                     {"time", "09:00"},
                                     {"audience", "handler"}}))
                .find("only for working_days_before"),
            std::string::npos);
}

TEST(ReminderLadder, UnknownAudienceOrWhenIsRefusedNamingTheRuleAndStep) {
  const json document =
      json{{"rules",
            {{"complaint.conclusion",
              json::array({{{"when", "due_day"}, {"time", "09:00"}, {"audience", "handler"}},
                           {{"when", "due_day2"}, {"time", "09:00"}, {"audience", "handler"}}})}}}};
  const std::string when = errorOf(document);
  EXPECT_NE(when.find("rules.complaint.conclusion[1]"), std::string::npos) << when;
  EXPECT_NE(when.find("due_day2"), std::string::npos) << when;

  const std::string audience =
      errorOf(withDefaultStep({{"when", "due_day"}, {"time", "09:00"}, {"audience", "director"}}));
  EXPECT_NE(audience.find("default[0]"), std::string::npos) << audience;
  EXPECT_NE(audience.find("\"director\""), std::string::npos) << audience;
}

TEST(ReminderLadder, TwoStepsAtTheSameOffsetAreRefusedBecauseTheirKeysWouldCollide) {
  const json due = {{"when", "due_day"}, {"time", "09:00"}, {"audience", "handler"}};
  json other = due;
  other["audience"] = "unit_head";
  other["time"] = "14:00";
  const std::string error = errorOf(json{{"default", json::array({due, other})}});
  EXPECT_NE(error.find("default[1]"), std::string::npos) << error;
}

TEST(ReminderLadder, MalformedShapesAreRefused) {
  errorOf(json::array());
  errorOf(json{{"default", json::object()}});
  errorOf(json{{"rules", json::array()}});
  errorOf(json{{"default", json::array({"due_day"})}});
  EXPECT_NE(errorOf(json{{"rules", {{"conclusion", json::array()}}}}).find("rules.conclusion"),
            std::string::npos);
}

TEST(ReminderLadder, LoadNamesThePathWhenTheFileIsMissingOrRefused) {
  try {
    ReminderLadders::load("/nonexistent/reminders.json");
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/reminders.json"), std::string::npos);
  }
  // A file that is JSON but not a ladder file: the calendar.
  const std::string calendar =
      std::string(CIVICDESK_SOURCE_DIR) + "/config/calendar/cn-holidays.json";
  try {
    ReminderLadders::load(calendar);
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(calendar), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace civicdesk::workflows
