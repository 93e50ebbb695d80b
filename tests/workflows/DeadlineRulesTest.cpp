// Every deadline rule of RULES.md, one test per article, on dates worked out by hand from the
// State Council notices; then the configuration that changes them without a build.
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

Deadline openAtTen(std::string_view rule, CivilDate trigger) {
  auto deadline =
      Deadline::open(DeadlineRules::defaults().at(rule), shanghai(trigger, 10), shipped());
  EXPECT_TRUE(deadline.has_value()) << deadline.error().message;
  return std::move(deadline.value());
}

Extension approved(int units, CivilDate on, std::string approver = "区教育局局长 王某") {
  return {units, std::move(approver), shanghai(on, 11), "需调取外单位档案"};
}

TEST(Complaint_Art9, HandlingOpinionIsDueFiveWorkingDaysAfterAcceptance) {
  EXPECT_EQ(openAtTen(rule_ids::kComplaintHandlingOpinion, {2024, 9, 27}).due(),
            (CivilDate{2024, 10, 10}));
  auto opinion = openAtTen(rule_ids::kComplaintHandlingOpinion, {2024, 9, 27});
  EXPECT_EQ(opinion.extend(approved(2, {2024, 9, 30}), shipped()).error().code,
            DeadlineError::Code::NotExtendable);
}

TEST(Complaint_Art10, ConclusionIsThirtyDaysExtendableOnceByFifteen) {
  auto conclusion = openAtTen(rule_ids::kComplaintConclusion, {2024, 9, 2});
  EXPECT_EQ(conclusion.due(), (CivilDate{2024, 10, 8}));  // day 30 is 10-02, National Day
  const auto extended = conclusion.extend(approved(15, {2024, 10, 8}), shipped());
  ASSERT_TRUE(extended.has_value()) << extended.error().message;
  EXPECT_EQ(conclusion.due(), (CivilDate{2024, 10, 17}));  // day 45
  EXPECT_NE(conclusion.explanation().find("延长15日：区教育局局长 王某"), std::string::npos);
  const auto second = conclusion.extend(approved(15, {2024, 10, 10}), shipped());
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code, DeadlineError::Code::ExtensionLimit);
  EXPECT_NE(second.error().message.find("at most 1 extension"), std::string::npos);
  EXPECT_EQ(conclusion.extensions().size(), 1u);
  EXPECT_EQ(conclusion.due(), (CivilDate{2024, 10, 17}));
}

TEST(Complaint_Art10, AnExtensionNeedsAnApproverAReasonAndAtMostFifteenDays) {
  auto conclusion = openAtTen(rule_ids::kComplaintConclusion, {2024, 9, 2});
  using DeadlineCode = DeadlineError::Code;
  EXPECT_EQ(conclusion.extend(approved(15, {2024, 9, 20}, ""), shipped()).error().code,
            DeadlineCode::NoApprover);
  EXPECT_EQ(conclusion.extend(approved(15, {2024, 9, 20}, "  "), shipped()).error().code,
            DeadlineCode::NoApprover);
  Extension noReason = approved(15, {2024, 9, 20});
  noReason.reason.clear();
  EXPECT_EQ(conclusion.extend(noReason, shipped()).error().code, DeadlineCode::NoApprover);
  EXPECT_EQ(conclusion.extend(approved(16, {2024, 9, 20}), shipped()).error().code,
            DeadlineCode::ExtensionUnits);
  EXPECT_EQ(conclusion.extend(approved(0, {2024, 9, 20}), shipped()).error().code,
            DeadlineCode::ExtensionUnits);
  EXPECT_TRUE(conclusion.extensions().empty());
  EXPECT_EQ(conclusion.due(), (CivilDate{2024, 10, 8}));
}

TEST(Complaint_Art10, AnExtensionAfterTheDeadlineRanOutIsRefused) {
  auto conclusion = openAtTen(rule_ids::kComplaintConclusion, {2024, 9, 2});
  EXPECT_EQ(conclusion.extend(approved(15, {2024, 10, 9}), shipped()).error().code,
            DeadlineError::Code::Expired);
}

