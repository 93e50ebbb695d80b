// DeadlineRules from configuration: a district changes periods and extension limits without a
// build; mistakes are refused at start, naming the rule.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "workflows/deadlines/DeadlineRules.hpp"

namespace civicdesk::workflows {
namespace {

using nlohmann::json;

std::string refusal(const json& overrides) {
  const auto rules = DeadlineRules::fromJson(overrides);
  return rules.has_value() ? "(accepted)" : rules.error();
}

TEST(DeadlineRulesConfig, DefaultsHoldEveryRuleOfTheIssue) {
  const auto rules = DeadlineRules::defaults();
  EXPECT_EQ(rules.all().size(), 12u);
  const auto period = [&](std::string_view id) { return toString(rules.at(id).period); };
  EXPECT_EQ(period(rule_ids::kComplaintHandlingOpinion), "5wd");
  EXPECT_EQ(period(rule_ids::kComplaintConclusion), "30d");
  EXPECT_EQ(period(rule_ids::kComplaintTransfer), "5wd");
  EXPECT_EQ(period(rule_ids::kComplaintTransferredConclusion), "30d");
  EXPECT_EQ(period(rule_ids::kComplaintFeedback), "5wd");
  EXPECT_EQ(period(rule_ids::kComplaintAcceptanceDecision), "3wd");
  EXPECT_EQ(period(rule_ids::kReviewConfidentialityOpinion), "3wd");
  EXPECT_EQ(period(rule_ids::kCoordinationReply), "10wd");
  EXPECT_EQ(period(rule_ids::kInfoRequestReply), "20wd");
  EXPECT_EQ(period(rule_ids::kInfoRequestSupplementNotice), "7wd");
  EXPECT_EQ(period(rule_ids::kInfoRequestThirdParty), "15wd");
  EXPECT_EQ(rules.at(rule_ids::kComplaintConclusion).article, "Art. 10");
  EXPECT_EQ(rules.find("complaint.nonexistent"), nullptr);
  EXPECT_THROW(rules.at("complaint.nonexistent"), std::out_of_range);
}

TEST(DeadlineRulesConfig, AnOverrideChangesOnlyTheFieldsItGives) {
  const auto rules = DeadlineRules::fromJson(
      {{"complaint.acceptance_decision", {{"period", "2wd"}}},
       {"complaint.conclusion", {{"extension", {{"max", 2}, {"units", 10}}}}}});
  ASSERT_TRUE(rules.has_value()) << rules.error();
  EXPECT_EQ(toString(rules->at(rule_ids::kComplaintAcceptanceDecision).period), "2wd");
  const auto& conclusion = rules->at(rule_ids::kComplaintConclusion);
  EXPECT_EQ(toString(conclusion.period), "30d");
  EXPECT_EQ(conclusion.extension.maxExtensions, 2);
  EXPECT_EQ(conclusion.extension.maxUnits, 10);
  EXPECT_EQ(conclusion.extension.approval, "经机关负责人批准");  // kept
  EXPECT_EQ(rules->all().size(), 12u);
}

TEST(DeadlineRulesConfig, ANewRuleMustBeWhole) {
  const json rule = {{"system", "clarification"},
                     {"name", "publish"},
                     {"article", "Art. 6"},
                     {"basis", "RULES.md §3"},
                     {"title", "发布澄清信息"},
                     {"trigger", "确认"},
                     {"period", "1wd"}};
  const auto rules = DeadlineRules::fromJson({{"clarification.publish", rule}});
  ASSERT_TRUE(rules.has_value()) << rules.error();
  EXPECT_EQ(rules->at("clarification.publish").period, (Period{1, PeriodUnit::WorkingDays}));
  EXPECT_NE(refusal({{"clarification.publish", {{"period", "1wd"}}}}).find("must be a string"),
            std::string::npos);
}

TEST(DeadlineRulesConfig, RefusesMistakesNamingTheRule) {
  EXPECT_EQ(refusal({{"complaint.feedback", {{"peroid", "5wd"}}}}),
            "deadline rule complaint.feedback: unknown key \"peroid\"");
  EXPECT_NE(
      refusal({{"complaint.feedback", {{"period", "5 working days"}}}}).find("complaint.feedback"),
      std::string::npos);
  EXPECT_NE(refusal({{"complaint.feedback", {{"name", "conclusion"}}}}).find("give"),
            std::string::npos);
  EXPECT_NE(refusal({{"complaint.feedback", {{"extension", {{"max", 1}}}}}}).find("who approves"),
            std::string::npos);
  EXPECT_NE(refusal({{"complaint.feedback", {{"extension", {{"max", -1}}}}}}).find("0 or more"),
            std::string::npos);
  EXPECT_EQ(refusal(json::array()), "deadline rules must be an object keyed by rule id");
}

TEST(DeadlineRulesConfig, ToJsonIsWhatFromJsonReads) {
  const auto defaults = DeadlineRules::defaults();
  const auto again =
      DeadlineRules::fromJson(defaults.toJson(), DeadlineRules::fromJson(json::object()).value());
  ASSERT_TRUE(again.has_value()) << again.error();
  EXPECT_EQ(again->all(), defaults.all());
}

}  // namespace
}  // namespace civicdesk::workflows
