// The calendar file refuses bad data, naming the entry; the calendar refuses dates it cannot
// answer for (RULES.md: "A date before the first loaded year is an error, never a guess").
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/TempDir.hpp"
#include "tests/workflows/ShippedCalendar.hpp"
#include "workflows/calendar/WorkingDayCalendar.hpp"

namespace civicdesk::workflows {
namespace {

using test::shipped;
using test::shippedCalendarPath;

using nlohmann::json;

json small() {
  return {{"source", "test"},
          {"years",
           {{"2024", {{"complete", true}, {"off", {"2024-10-01"}}, {"work", {"2024-09-29"}}}},
            {"2025", {{"complete", false}}}}}};
}

std::string refusal(const json& document) {
  const auto calendar = WorkingDayCalendar::fromJson(document);
  return calendar.has_value() ? "(accepted)" : calendar.error();
}

TEST(CalendarFile, RefusesADateListedBothOffAndWork) {
  json j = small();
  j["years"]["2024"]["work"].push_back("2024-10-01");
  EXPECT_EQ(refusal(j), "years.2024: 2024-10-01 is listed both off and work");
}

TEST(CalendarFile, RefusesADateOutsideItsYear) {
  json j = small();
  j["years"]["2024"]["off"].push_back("2025-01-01");
  EXPECT_EQ(refusal(j), "years.2024.off: 2025-01-01 is outside its year");
}

TEST(CalendarFile, RefusesMalformedAndNonExistentDates) {
  for (const char* bad : {"2024-02-30", "2024-1-01", "20240101", "2024-13-01", ""}) {
    json j = small();
    j["years"]["2024"]["off"].push_back(bad);
    EXPECT_NE(refusal(j).find("is not a YYYY-MM-DD date"), std::string::npos) << bad;
  }
}

TEST(CalendarFile, RefusesTheSameDateTwice) {
  json j = small();
  j["years"]["2024"]["off"].push_back("2024-10-01");
  EXPECT_EQ(refusal(j), "years.2024: 2024-10-01 is listed twice");
}

TEST(CalendarFile, RefusesAnIncompleteYearThatListsDays) {
  json j = small();
  j["years"]["2025"]["off"] = {"2025-01-01"};
  EXPECT_NE(refusal(j).find("years.2025 is not complete but lists days"), std::string::npos);
}

TEST(CalendarFile, RefusesStructuralMistakes) {
  json gap = small();
  gap["years"]["2027"] = {{"complete", false}};
  EXPECT_EQ(refusal(gap), "years: 2026 is missing (years must be contiguous)");
  json none = small();
  none["years"]["2024"] = {{"complete", false}};
  EXPECT_EQ(refusal(none), "no year is complete");
  json typo = small();
  typo["years"]["2024"]["of"] = json::array();
  EXPECT_EQ(refusal(typo), "years.2024: unknown key \"of\"");
  json noOff = small();
  noOff["years"]["2024"]["off"] = json::array();
  EXPECT_NE(refusal(noOff).find("lists no day off"), std::string::npos);
  json name = small();
  name["years"]["2024"]["names"] = {{"2024-10-02", "国庆节"}};
  EXPECT_EQ(refusal(name), "years.2024.names: \"2024-10-02\" is not a listed date");
  json format = small();
  format["format"] = "civicdesk-calendar/9";
  EXPECT_NE(refusal(format).find("format"), std::string::npos);
  json year = small();
  year["years"]["1999"] = {{"complete", false}};
  EXPECT_EQ(refusal(year), "years: \"1999\" is not a year from 2000 to 2199");
  EXPECT_EQ(refusal(json::array()), "the calendar is not a JSON object");
}

TEST(CalendarFile, LoadThrowsWithThePathWhenTheFileIsUnusable) {
  testing::TempDir dir;
  std::ofstream(dir.file("bad.json")) << "{ not json";
  std::ofstream(dir.file("refused.json")) << json{{"source", "x"}, {"years", json::object()}};
  for (const auto& path :
       {dir.file("missing.json"), dir.file("bad.json"), dir.file("refused.json")}) {
    try {
      WorkingDayCalendar::load(path);
      ADD_FAILURE() << path << " was accepted";
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    }
  }
}

TEST(CalendarErrors, ADateBeforeTheFirstLoadedYearIsAnErrorNeverAGuess) {
  const auto before = shipped().addWorkingDays({2017, 12, 29}, 5);
  ASSERT_FALSE(before.has_value());
  EXPECT_EQ(before.error().code, CalendarError::Code::BeforeRange);
  EXPECT_NE(before.error().message.find("2018-01-01"), std::string::npos);
  EXPECT_FALSE(shipped().isWorkingDay({2017, 12, 31}).has_value());
  EXPECT_FALSE(shipped().workingDaysBetween({2017, 12, 31}, {2018, 1, 5}).has_value());
  EXPECT_TRUE(shipped().addWorkingDays({2018, 1, 1}, 5).has_value());
}

TEST(CalendarErrors, ADateFarPastTheLoadedYearsIsAnError) {
  // The last complete year is 2026: two provisional years follow, then nothing.
  EXPECT_TRUE(shipped().isWorkingDay({2028, 12, 31}).has_value());
  const auto far = shipped().isWorkingDay({2029, 1, 1});
  ASSERT_FALSE(far.has_value());
  EXPECT_EQ(far.error().code, CalendarError::Code::BeyondRange);
  const auto overflow = shipped().addWorkingDays({2028, 12, 1}, 40);
  ASSERT_FALSE(overflow.has_value());
  EXPECT_EQ(overflow.error().code, CalendarError::Code::BeyondRange);
  EXPECT_FALSE(shipped().addDays({2028, 12, 20}, 30).has_value());
  EXPECT_FALSE(shipped().addDays({2028, 12, 30}, 1).has_value());  // 12-31 is a Sunday
}

TEST(CalendarErrors, RefusesDatesThatDoNotExistAndNegativeCounts) {
  EXPECT_EQ(shipped().isWorkingDay({2023, 2, 29}).error().code,
            CalendarError::Code::InvalidArgument);
  EXPECT_EQ(shipped().addWorkingDays({2024, 1, 2}, -1).error().code,
            CalendarError::Code::InvalidArgument);
  EXPECT_EQ(shipped().addDays({2024, 1, 2}, -1).error().code, CalendarError::Code::InvalidArgument);
}

TEST(CalendarFile, ShippedFileIsWhatTheConverterBuildsFromTheUpstreamData) {
  const std::filesystem::path source =
      std::filesystem::path(CIVICDESK_SOURCE_DIR) / ".." / "shared" / "data" / "holiday-cn";
  if (!std::filesystem::exists(source / "2024.json") || std::system("python3 -c '' 2>/dev/null")) {
    GTEST_SKIP() << "needs python3 and " << source;
  }
  testing::TempDir dir;
  const std::string command = std::string(CIVICDESK_SOURCE_DIR) + "/scripts/build-calendar '" +
                              source.string() + "' '" + dir.file("built.json") + "' >/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  const auto read = [](const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  };
  EXPECT_EQ(read(dir.file("built.json")), read(shippedCalendarPath()))
      << "config/calendar/cn-holidays.json is stale: run scripts/build-calendar";
}

}  // namespace
}  // namespace civicdesk::workflows