TEST(Complaint_Art10, TransferIsDueFiveWorkingDaysAfterTheHandlingOpinion) {
  // 2024-05-11 is a Saturday worked for May Day.
  EXPECT_EQ(openAtTen(rule_ids::kComplaintTransfer, {2024, 5, 6}).due(), (CivilDate{2024, 5, 11}));
}

TEST(Complaint_Art10, TransferredConclusionIsThirtyDaysPlusFifteenWithConsent) {
  auto transferred = openAtTen(rule_ids::kComplaintTransferredConclusion, {2024, 1, 15});
  EXPECT_EQ(transferred.due(),
            (CivilDate{2024, 2, 18}));  // day 30 in Spring Festival; 02-18 worked
  ASSERT_TRUE(
      transferred.extend(approved(15, {2024, 2, 5}, "区政府办公室（移交机关）"), shipped()));
  EXPECT_EQ(transferred.due(), (CivilDate{2024, 2, 29}));
  EXPECT_NE(transferred.explanation().find("经移交机关同意"), std::string::npos);
}

TEST(Complaint_Art13, FeedbackIsDueFiveWorkingDaysAfterTheConclusion) {
  EXPECT_EQ(openAtTen(rule_ids::kComplaintFeedback, {2024, 4, 30}).due(), (CivilDate{2024, 5, 10}));
}

TEST(Complaint_AcceptanceDecision, IsThreeWorkingDaysByDefaultNotByTheRegulation) {
  const auto& rule = DeadlineRules::defaults().at(rule_ids::kComplaintAcceptanceDecision);
  EXPECT_TRUE(rule.article.empty());
  EXPECT_EQ(openAtTen(rule_ids::kComplaintAcceptanceDecision, {2024, 2, 8}).due(),
            (CivilDate{2024, 2, 19}));
}

TEST(Review_Art12, ConfidentialityOpinionIsDueThreeWorkingDaysAfterTheRequest) {
  EXPECT_EQ(openAtTen(rule_ids::kReviewConfidentialityOpinion, {2025, 9, 30}).due(),
            (CivilDate{2025, 10, 11}));
}

TEST(Coordination_Art5, WrittenReplyIsDueTenWorkingDaysAfterTheRequest) {
  EXPECT_EQ(openAtTen(rule_ids::kCoordinationReply, {2023, 6, 20}).due(), (CivilDate{2023, 7, 5}));
}

TEST(InfoRequest_Art33, ReplyIsTwentyWorkingDaysExtendableOnceByTwenty) {
  auto reply = openAtTen(rule_ids::kInfoRequestReply, {2024, 3, 4});
  EXPECT_EQ(reply.due(), (CivilDate{2024, 4, 1}));
  ASSERT_TRUE(reply.extend(approved(20, {2024, 3, 29}, "政务公开办主任 李某"), shipped()));
  EXPECT_EQ(reply.due(), (CivilDate{2024, 4, 29}));  // 40 working days, 04-07 and 04-28 worked
  EXPECT_EQ(reply.extend(approved(1, {2024, 4, 2}), shipped()).error().code,
            DeadlineError::Code::ExtensionLimit);
  EXPECT_TRUE(DeadlineRules::defaults().at(rule_ids::kInfoRequestReply).extension.notifyCitizen);
}

TEST(InfoRequest_Art30, SupplementNoticeIsDueSevenWorkingDaysAfterReceipt) {
  EXPECT_EQ(openAtTen(rule_ids::kInfoRequestSupplementNotice, {2025, 1, 24}).due(),
            (CivilDate{2025, 2, 10}));
}

TEST(InfoRequest_Art32, ThirdPartyHasFifteenWorkingDays) {
  EXPECT_EQ(openAtTen(rule_ids::kInfoRequestThirdParty, {2019, 4, 24}).due(),
            (CivilDate{2019, 5, 16}));
}

}  // namespace
}  // namespace civicdesk::workflows
