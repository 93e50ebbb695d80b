// A deadline as the store keeps it: facts and last schedule round-trip; a damaged record is
// refused rather than trusted.
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
using test::shipped;

using nlohmann::json;

// A conclusion deadline with a closed pause, an extension and an open pause.
Deadline busy() {
  auto deadline = Deadline::open(DeadlineRules::defaults().at(rule_ids::kComplaintConclusion),
                                 shanghai({2024, 9, 2}, 10), shipped())
                      .value();
  EXPECT_TRUE(deadline.pause(shanghai({2024, 9, 10}, 15), "等待投诉人补充证据", shipped()));
  EXPECT_TRUE(deadline.resume(shanghai({2024, 9, 13}, 9), shipped()));
  EXPECT_TRUE(deadline.extend({15, "区教育局局长 王某", shanghai({2024, 10, 8}, 11), "需调取档案"},
                              shipped()));
  EXPECT_TRUE(deadline.pause(shanghai({2024, 10, 9}, 9), "第三方征求意见", shipped()));
  return deadline;
}

TEST(DeadlineJson, RoundTripKeepsFactsAndSchedule) {
  const Deadline original = busy();
  const json stored = original.toJson();
  const auto restored = Deadline::fromJson(json::parse(stored.dump()));
  ASSERT_TRUE(restored.has_value()) << restored.error();
  EXPECT_EQ(restored->rule(), original.rule());
  EXPECT_EQ(restored->triggerAt(), original.triggerAt());
  EXPECT_EQ(restored->pauses(), original.pauses());
  EXPECT_EQ(restored->extensions(), original.extensions());
  EXPECT_TRUE(restored->schedule().sameOutcome(original.schedule()));
  EXPECT_EQ(restored->explanation(), original.explanation());
  EXPECT_TRUE(restored->suspended());
  EXPECT_EQ(restored->toJson(), stored);
}

TEST(DeadlineJson, ARestoredDeadlineRecomputesToTheSameOutcomeAndCarriesOn) {
  auto restored = Deadline::fromJson(busy().toJson()).value();
  const auto again = restored.recompute(shipped());
  ASSERT_TRUE(again.has_value());
  EXPECT_FALSE(again->changed());
  ASSERT_TRUE(restored.resume(shanghai({2024, 10, 14}, 9), shipped()));
  EXPECT_FALSE(restored.suspended());
  // 30 + 15 + 3 (09-11..13) + 5 (10-10..14) = 53 days: 10-25 (Friday).
  EXPECT_EQ(restored.due(), (CivilDate{2024, 10, 25}));
}

TEST(DeadlineJson, RefusesADamagedRecord) {
  const json good = busy().toJson();
  const auto refusal = [](const json& j) {
    const auto deadline = Deadline::fromJson(j);
    return deadline.has_value() ? std::string("(accepted)") : deadline.error();
  };
  json dueAt = good;
  dueAt["schedule"]["dueAt"] = dueAt["schedule"]["dueAt"].get<std::int64_t>() + 1;
  EXPECT_NE(refusal(dueAt).find("dueAt"), std::string::npos);
  json twoOpen = good;
  twoOpen["pauses"][0]["endAt"] = nullptr;
  EXPECT_NE(refusal(twoOpen).find("only the last pause may be open"), std::string::npos);
  json tooMany = good;
  tooMany["extensions"].push_back(tooMany["extensions"][0]);
  EXPECT_NE(refusal(tooMany).find("extensions"), std::string::npos);
  json missing = good;
  missing.erase("triggerAt");
  EXPECT_NE(refusal(missing).find("deadline:"), std::string::npos);
  json unknown = good;
  unknown["due"] = "2024-10-10";
  EXPECT_EQ(refusal(unknown), "unknown key \"due\"");
  json badRule = good;
  badRule["rule"]["period"] = "30x";
  EXPECT_NE(refusal(badRule).find("rule:"), std::string::npos);
  json suspended = good;
  suspended["schedule"]["suspended"] = false;
  EXPECT_NE(refusal(suspended).find("suspended"), std::string::npos);
}

}  // namespace
}  // namespace civicdesk::workflows
