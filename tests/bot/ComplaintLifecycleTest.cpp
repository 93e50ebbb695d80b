// A complaint worked to the end over HTTP on the simulated clock, RULES.md §1 Art. 3-13:
// filed over WeChat → accepted → transfer → extension approved → conclusion → feedback →
// archived, checking what reached the citizen (the WeChat API) and staff (the WeCom robots).
#include <gtest/gtest.h>

#include <httplib.h>

#include "tests/bot/ComplaintFlow.hpp"
#include "tests/bot/ServiceHarness.hpp"
#include "tests/bot/StaffApiClient.hpp"
#include "tests/bot/WeChatTestClient.hpp"
#include "tests/support/Eventually.hpp"

namespace civicdesk::testing {
namespace {

using nlohmann::json;

void advanceTo(ServiceHarness& harness, const std::string& to) {
  httplib::Client http("127.0.0.1", harness.port());
  http.set_read_timeout(30, 0);
  auto res = http.Post("/admin/clock/advance",
                       {{"Authorization", std::string("Bearer ") + kTestAdminToken}},
                       json{{"to", to}}.dump(), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
}

bool anyContains(const std::vector<FakeWeChatApi::SentMessage>& sent, const std::string& a,
                 const std::string& b = "") {
  for (const auto& m : sent) {
    if (m.content.find(a) != std::string::npos && m.content.find(b) != std::string::npos) {
      return true;
    }
  }
  return false;
}

TEST(Complaint_Art3, AComplaintIsWorkedToTheEndAndTheCitizenIsToldAtEachRequiredStep) {
  ServiceHarness harness;
  harness.start();  // Friday 2026-11-27 10:00
  {
    WeChatTestClient citizen(harness.port(), kTestToken, kTestAppId);
    std::uint64_t id = 70000;
    for (const auto& input : complaintInputs()) citizen.sendText("oLifecycle", input, id++);
  }
  const std::string caseNo = "TS-2026-000001";
  StaffApiClient office(harness.port(), harness.addStaff("李四", "handler", "office"));
  StaffApiClient govHead(harness.port(), harness.addStaff("周八", "unit_head", "gov"));
  StaffApiClient govHandler(harness.port(), harness.addStaff("吴九", "handler", "gov"));

  advanceTo(harness, "2026-11-30T10:00");
  // Art. 7: accepted; the citizen is told, with the date of the conclusion (30 days, Art. 10).
  auto accepted = office.act(caseNo, "accept", {{"basis", "符合受理条件"}});
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(accepted.body["status"], "accepted");
  ASSERT_TRUE(harness.wechatApi().waitForSent(1));
  EXPECT_TRUE(anyContains(harness.wechatApi().sent(), caseNo, "2026-12-30"))
      << harness.wechatApi().sent().front().content;
  EXPECT_EQ(harness.wechatApi().sent().front().touser, "oLifecycle");

  // Art. 9: the handling opinion, then Art. 10: the transfer creates the receiving unit's case.
  auto opinion =
      office.act(caseNo, "handling-opinion",
                 {{"mode", "transfer"}, {"target_unit", "gov"}, {"reason", "属区政府办公室职责"}});
  ASSERT_EQ(opinion.status, 200) << opinion.body;
  auto transferred = office.act(caseNo, "transfer", {{"note", "请依法办理并报告结果"}});
  ASSERT_EQ(transferred.status, 200) << transferred.body;
  EXPECT_EQ(transferred.body["status"], "transferred");
  const std::string childNo = transferred.body["workflow"].value("child_case_no", "");
  ASSERT_EQ(childNo, "TS-2026-000002") << transferred.body;
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM cases WHERE case_no='" + childNo +
                          "' AND receiving_unit_id='gov' AND parent_case_id IS NOT NULL"),
            1);
  ASSERT_TRUE(harness.robots().waitForReceived(3));
  bool govTold = false;
  for (const auto& r : harness.robots().received()) {
    if (r.key == "robot-gov" && r.content.find("【转办件】") != std::string::npos) govTold = true;
  }
  EXPECT_TRUE(govTold);

