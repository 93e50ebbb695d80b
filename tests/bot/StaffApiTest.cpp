// The staff API over HTTP: tokens, roles and units, Art. 14 confidentiality, clear errors,
// and complaints registered by staff (Art. 5).
#include <gtest/gtest.h>

#include <thread>

#include "tests/bot/ComplaintFlow.hpp"
#include "tests/bot/ServiceHarness.hpp"
#include "tests/bot/StaffApiClient.hpp"
#include "tests/bot/WeChatTestClient.hpp"

namespace civicdesk::testing {
namespace {

using nlohmann::json;

// A complaint about 青溪区教育局 (edu), received by the leading-group office (office).
std::string fileComplaint(ServiceHarness& harness) {
  WeChatTestClient client(harness.port(), kTestToken, kTestAppId);
  std::uint64_t id = 50000;
  for (const auto& input : complaintInputs()) client.sendText("oStaffApi", input, id++);
  return "TS-2026-000001";
}

TEST(StaffApi, WithoutAValidTokenEverythingIs401) {
  ServiceHarness harness;
  harness.start();
  StaffApiClient anonymous(harness.port(), "");
  EXPECT_EQ(anonymous.get("/api/tasks").status, 401);
  StaffApiClient forged(harness.port(), "cds_0000");
  EXPECT_EQ(forged.get("/api/me").status, 401);
  EXPECT_EQ(forged.act("TS-2026-000001", "accept").status, 401);
}

TEST(StaffApi, MeNamesTheMemberRoleAndUnit) {
  ServiceHarness harness;
  harness.start();
  StaffApiClient staff(harness.port(), harness.addStaff("李四", "handler", "office"));
  auto me = staff.get("/api/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.body["name"], "李四");
  EXPECT_EQ(me.body["role"], "handler");
  EXPECT_EQ(me.body["unit"]["id"], "office");
}

TEST(Complaint_Art14, TheRespondentUnitNeverSeesWhoComplainedAndEveryIdentityReadIsLogged) {
  ServiceHarness harness;
  harness.start();
  const std::string caseNo = fileComplaint(harness);
  StaffApiClient respondent(harness.port(), harness.addStaff("王五", "unit_head", "edu"));
  auto seen = respondent.get("/api/cases/" + caseNo);
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_FALSE(seen.body["complainant"].contains("name"));
  const std::string text = seen.body.dump();
  EXPECT_EQ(text.find("张三"), std::string::npos);
  EXPECT_EQ(text.find("13800138000"), std::string::npos);
  EXPECT_EQ(text.find("人民路100号"), std::string::npos);
  EXPECT_EQ(text.find("oStaffApi"), std::string::npos);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM identity_reads"), 0);

  StaffApiClient receiving(harness.port(), harness.addStaff("李四", "handler", "office"));
  auto full = receiving.get("/api/cases/" + caseNo);
  ASSERT_EQ(full.status, 200);
  EXPECT_EQ(full.body["complainant"]["name"], "张三");
  EXPECT_EQ(full.body["complainant"]["phone"], "13800138000");
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM identity_reads WHERE purpose='case view'"), 1);
}

TEST(StaffApi, ACaseOfAnotherUnitIs403AndAnUnknownCaseIs404) {
  ServiceHarness harness;
  harness.start();
  const std::string caseNo = fileComplaint(harness);
  StaffApiClient other(harness.port(), harness.addStaff("赵六", "handler", "health"));
  EXPECT_EQ(other.get("/api/cases/" + caseNo).status, 403);
  EXPECT_EQ(other.act(caseNo, "accept").status, 403);
  StaffApiClient office(harness.port(), harness.addStaff("李四", "handler", "office"));
  EXPECT_EQ(office.get("/api/cases/TS-2026-999999").status, 404);
  EXPECT_EQ(office.act("TS-2026-999999", "accept").status, 404);
  EXPECT_EQ(office.act(caseNo, "fly").status, 404);
}

TEST(StaffApi, InvalidInputIs422WithTheFieldAndChangesNothing) {
  ServiceHarness harness;
  harness.start();
  const std::string caseNo = fileComplaint(harness);
  StaffApiClient office(harness.port(), harness.addStaff("李四", "handler", "office"));
  auto badGround = office.act(caseNo, "not-accept", {{"ground", 9}, {"reason", "x"}});
  // A number beyond int does not wrap into a valid item (found by the staff_action fuzzer).
  auto hugeGround = office.act(caseNo, "not-accept", {{"ground", 4294967297LL}, {"reason", "x"}});
  EXPECT_EQ(hugeGround.status, 422) << hugeGround.body;
  EXPECT_EQ(badGround.status, 422);
  EXPECT_EQ(badGround.body["field"], "ground");
  EXPECT_EQ(office.postRaw("/api/cases/" + caseNo + "/accept", "{not json").status, 400);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM cases WHERE status='registered'"), 1);
}

TEST(StaffApi, AStepOutOfOrderIs409AndChangesNothing) {
  ServiceHarness harness;
  harness.start();
  const std::string caseNo = fileComplaint(harness);
  StaffApiClient office(harness.port(), harness.addStaff("李四", "handler", "office"));
  auto early = office.act(caseNo, "feedback", {{"text", "已处理"}});
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM cases WHERE status='registered'"), 1);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM events WHERE kind LIKE 'case.%' AND kind != "
                          "'case.registered'"),
            0);
}

TEST(Complaint_Art5, StaffRegisterAComplaintReceivedByLetter) {
  ServiceHarness harness;
  harness.start();
  StaffApiClient office(harness.port(), harness.addStaff("李四", "handler", "office"));
  json form{{"respondentUnitId", "edu"},
            {"ground", 1},
            {"facts", "来信反映区教育局未公开学区划分方案"},
            {"complainant",
             {{"name", "钱七"}, {"address", "青溪区文化路8号"}, {"phone", "13900139000"}}}};
  auto created = office.post("/api/cases", {{"how", "letter"}, {"form", form}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.body["case_no"], "TS-2026-000001");
  EXPECT_EQ(created.body["channel"], "letter");
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM deadlines WHERE rule_id="
                          "'complaint.acceptance_decision'"),
            1);
  // Art. 8: what is missing is named.
  json incomplete = form;
  incomplete["complainant"].erase("address");
  auto refused = office.post("/api/cases", {{"how", "fax"}, {"form", incomplete}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.body["field"], "complainant.address");
  auto wrongWay = office.post("/api/cases", {{"how", "pigeon"}, {"form", form}});
  EXPECT_EQ(wrongWay.status, 422);
  EXPECT_EQ(wrongWay.body["field"], "how");
}

TEST(StaffApi, MyTasksListTheUnitsDeadlinesMostUrgentFirst) {
  ServiceHarness harness;
  harness.start();
  fileComplaint(harness);
  StaffApiClient office(harness.port(), harness.addStaff("李四", "handler", "office"));
  auto tasks = office.get("/api/tasks");
  ASSERT_EQ(tasks.status, 200);
  ASSERT_EQ(tasks.body["tasks"].size(), 1u) << tasks.body;
  EXPECT_EQ(tasks.body["tasks"][0]["rule"], "complaint.acceptance_decision");
  EXPECT_EQ(tasks.body["tasks"][0]["due"], "2026-12-02");
  StaffApiClient respondent(harness.port(), harness.addStaff("王五", "handler", "edu"));
  EXPECT_EQ(respondent.get("/api/tasks").body["tasks"].size(), 0u);
}

}  // namespace
}  // namespace civicdesk::testing

