// RULES.md §1 Art. 2, 3, 14: who may act on a complaint case; the workflow state JSON.
#include "workflows/complaints/ComplaintWorkflow.hpp"

#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/workflows/ComplaintWorkflowTestSupport.hpp"
#include "workflows/complaints/CaseStatus.hpp"
#include "workflows/complaints/ComplaintPermissions.hpp"

namespace civicdesk::workflows {
namespace {

using namespace test;  // NOLINT: the shared helpers of these tests

// --- tests -----------------------------------------------------------------------------------
using Code = WorkflowError::Code;

TEST(Complaint_Art3, TheReceivingUnitsStaffTakeTheSteps) {
  for (const char* role : {"handler", "unit_head", "receiving_department"}) {
    Flow f;
    EXPECT_EQ(f.act(AcceptAction{"符合"}, staff(role)).status, CaseStatus::Accepted) << role;
    f.act(HandlingOpinionAction{HandlingMode::Direct, "", ""}, staff(role));
    f.act(InvestigationRequestAction{"记录", 5}, staff(role));
    f.act(ConcludeAction{"属实", {}, {}}, staff(role));
    f.act(FeedbackAction{"已处理"}, staff(role));
    EXPECT_EQ(f.act(ArchiveAction{}, staff(role)).status, CaseStatus::Archived) << role;
  }
}

TEST(Complaint_Art2, AnotherUnitsStaffMayNotAct) {
  Flow f;
  const WorkflowError e =
      f.refuse(AcceptAction{"符合"}, Code::Forbidden, "actor", staff("unit_head", "culture"));
  EXPECT_NE(e.message.find("office"), std::string::npos);
  f.refuse(AcceptAction{"符合"}, Code::Forbidden, "", staff("handler", ""));
}

TEST(Complaint_Art14, TheRespondentUnitMayDoNothingInTheWorkflow) {
  Flow f;
  f.refuse(AcceptAction{"符合"}, Code::Forbidden, "", staff("unit_head", "edu"));
  // Even when the respondent is its own receiving unit: only the supervisors act then.
  Flow self;
  self.c.receivingUnitId = "edu";
  self.refuse(AcceptAction{"符合"}, Code::Forbidden, "", staff("handler", "edu"));
  EXPECT_TRUE(self.tryAct(AcceptAction{"符合"}, staff("leading_group_office", "lgo")));
}

TEST(Complaint_Art3, TheLeadingGroupOfficeAndAdminSuperviseEveryStep) {
  for (const char* role : {"leading_group_office", "admin"}) {
    const Actor supervisor = staff(role, "lgo");
    Flow f;
    f.act(AcceptAction{"符合"}, supervisor);
    f.act(HandlingOpinionAction{HandlingMode::Supervise, "", ""}, supervisor);
    f.act(ExtendAction{"李局长", "需补充调查"}, supervisor);
    f.act(ConcludeAction{"属实", {}, {}}, supervisor);
    f.act(FeedbackAction{"已处理"}, supervisor);
    EXPECT_EQ(f.act(ArchiveAction{}, supervisor).status, CaseStatus::Archived) << role;
  }
}

TEST(Complaint_Art3, ALeaderApprovesExtensionsButDoesNotHandle) {
  Flow f;
  f.refuse(AcceptAction{"符合"}, Code::Forbidden, "", staff("leader"));
  toInvestigating(f);
  EXPECT_TRUE(f.tryAct(ExtendAction{"李局长", "需补充调查"}, staff("leader")));
  f.refuse(ExtendAction{"李局长", "需补充调查"}, Code::Forbidden, "",
           staff("receiving_department"));
}

TEST(Complaint_Art3, TheSystemOnlyArchives) {
  const Actor system{"system", "system", ""};
  Flow f;
  f.refuse(AcceptAction{"符合"}, Code::Forbidden, "", system);
  f.act(NotAcceptAction{InadmissibilityGround::OutsideScope, "不属于受理范围", ""});
  EXPECT_EQ(f.act(ArchiveAction{}, system).status, CaseStatus::Archived);
}

TEST(Complaint_Art3, AnActorWithoutAnIdIsRefused) {
  Flow f;
  f.refuse(AcceptAction{"符合"}, Code::Forbidden, "", Actor{"", "admin", "lgo"});
}

TEST(Complaint_Art3, PermissionIsCheckedBeforeStatusAndFields) {
  Flow f;  // registered: a conclusion is out of order and has no findings
  f.refuse(ConcludeAction{"", {}, {}}, Code::Forbidden, "", staff("handler", "culture"));
  f.refuse(ConcludeAction{"", {}, {}}, Code::NotAllowedNow);
}

TEST(ComplaintWorkflow, NamesOfActionsAndModes) {
  EXPECT_EQ(actionName(AcceptAction{}), "accept");
  EXPECT_EQ(actionName(NotAcceptAction{}), "not_accept");
  EXPECT_EQ(actionName(HandlingOpinionAction{}), "handling_opinion");
  EXPECT_EQ(actionName(TransferAction{}), "transfer");
  EXPECT_EQ(actionName(InvestigationRequestAction{}), "investigation_request");
  EXPECT_EQ(actionName(ExtendAction{}), "extend");
  EXPECT_EQ(actionName(ConcludeAction{}), "conclude");
  EXPECT_EQ(actionName(FeedbackAction{}), "feedback");
  EXPECT_EQ(actionName(ArchiveAction{}), "archive");
  for (auto mode : {HandlingMode::None, HandlingMode::Direct, HandlingMode::Transfer,
                    HandlingMode::Supervise}) {
    EXPECT_EQ(handlingModeFromString(toString(mode)), mode);
  }
  EXPECT_FALSE(handlingModeFromString("Direct"));
}

TEST(ComplaintWorkflow, StateJsonRoundTrip) {
  ComplaintWorkflowState state;
  state.mode = HandlingMode::Transfer;
  state.transferredIn = true;
  state.parentCaseNo = "TS-2026-000001";
  state.childCaseNo = "TS-2026-000002";
  state.transferTargetUnitId = "culture";
  state.notAcceptedGround = InadmissibilityGround::AlreadyDecided;
  state.decisionReason = "理由";
  state.extensionsUsed = 1;
  state.findings = "属实";
  state.orders = {"立即更新", "公开说明"};
  state.remedies = {"已更新"};
  state.feedback = "已处理";
  state.acceptedAt = kNow;
  state.concludedAt = kLater;
  state.feedbackAt = kLater + 1;
  const json j = toJson(state);
  EXPECT_EQ(j.at("mode"), "transfer");
  EXPECT_EQ(j.at("not_accepted_ground"), 4);
  EXPECT_EQ(toJson(complaintWorkflowStateFromJson(j)), j);
  EXPECT_EQ(toJson(complaintWorkflowStateFromJson(json::parse(j.dump()))), j);

  const ComplaintWorkflowState fresh;
  EXPECT_EQ(toJson(complaintWorkflowStateFromJson(toJson(fresh))), toJson(fresh));
  EXPECT_EQ(toJson(complaintWorkflowStateFromJson(json::object())), toJson(fresh));
  EXPECT_TRUE(toJson(fresh).at("parent_case_no").is_null());
}

TEST(ComplaintWorkflow, BadStateJsonThrows) {
  EXPECT_THROW(complaintWorkflowStateFromJson(json::array()), json::exception);
  EXPECT_THROW(complaintWorkflowStateFromJson(json{{"mode", "sideways"}}), json::exception);
  EXPECT_THROW(complaintWorkflowStateFromJson(json{{"not_accepted_ground", 9}}), json::exception);
  EXPECT_THROW(complaintWorkflowStateFromJson(json{{"extensions_used", "one"}}), json::exception);
  EXPECT_THROW(complaintWorkflowStateFromJson(json{{"orders", "x"}}), json::exception);
}

TEST(ComplaintWorkflow, AStepsStateIsTheCaseAfterIt) {
  Flow f;
  toConcluded(f);
  const json j = toJson(f.state);
  EXPECT_EQ(j.at("mode"), "direct");
  EXPECT_EQ(j.at("findings"), "未及时更新公开内容属实");
  EXPECT_EQ(toJson(complaintWorkflowStateFromJson(j)), j);
}

}  // namespace
}  // namespace civicdesk::workflows

namespace civicdesk::workflows {
namespace {

TEST(Complaint_Art2, OnlyTheOfficeAndAdminsSuperviseEveryUnit) {
  EXPECT_TRUE(supervisesAllUnits("leading_group_office"));
  EXPECT_TRUE(supervisesAllUnits("admin"));
  for (auto role : {"handler", "unit_head", "leader", "receiving_department", "system", ""}) {
    EXPECT_FALSE(supervisesAllUnits(role)) << role;
  }
  EXPECT_TRUE(isStaffRole("receiving_department"));
  EXPECT_FALSE(isStaffRole("system"));  // the timer loop is not a member of staff
  EXPECT_EQ(staffRoles().size(), 6u);
}

}  // namespace
}  // namespace civicdesk::workflows