  // Art. 10: the receiving unit asks for the extension; the transferring agency is asked to
  // consent (its robot gets the approval request with the current due date), its head
  // consents on the case, and the extension is granted once, and only once.
  auto unapproved = govHead.act(childNo, "extend", {{"reason", "需补充调查"}});
  EXPECT_EQ(unapproved.status, 422) << unapproved.body;
  EXPECT_EQ(unapproved.body["field"], "approver");
  auto requested = govHandler.act(childNo, "request-extension", {{"reason", "需调取三年档案"}});
  ASSERT_EQ(requested.status, 200) << requested.body;
  const bool approvalAsked = eventually([&] {
    for (const auto& r : harness.robots().received()) {
      if (r.key == "robot-office" && r.content.find("【待审批】") != std::string::npos &&
          r.content.find(childNo) != std::string::npos &&
          r.content.find("2026-12-30") != std::string::npos) {
        return true;
      }
    }
    return false;
  });
  EXPECT_TRUE(approvalAsked) << "the transferring agency was not asked to consent";
  StaffApiClient officeHead(harness.port(), harness.addStaff("郑十", "unit_head", "office"));
  auto extended = officeHead.act(childNo, "extend", {{"approver", "区政府办公室主任郑十"}});
  ASSERT_EQ(extended.status, 200) << extended.body;
  auto again = govHead.act(childNo, "extend", {{"approver", "主任"}, {"reason", "再延"}});
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_TRUE(harness.wechatApi().waitForSent(2));
  EXPECT_TRUE(anyContains(harness.wechatApi().sent(), caseNo, "需调取三年档案"))
      << "the complainant is told of the extension under the number they know";

  // Art. 11-12: the receiving unit concludes; the result is reported back (Art. 10).
  advanceTo(harness, "2026-12-15T10:00");
  auto concluded = govHandler.act(childNo, "conclude",
                                  {{"findings", "区教育局网站招生栏目确未及时更新"},
                                   {"orders", {"责令区教育局10日内更新招生政策栏目"}},
                                   {"remedies", {"区教育局已更新并建立月度检查制度"}}});
  ASSERT_EQ(concluded.status, 200) << concluded.body;
  auto parent = office.get("/api/cases/" + caseNo);
  ASSERT_EQ(parent.status, 200);
  EXPECT_EQ(parent.body["status"], "concluded") << parent.body;

  // Art. 13: feedback within 5 working days of the conclusion, on the citizen's channel.
  auto feedback = office.act(caseNo, "feedback",
                             {{"text", "经核实，区教育局已更新招生政策栏目并建立月度检查制度。"}});
  ASSERT_EQ(feedback.status, 200) << feedback.body;
  EXPECT_EQ(feedback.body["status"], "feedback_sent");
  auto archived = office.act(caseNo, "archive");
  ASSERT_EQ(archived.status, 200) << archived.body;
  EXPECT_EQ(archived.body["status"], "archived");

  ASSERT_TRUE(harness.wechatApi().waitForSent(3));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto sent = harness.wechatApi().sent();
  EXPECT_TRUE(anyContains(sent, caseNo, "建立月度检查制度")) << sent.back().content;
  for (const auto& m : sent) EXPECT_EQ(m.touser, "oLifecycle");
  // Every step is in the case's history, with who did it.
  EXPECT_GE(harness.count("SELECT COUNT(*) FROM events WHERE kind IN ('case.accepted', "
                          "'case.feedback_sent', 'case.archived')"),
            3);
  // No open deadline is left behind, so nothing keeps reminding anyone.
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM deadlines d JOIN cases c ON c.id = d.case_id "
                          "WHERE d.status = 'open' AND c.case_no = '" +
                          caseNo + "'"),
            0);
}

}  // namespace
}  // namespace civicdesk::testing
