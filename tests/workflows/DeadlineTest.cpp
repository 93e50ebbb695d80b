// A deadline's day 0, its end at 24:00 Asia/Shanghai, and overdue (RULES.md "Deadlines: how
// they are counted").
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

Deadline openAt(std::string_view rule, std::int64_t triggerAt) {
  auto deadline = Deadline::open(DeadlineRules::defaults().at(rule), triggerAt, shipped());
  EXPECT_TRUE(deadline.has_value()) << deadline.error().message;
  return std::move(deadline.value());
}

TEST(Deadline, ATriggerOnASaturdayCountsFromThatSaturday) {
  // 2024-03-02 is a Saturday: day 0 is that Saturday, not the Monday after.
  const auto opinion = openAt(rule_ids::kComplaintHandlingOpinion, shanghai({2024, 3, 2}, 10));
  EXPECT_EQ(opinion.triggerDay(), (CivilDate{2024, 3, 2}));
  EXPECT_EQ(opinion.due(), (CivilDate{2024, 3, 8}));  // 03-04..08; from Monday it would be 03-11
  const auto conclusion = openAt(rule_ids::kComplaintConclusion, shanghai({2024, 3, 2}, 10));
  EXPECT_EQ(conclusion.due(), (CivilDate{2024, 4, 1}));  // 03-02 + 30 days, a Monday
}

TEST(Deadline, TheTriggerDayIsTheShanghaiDate) {
  // 23:30 in Shanghai is 15:30 UTC the same day; 00:30 in Shanghai is still the previous UTC day.
  EXPECT_EQ(openAt(rule_ids::kComplaintHandlingOpinion, shanghai({2024, 9, 27}, 23, 30)).due(),
            (CivilDate{2024, 10, 10}));
  EXPECT_EQ(openAt(rule_ids::kComplaintHandlingOpinion, shanghai({2024, 9, 27}, 0, 30)).due(),
            (CivilDate{2024, 10, 10}));
  EXPECT_EQ(openAt(rule_ids::kComplaintHandlingOpinion, shanghai({2024, 9, 28}, 0, 0)).due(),
            (CivilDate{2024, 10, 10}));  // the Saturday after: 09-29 is counted either way
}

TEST(Deadline, DueAtIsMidnightShanghaiThatIsSixteenHundredUtcOfTheDueDay) {
  const auto deadline = openAt(rule_ids::kComplaintHandlingOpinion, 1727402400);  // 09-27 10:00
  EXPECT_EQ(deadline.due(), (CivilDate{2024, 10, 10}));
  EXPECT_EQ(deadline.dueAt(), 1728576000);  // date -u -d 2024-10-10T16:00:00Z +%s
  EXPECT_FALSE(deadline.provisional());
}

TEST(Deadline, IsOverdueFromTheFirstSecondAfterTheDueDay) {
  const auto deadline = openAt(rule_ids::kComplaintHandlingOpinion, 1727402400);
  EXPECT_FALSE(deadline.isOverdue(1728576000 - 1));  // 2024-10-10 23:59:59 in Shanghai
  EXPECT_TRUE(deadline.isOverdue(1728576000));       // 2024-10-11 00:00:00
  EXPECT_FALSE(deadline.isOverdue(1727402400));
}

TEST(Deadline, ExplainsItsRuleAndItsCounting) {
  const auto deadline = openAt(rule_ids::kComplaintHandlingOpinion, 1727402400);
  const std::string& text = deadline.explanation();
  EXPECT_NE(text.find("提出办理意见"), std::string::npos) << text;
  EXPECT_NE(text.find("Art. 9"), std::string::npos) << text;
  EXPECT_NE(text.find("受理于2024-09-27 10:00"), std::string::npos) << text;
  EXPECT_NE(text.find("09-29（周日，国庆节调休上班）"), std::string::npos) << text;
  EXPECT_NE(text.find("届满日：2024-10-10（周四）"), std::string::npos) << text;
}

TEST(Deadline, ATriggerOutsideTheCalendarIsAnError) {
  const auto deadline = Deadline::open(DeadlineRules::defaults().at(rule_ids::kComplaintFeedback),
                                       shanghai({2017, 12, 30}, 9), shipped());
  ASSERT_FALSE(deadline.has_value());
  EXPECT_EQ(deadline.error().code, DeadlineError::Code::Calendar);
}

}  // namespace
}  // namespace civicdesk::workflows
