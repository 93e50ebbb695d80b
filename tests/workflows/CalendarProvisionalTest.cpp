// A year without its official arrangement is computed on weekends alone and every answer that
// touches it is provisional, naming the notice it waits for; loading the year settles it.
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "workflows/calendar/WorkingDayCalendar.hpp"

namespace civicdesk::workflows {
namespace {

using nlohmann::json;

json shippedJson() {
  std::ifstream in(std::string(CIVICDESK_SOURCE_DIR) + "/config/calendar/cn-holidays.json");
  return json::parse(in);
}

WorkingDayCalendar calendarFrom(const json& document) {
  auto calendar = WorkingDayCalendar::fromJson(document);
  EXPECT_TRUE(calendar.has_value()) << calendar.error();
  return std::move(calendar.value());
}

// The shipped data with 2026 as it was before its notice: not complete.
json without2026() {
  json j = shippedJson();
  j["years"]["2026"] = {{"complete", false}};
  return j;
}

// A made-up 2027 arrangement (only New Year's Day), standing for a newer file.
json withSynthetic2027() {
  json j = shippedJson();
  j["years"]["2027"] = {
      {"complete", true}, {"off", {"2027-01-01"}}, {"names", {{"2027-01-01", "元旦"}}}};
  return j;
}

TEST(CalendarProvisional, AYearWithoutItsNoticeIsWeekendsAloneAndProvisional) {
  const auto shipped = calendarFrom(shippedJson());
  const auto newYear = shipped.isWorkingDay({2027, 1, 1});  // surely a holiday, once published
  ASSERT_TRUE(newYear.has_value());
  EXPECT_TRUE(newYear->value);
  EXPECT_TRUE(newYear->provisional);
  EXPECT_EQ(newYear->assumedYears, std::vector<int>{2027});
  EXPECT_FALSE(shipped.isWorkingDay({2027, 1, 2})->value);  // a Saturday is still a Saturday
}

TEST(CalendarProvisional, LoadingTheYearChangesTheDueDateAndSettlesIt) {
  const auto before = calendarFrom(without2026()).addWorkingDays({2026, 9, 30}, 5);
  const auto after = calendarFrom(shippedJson()).addWorkingDays({2026, 9, 30}, 5);
  ASSERT_TRUE(before.has_value() && after.has_value());
  EXPECT_EQ(before->value, (CivilDate{2026, 10, 7}));  // 10-01, 02, 05, 06, 07 on weekends alone
  EXPECT_TRUE(before->provisional);
  EXPECT_EQ(before->assumedYears, std::vector<int>{2026});
  EXPECT_EQ(after->value, (CivilDate{2026, 10, 13}));  // 10-08, 09, 10 (Sat, make-up), 12, 13
  EXPECT_FALSE(after->provisional);
}

TEST(CalendarProvisional, TheLastDaysOfAYearWaitForTheNextYearsNotice) {
  // The 2019 notice rearranged 2018-12-29..31; so may the 2027 notice for late 2026.
  const auto shipped = calendarFrom(shippedJson());
  const auto lateDecember = shipped.addWorkingDays({2026, 12, 24}, 1);
  EXPECT_EQ(lateDecember->value, (CivilDate{2026, 12, 25}));
  EXPECT_EQ(lateDecember->assumedYears, std::vector<int>{2027});
  EXPECT_FALSE(shipped.addWorkingDays({2026, 12, 22}, 2)->provisional);  // 12-24, settled
  const auto settled = calendarFrom(withSynthetic2027());
  EXPECT_FALSE(settled.addWorkingDays({2026, 12, 24}, 1)->provisional);
}

TEST(CalendarProvisional, ANewerFileMovesDueDatesAndTheHorizon) {
  const auto shipped = calendarFrom(shippedJson());
  const auto newer = calendarFrom(withSynthetic2027());
  EXPECT_EQ(shipped.addWorkingDays({2026, 12, 31}, 1)->value, (CivilDate{2027, 1, 1}));
  const auto due = newer.addWorkingDays({2026, 12, 31}, 1);
  EXPECT_EQ(due->value, (CivilDate{2027, 1, 4}));
  EXPECT_FALSE(due->provisional);
  EXPECT_TRUE(newer.covers(2027));
  EXPECT_EQ(newer.lastDate(), (CivilDate{2029, 12, 31}));
  EXPECT_FALSE(shipped.isWorkingDay({2029, 6, 1}).has_value());
  EXPECT_TRUE(newer.isWorkingDay({2029, 6, 1}).has_value());
}

TEST(CalendarProvisional, NamesEveryNoticeAnAnswerWaitsFor) {
  const auto shipped = calendarFrom(shippedJson());
  const auto span = shipped.workingDaysBetween({2026, 12, 1}, {2028, 12, 28});
  ASSERT_TRUE(span.has_value());
  EXPECT_EQ(span->assumedYears, (std::vector<int>{2027, 2028, 2029}));
  EXPECT_FALSE(shipped.workingDaysBetween({2024, 1, 1}, {2026, 12, 24})->provisional);
}

}  // namespace
}  // namespace civicdesk::workflows