namespace civicdesk::testing {
namespace {

TEST(StaffApiDeliveries, AFailedCitizenNoticeIsVisibleToTheOfficeAndCanBeRetried) {
  ServiceHarness harness;
  harness.start();
  const std::string caseNo = fileComplaint(harness);
  StaffApiClient office(harness.port(), harness.addStaff("李四", "handler", "office"));
  StaffApiClient supervisor(harness.port(),
                            harness.addStaff("孙一", "leading_group_office", "office"));
  // The citizen has left WeChat's 48-hour window: the notice fails for good.
  harness.wechatApi().failNextSends(1, 45015);
  ASSERT_EQ(office.act(caseNo, "accept", {{"basis", "符合受理条件"}}).status, 200);
  ApiAnswer failed;
  for (int i = 0; i < 100; ++i) {
    failed = supervisor.get("/api/deliveries/failed");
    if (failed.status == 200 && !failed.body["failed"].empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(failed.body["failed"].size(), 1u) << failed.body;
  EXPECT_EQ(failed.body["failed"][0]["case_no"], caseNo);
  EXPECT_NE(failed.body["failed"][0]["error"].get<std::string>().find("45015"), std::string::npos);
  EXPECT_EQ(failed.body.dump().find("oStaffApi"), std::string::npos);  // no recipient shown
  // A handler may not see or retry them; the office may.
  EXPECT_EQ(office.get("/api/deliveries/failed").status, 403);
  const auto id = failed.body["failed"][0]["id"].get<std::int64_t>();
  auto retried =
      supervisor.post("/api/deliveries/" + std::to_string(id) + "/retry", json::object());
  ASSERT_EQ(retried.status, 200) << retried.body;
  ASSERT_TRUE(harness.wechatApi().waitForSent(1));
  EXPECT_NE(harness.wechatApi().sent()[0].content.find(caseNo), std::string::npos);
  EXPECT_EQ(
      supervisor.post("/api/deliveries/" + std::to_string(id) + "/retry", json::object()).status,
      409);
}

}  // namespace
}  // namespace civicdesk::testing

namespace civicdesk::testing {
namespace {

TEST(StaffApiInput, ATransferMustGoToAUnitOfTheDirectory) {
  ServiceHarness harness;
  harness.start();
  const std::string caseNo = fileComplaint(harness);
  StaffApiClient office(harness.port(), harness.addStaff("李四", "handler", "office"));
  ASSERT_EQ(office.act(caseNo, "accept").status, 200);
  auto nowhere = office.act(caseNo, "handling-opinion",
                            {{"mode", "transfer"}, {"target_unit", "nosuchunit"}, {"reason", "x"}});
  EXPECT_EQ(nowhere.status, 422) << nowhere.body;
  EXPECT_EQ(nowhere.body["field"], "target_unit");
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM cases"), 1);
}

TEST(StaffApiInput, MalformedIdsAndTypesAreClearErrorsNotCrashes) {
  ServiceHarness harness;
  harness.start();
  StaffApiClient office(harness.port(), harness.addStaff("李四", "handler", "office"));
  EXPECT_EQ(
      office.post("/api/investigation-tasks/99999999999999999999999/answer", {{"answer", "x"}})
          .status,
      404);
  EXPECT_EQ(office.post("/api/deliveries/99999999999999999999999/retry", json::object()).status,
            403);  // a handler may not retry at all
  auto badHow = office.post("/api/cases", {{"how", 5}, {"form", json::object()}});
  EXPECT_EQ(badHow.status, 422) << badHow.body;
  EXPECT_EQ(office.postRaw("/api/cases/TS-2026-000001/accept", "[1, 2]").status, 400);
}

TEST(Complaint_Art2, OnlyTheReceivingDepartmentOrTheOfficeRegistersAComplaint) {
  ServiceHarness harness;
  harness.start();
  StaffApiClient health(harness.port(), harness.addStaff("赵六", "handler", "health"));
  json form{{"respondentUnitId", "edu"},
            {"ground", 1},
            {"facts", "来信反映区教育局未公开学区划分方案"},
            {"complainant",
             {{"name", "钱七"}, {"address", "青溪区文化路8号"}, {"phone", "13900139000"}}}};
  auto refused = health.post("/api/cases", {{"how", "letter"}, {"form", form}});
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_NE(refused.body["error"].get<std::string>().find("领导小组办公室"), std::string::npos);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM cases"), 0);
}

TEST(Complaint_Art14, AnotherUnitsLeaderSeesNeitherTheCaseNorTheComplainant) {
  ServiceHarness harness;
  harness.start();
  const std::string caseNo = fileComplaint(harness);
  StaffApiClient leader(harness.port(), harness.addStaff("郑十", "leader", "health"));
  EXPECT_EQ(leader.get("/api/cases/" + caseNo).status, 403);
  EXPECT_EQ(leader.get("/api/tasks").body["tasks"].size(), 0u);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM identity_reads"), 0);
}

TEST(Complaint_Art11, UnansweredInvestigationTasksCloseWithTheConclusion) {
  ServiceHarness harness;
  harness.start();
  const std::string caseNo = fileComplaint(harness);
  StaffApiClient office(harness.port(), harness.addStaff("李四", "handler", "office"));
  StaffApiClient respondent(harness.port(), harness.addStaff("王五", "handler", "edu"));
  ASSERT_EQ(office.act(caseNo, "accept").status, 200);
  ASSERT_EQ(
      office.act(caseNo, "handling-opinion", {{"mode", "direct"}, {"reason", "直接办理"}}).status,
      200);
  auto asked = office.act(caseNo, "investigation",
                          {{"request", "请提供招生栏目更新记录"}, {"working_days", 5}});
  ASSERT_EQ(asked.status, 200) << asked.body;
  auto tasks = respondent.get("/api/tasks");
  ASSERT_EQ(tasks.body["tasks"].size(), 1u) << tasks.body;
  EXPECT_EQ(tasks.body["tasks"][0]["kind"], "investigation");
  ASSERT_EQ(office.act(caseNo, "conclude", {{"findings", "情况属实"}}).status, 200);
  EXPECT_EQ(respondent.get("/api/tasks").body["tasks"].size(), 0u);
  const auto taskId = tasks.body["tasks"][0]["task_id"].get<std::int64_t>();
  EXPECT_EQ(respondent
                .post("/api/investigation-tasks/" + std::to_string(taskId) + "/answer",
                      {{"answer", "迟到的回复"}})
                .status,
            409);
}

}  // namespace
}  // namespace civicdesk::testing

namespace civicdesk::testing {
namespace {

TEST(Complaint_Art13, ANoticeOnAChannelWithoutASenderIsLeftToStaffToDeliverByHand) {
  ServiceHarness harness;
  harness.start();
  StaffApiClient office(harness.port(), harness.addStaff("李四", "handler", "office"));
  json form{{"respondentUnitId", "edu"},
            {"ground", 1},
            {"facts", "来信反映区教育局未公开学区划分方案"},
            {"complainant",
             {{"name", "钱七"}, {"address", "青溪区文化路8号"}, {"phone", "13900139000"}}}};
  auto created = office.post("/api/cases", {{"how", "letter"}, {"form", form}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string caseNo = created.body["case_no"];
  ASSERT_EQ(office.act(caseNo, "accept", {{"basis", "符合受理条件"}}).status, 200);
  // A letter has no sender: the acceptance notice is owed by post, visible in the history.
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM events WHERE kind='citizen.notice.manual' AND "
                          "payload_json LIKE '%已受理%'"),
            1);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM outbox WHERE case_id IS NOT NULL AND channel != "
                          "'wecom-robot'"),
            0);
  EXPECT_TRUE(harness.wechatApi().sent().empty());
}

}  // namespace
}  // namespace civicdesk::testing
