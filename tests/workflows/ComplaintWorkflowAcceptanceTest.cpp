// RULES.md §1 Art. 3, 7, 9: the lifecycle order, acceptance and non-acceptance, the handling
// opinion (ComplaintWorkflow.hpp).
#include "workflows/complaints/ComplaintWorkflow.hpp"

#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/workflows/ComplaintWorkflowTestSupport.hpp"
#include "workflows/complaints/CaseStatus.hpp"

namespace civicdesk::workflows {
namespace {

using namespace test;  // NOLINT: the shared helpers of these tests

// --- tests -----------------------------------------------------------------------------------
using Code = WorkflowError::Code;

TEST(Complaint_Art3, EveryStatusHasAStoredName) {
  const std::vector<std::pair<CaseStatus, std::string>> names{
      {CaseStatus::Received, "received"},
      {CaseStatus::Registered, "registered"},
      {CaseStatus::Accepted, "accepted"},
      {CaseStatus::NotAccepted, "not_accepted"},
      {CaseStatus::Investigating, "investigating"},
      {CaseStatus::Transferred, "transferred"},
      {CaseStatus::Concluded, "concluded"},
      {CaseStatus::FeedbackSent, "feedback_sent"},
      {CaseStatus::Archived, "archived"}};
  for (const auto& [status, name] : names) {
    EXPECT_EQ(toString(status), name);
    EXPECT_EQ(caseStatusFromString(name), status) << name;
  }
  EXPECT_FALSE(caseStatusFromString("Accepted"));
  EXPECT_FALSE(caseStatusFromString("feedback-sent"));
}

TEST(Complaint_Art3, ARegisteredCaseMustFirstBeDecided) {
  Flow f;
  f.refuse(HandlingOpinionAction{HandlingMode::Direct, "", ""}, Code::NotAllowedNow, "status");
  f.refuse(TransferAction{}, Code::NotAllowedNow);
  f.refuse(InvestigationRequestAction{"提供更新记录", 5}, Code::NotAllowedNow);
  f.refuse(ExtendAction{"李局长", "情况复杂"}, Code::NotAllowedNow, "", staff("unit_head"));
  f.refuse(ConcludeAction{"属实", {}, {}}, Code::NotAllowedNow);
  f.refuse(FeedbackAction{"已处理"}, Code::NotAllowedNow);
  f.refuse(ArchiveAction{}, Code::NotAllowedNow);
}

TEST(Complaint_Art3, AReceivedCaseIsRegisteredBeforeItIsDecided) {
  Flow f(CaseStatus::Received);
  f.refuse(AcceptAction{"符合第七条"}, Code::NotAllowedNow, "status");
  f.refuse(NotAcceptAction{InadmissibilityGround::OutsideScope, "不属于受理范围", ""},
           Code::NotAllowedNow);
}

TEST(Complaint_Art3, ADecisionIsTakenOnce) {
  Flow f;
  f.act(AcceptAction{"符合第七条"});
  f.refuse(AcceptAction{"再次受理"}, Code::NotAllowedNow);
  f.refuse(NotAcceptAction{InadmissibilityGround::OutsideScope, "不属于受理范围", ""},
           Code::NotAllowedNow);
}

TEST(Complaint_Art7, AcceptMeetsTheDecisionDeadlineAndOpensTheHandlingClocks) {
  Flow f;
  WorkflowStep s = f.act(AcceptAction{"符合第七条，予以受理"});
  EXPECT_EQ(s.status, CaseStatus::Accepted);
  EXPECT_EQ(s.event, "case.accepted");
  EXPECT_NE(s.basis.find("Art. 7"), std::string::npos);
  EXPECT_EQ(s.reason, "符合第七条，予以受理");
  EXPECT_EQ(s.state.acceptedAt, kNow);
  EXPECT_EQ(s.state.mode, HandlingMode::None);
  const std::vector<std::string> expected{
      "meet complaint.acceptance_decision",
      "open complaint.handling_opinion @office " + std::to_string(kNow),
      "open complaint.conclusion @office " + std::to_string(kNow),
      "citizen citizen.case.accepted case_no=TS-2026-000001"};
  EXPECT_EQ(describe(s), expected);
}

TEST(Complaint_Art7, NonAcceptanceNamesTheGroundTheReasonAndWhereToGo) {
  Flow f;
  WorkflowStep s = f.act(NotAcceptAction{InadmissibilityGround::HandledElsewhere,
                                         "同一事项已申请行政复议", "区司法局"});
  EXPECT_EQ(s.status, CaseStatus::NotAccepted);
  EXPECT_EQ(s.event, "case.not_accepted");
  EXPECT_EQ(s.state.notAcceptedGround, InadmissibilityGround::HandledElsewhere);
  EXPECT_EQ(s.state.decisionReason, "同一事项已申请行政复议");
  const std::vector<std::string> expected{
      "meet complaint.acceptance_decision",
      "citizen citizen.case.not_accepted article=第七条第（三）项 case_no=TS-2026-000001 "
      "reason=同一事项已申请行政复议 refer_to=区司法局"};
  EXPECT_EQ(describe(s), expected);
  ASSERT_EQ(s.effects.size(), 2u);
  auto* notice = std::get_if<CitizenNotice>(&s.effects[1]);
  ASSERT_NE(notice, nullptr);
  EXPECT_EQ(notice->values.at("article"), "第七条第（三）项");
}

TEST(Complaint_Art7, NonAcceptanceWithoutAReferralUsesItsOwnText) {
  Flow f;
  WorkflowStep s =
      f.act(NotAcceptAction{InadmissibilityGround::AlreadyDecided, "监督机关已作出处理决定", ""});
  const std::vector<std::string> expected{
      "meet complaint.acceptance_decision",
      "citizen citizen.case.not_accepted.no_referral article=第七条第（四）项 "
      "case_no=TS-2026-000001 reason=监督机关已作出处理决定"};
  EXPECT_EQ(describe(s), expected);
}

TEST(Complaint_Art7, NonAcceptanceNeedsAGroundOfArticle7AndAReason) {
  Flow f;
  f.refuse(NotAcceptAction{InadmissibilityGround::OutsideScope, "", ""}, Code::Invalid, "reason");
  f.refuse(NotAcceptAction{InadmissibilityGround::OutsideScope, " \u3000", ""}, Code::Invalid,
           "reason");
  f.refuse(NotAcceptAction{static_cast<InadmissibilityGround>(0), "理由", ""}, Code::Invalid,
           "ground");
  f.refuse(NotAcceptAction{static_cast<InadmissibilityGround>(6), "理由", ""}, Code::Invalid,
           "ground");
}

TEST(Complaint_Art9, HandlingOpinionMeetsItsDeadlineAndChoosesAMode) {
  for (auto mode : {HandlingMode::Direct, HandlingMode::Supervise}) {
    Flow f;
    f.act(AcceptAction{"符合第七条"});
    WorkflowStep s = f.act(HandlingOpinionAction{mode, "", "由本部门办理"}, staff(), kLater);
    EXPECT_EQ(s.status, CaseStatus::Investigating);
    EXPECT_EQ(s.state.mode, mode);
    EXPECT_EQ(s.event, "case.handling_opinion");
    EXPECT_NE(s.basis.find("Art. 9"), std::string::npos);
    EXPECT_EQ(describe(s), std::vector<std::string>{"meet complaint.handling_opinion"});
  }
}

TEST(Complaint_Art9, ATransferOpinionLeavesATransferPendingWithItsOwnDeadline) {
  Flow f;
  f.act(AcceptAction{"符合第七条"});
  WorkflowStep s = f.act(HandlingOpinionAction{HandlingMode::Transfer, "culture", "属文旅局职责"},
                         staff(), kLater);
  EXPECT_EQ(s.status, CaseStatus::Accepted);
  EXPECT_EQ(s.state.mode, HandlingMode::Transfer);
  EXPECT_EQ(s.state.transferTargetUnitId, "culture");
  const std::vector<std::string> expected{
      "meet complaint.handling_opinion",
      "open complaint.transfer @office " + std::to_string(kLater)};
  EXPECT_EQ(describe(s), expected);
  f.refuse(HandlingOpinionAction{HandlingMode::Direct, "", ""}, Code::NotAllowedNow);
}

TEST(Complaint_Art9, AnOpinionNamesAModeAndATransferItsTarget) {
  Flow f;
  f.act(AcceptAction{"符合第七条"});
  f.refuse(HandlingOpinionAction{HandlingMode::None, "", ""}, Code::Invalid, "mode");
  f.refuse(HandlingOpinionAction{HandlingMode::Transfer, "", ""}, Code::Invalid, "targetUnitId");
  f.refuse(HandlingOpinionAction{HandlingMode::Transfer, "office", ""}, Code::Invalid,
           "targetUnitId");
  f.refuse(HandlingOpinionAction{HandlingMode::Transfer, "edu", ""}, Code::Invalid, "targetUnitId");
}

TEST(Complaint_Art9, TheOpinionIsGivenOnce) {
  Flow f;
  toInvestigating(f);
  f.refuse(HandlingOpinionAction{HandlingMode::Supervise, "", ""}, Code::NotAllowedNow);
}

}  // namespace
}  // namespace civicdesk::workflows
