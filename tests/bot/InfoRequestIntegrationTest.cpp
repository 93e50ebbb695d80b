// Information requests end to end on the simulated clock (issue 6): an application over WeChat,
// worked over the staff API, with the applicant told at every step the regulation requires.
// One test per path the issue names: a plain disclosure; a supplement round with the clock
// restarting; a third-party consultation pausing it; an approved extension; a deemed withdrawal.
#include <gtest/gtest.h>

#include <httplib.h>

#include "tests/bot/ServiceHarness.hpp"
#include "tests/bot/StaffApiClient.hpp"
#include "tests/bot/WeChatTestClient.hpp"
#include "tests/support/Eventually.hpp"

namespace civicdesk::testing {
namespace {

using nlohmann::json;

// What an applicant types, in order, to apply (a citizen, electronic copy by post).
const std::vector<std::string>& applicationInputs() {
  static const std::vector<std::string> inputs{
      "2",                                                      // menu: 申请政府信息公开
      "1",                                                      // a citizen
      "张三",                                                   // name
      "11010519491231002x",                                     // resident ID (valid)
      "138 0013 8000",                                          // contact
      "教育局",                                                 // the unit asked
      "《2026年义务教育招生工作方案》，文号青教发〔2026〕3号",  // the information
      "2",                                                      // electronic
      "1",                                                      // by post
      "青溪区人民路1号",                                        // address
      "确认",
  };
  return inputs;
}

class InfoRequestFlow : public ::testing::Test {
 protected:
  InfoRequestFlow() { harness_.start(); }  // Friday 2026-11-27 10:00 Shanghai

  std::string apply(const std::string& openid) {
    WeChatTestClient citizen(harness_.port(), kTestToken, kTestAppId);
    std::string last;
    for (const auto& input : applicationInputs()) {
      last = citizen.sendText(openid, input, nextMsgId_++).content;
    }
    return last;
  }

  void advanceTo(const std::string& to) {
    httplib::Client http("127.0.0.1", harness_.port());
    http.set_read_timeout(30, 0);
    auto res = http.Post("/admin/clock/advance",
                         {{"Authorization", std::string("Bearer ") + kTestAdminToken}},
                         json{{"to", to}}.dump(), "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
  }

  std::string due(StaffApiClient& staff, const std::string& no, const std::string& rule) {
    auto view = staff.get("/api/info-requests/" + no);
    for (const auto& d : view.body["deadlines"]) {
      if (d["rule"] == rule) return d["due"];
    }
    return "";
  }

  ApiAnswer act(StaffApiClient& staff, const std::string& no, const std::string& action,
                const json& body = json::object()) {
    return staff.post("/api/info-requests/" + no + "/" + action, body);
  }

  bool citizenGot(const std::string& a, const std::string& b = "") {
    return eventually([&] {
      for (const auto& m : harness_.wechatApi().sent()) {
        if (m.content.find(a) != std::string::npos && m.content.find(b) != std::string::npos) {
          return true;
        }
      }
      return false;
    });
  }

  ServiceHarness harness_;
  std::uint64_t nextMsgId_ = 81000;
};

constexpr const char* kNo = "YS-2026-000001";

TEST_F(InfoRequestFlow, InfoRequest_Art33_APlainDisclosureIsRepliedWithinTwentyWorkingDays) {
  const std::string ack = apply("oApplicant1");
  // Art. 31: received today (our acknowledgement); the reply is due in 20 working days.
  EXPECT_NE(ack.find(kNo), std::string::npos) << ack;
  EXPECT_NE(ack.find("2026-12-25"), std::string::npos) << ack;
  StaffApiClient edu(harness_.port(), harness_.addStaff("赵六", "handler", "edu"));
  EXPECT_EQ(due(edu, kNo, "info_request.reply"), "2026-12-25");
  auto mine = edu.get("/api/info-requests");
  ASSERT_EQ(mine.status, 200);
  ASSERT_EQ(mine.body["info_requests"].size(), 1u);
  // Another unit's staff do not see it.
  StaffApiClient culture(harness_.port(), harness_.addStaff("钱七", "handler", "culture"));
  EXPECT_EQ(culture.get(std::string("/api/info-requests/") + kNo).status, 403);

  // Art. 36: a reply of its type, with what that type must say.
  auto incomplete = act(edu, kNo, "reply", {{"type", "disclosed"}, {"text", "经审查，予以公开。"}});
  EXPECT_EQ(incomplete.status, 422);
  EXPECT_EQ(incomplete.body["field"], "provision") << incomplete.body;
  advanceTo("2026-12-10T10:00");
  auto replied = act(edu, kNo, "reply",
                     {{"type", "disclosed"},
                      {"text", "经审查，您申请的信息予以公开。"},
                      {"provision", "电子文档，见下载链接"},
                      {"attachment_url", "https://qingxi-demo.gov.cn/files/qjf-2026-3.pdf"}});
  ASSERT_EQ(replied.status, 200) << replied.body;
  EXPECT_EQ(replied.body["status"], "replied");
  EXPECT_TRUE(citizenGot(kNo, "qjf-2026-3.pdf"));
  EXPECT_TRUE(replied.body["deadlines"].empty()) << "nothing left to remind anyone of";

  // The annual report's counts.
  StaffApiClient office(harness_.port(),
                        harness_.addStaff("李四", "leading_group_office", "office"));
  auto stats = office.get("/api/info-requests/statistics?year=2026");
  ASSERT_EQ(stats.status, 200) << stats.body;
  EXPECT_EQ(stats.body["new_applications"], 1);
  EXPECT_EQ(stats.body["new_by_applicant_type"]["citizen"], 1);
  EXPECT_EQ(stats.body["closed_by_reply_type"]["disclosed"], 1);
  EXPECT_EQ(stats.body["pending_at_year_end"], 0);
  auto csv = office.get("/api/info-requests/statistics?year=2026&format=csv");
  EXPECT_EQ(csv.status, 200);
}

TEST_F(InfoRequestFlow, InfoRequest_Art30_ASupplementRoundRestartsTheClock) {
  apply("oApplicant2");
  StaffApiClient edu(harness_.port(), harness_.addStaff("赵六", "handler", "edu"));
  advanceTo("2026-12-01T10:00");
  auto asked =
      act(edu, kNo, "request-supplement",
          {{"items", {"请说明所需信息的年份", "请说明是否需要附件"}}, {"working_days", 10}});
  ASSERT_EQ(asked.status, 200) << asked.body;
  EXPECT_EQ(asked.body["status"], "awaiting_supplement");
  // The notice lists everything and says by when: 10 working days from Tue 12-01 → 12-15.
  EXPECT_TRUE(citizenGot(kNo, "请说明所需信息的年份"));
  EXPECT_TRUE(citizenGot(kNo, "2026-12-15"));
  // One notice only.
  EXPECT_EQ(act(edu, kNo, "request-supplement", {{"items", {"再补充"}}}).status, 409);
  advanceTo("2026-12-07T10:00");
  // The applicant answers the notice themselves.
  WeChatTestClient applicant(harness_.port(), kTestToken, kTestAppId);
  applicant.sendText("oApplicant2", "补正 需要2026年的方案及附件", nextMsgId_++);
  auto supplemented = edu.get(std::string("/api/info-requests/") + kNo);
  ASSERT_EQ(supplemented.status, 200) << supplemented.body;
  EXPECT_EQ(supplemented.body["status"], "registered") << supplemented.body;
  EXPECT_EQ(supplemented.body["workflow"].value("supplemented_at", 0), 1796608800)
      << supplemented.body["workflow"];
  // The 20 working days count again from Monday 2026-12-07 (not counted): Dec 8 … Dec 31 are
  // 18, then 2027, reckoned on weekends alone until its calendar is loaded: Fri Jan 1, Mon
  // Jan 4.
  const std::string restarted = due(edu, kNo, "info_request.reply");
  EXPECT_EQ(restarted, "2027-01-04") << "the clock restarted from the supplement";
  EXPECT_TRUE(citizenGot(kNo, restarted));
}

TEST_F(InfoRequestFlow, InfoRequest_Art32_AThirdPartyConsultationPausesTheClock) {
  apply("oApplicant3");
  StaffApiClient edu(harness_.port(), harness_.addStaff("赵六", "handler", "edu"));
  ASSERT_EQ(due(edu, kNo, "info_request.reply"), "2026-12-25");
  advanceTo("2026-12-01T10:00");  // Tuesday: 2 working days used
  auto started = act(edu, kNo, "start-consultation",
                     {{"third_party", "青溪区某民办学校"}, {"matter", "招生计划涉及该校商业信息"}});
  ASSERT_EQ(started.status, 200) << started.body;
  EXPECT_EQ(started.body["status"], "consulting");
  EXPECT_TRUE(citizenGot(kNo, "第三方"));
  {
    auto paused = edu.get(std::string("/api/info-requests/") + kNo);
    bool replyPaused = false;
    for (const auto& d : paused.body["deadlines"]) {
      if (d["rule"] == "info_request.reply") replyPaused = d["paused"].get<bool>();
    }
    EXPECT_TRUE(replyPaused) << paused.body["deadlines"];
  }
  advanceTo("2026-12-08T10:00");  // a week later (5 working days paused)
  auto answered =
      act(edu, kNo, "record-consultation", {{"answer", "同意公开"}, {"consents", true}});
  ASSERT_EQ(answered.status, 200) << answered.body;
  // Paused from Tue 12-01 to Tue 12-08: 11-30 and 12-01 were used (2 of 20); the other 18
  // count from 12-08 (not counted): Dec 9 … Dec 31 are 17, then Fri 2027-01-01.
  const std::string resumed = due(edu, kNo, "info_request.reply");
  EXPECT_EQ(resumed, "2027-01-01") << answered.body;
  auto view = edu.get(std::string("/api/info-requests/") + kNo);
  ASSERT_EQ(view.body["workflow"]["consultations"].size(), 1u) << view.body;
}

TEST_F(InfoRequestFlow, InfoRequest_Art33_AnApprovedExtensionIsToldToTheApplicant) {
  apply("oApplicant4");
  StaffApiClient edu(harness_.port(), harness_.addStaff("赵六", "handler", "edu"));
  StaffApiClient head(harness_.port(), harness_.addStaff("孙局长", "unit_head", "edu"));
  auto tooLong =
      act(edu, kNo, "request-extension", {{"reason", "需调取档案"}, {"working_days", 21}});
  EXPECT_EQ(tooLong.status, 422) << tooLong.body;
  auto requested =
      act(edu, kNo, "request-extension", {{"reason", "需调取多年档案"}, {"working_days", 15}});
  ASSERT_EQ(requested.status, 200) << requested.body;
  // The head is asked (the unit's robot), and a handler may not approve.
  EXPECT_TRUE(eventually([&] {
    for (const auto& r : harness_.robots().received()) {
      if (r.key == "robot-edu" && r.content.find("【待审批】") != std::string::npos) return true;
    }
    return false;
  }));
  EXPECT_EQ(act(edu, kNo, "extend", {{"approver", "赵六"}}).status, 403);
  auto extended = act(head, kNo, "extend", {{"approver", "政府信息公开工作机构负责人 孙局长"}});
  ASSERT_EQ(extended.status, 200) << extended.body;
  // 15 more working days after Fri 2026-12-25: Dec 28 … 31 (4), then 2027 on weekends alone:
  // Jan 1 (5), Jan 4-8 (10), Jan 11-15 (15).
  const std::string later = due(edu, kNo, "info_request.reply");
  EXPECT_EQ(later, "2027-01-15");
  EXPECT_TRUE(citizenGot(kNo, later));
  EXPECT_EQ(act(head, kNo, "extend", {{"approver", "孙局长"}, {"working_days", 5}}).status, 409);
}

TEST_F(InfoRequestFlow, InfoRequest_Art30_NoSupplementInTimeIsDeemedWithdrawn) {
  apply("oApplicant5");
  StaffApiClient edu(harness_.port(), harness_.addStaff("赵六", "handler", "edu"));
  auto asked = act(edu, kNo, "request-supplement",
                   {{"items", {"请说明所需信息的具体名称"}}, {"working_days", 5}});
  ASSERT_EQ(asked.status, 200) << asked.body;
  const std::string supplementDue = due(edu, kNo, "info_request.supplement_period");
  EXPECT_EQ(supplementDue, "2026-12-04");  // 5 working days from Friday 11-27
  EXPECT_TRUE(citizenGot(kNo, "2026-12-04")) << "the notice says by when";
  advanceTo("2026-12-08T10:00");  // past the period: the timer pass deems it withdrawn
  auto view = edu.get(std::string("/api/info-requests/") + kNo);
  EXPECT_EQ(view.body["status"], "withdrawn") << view.body;
  EXPECT_TRUE(citizenGot(kNo, "视为放弃申请"));
  EXPECT_TRUE(view.body["deadlines"].empty()) << view.body;
  StaffApiClient office(harness_.port(),
                        harness_.addStaff("李四", "leading_group_office", "office"));
  auto stats = office.get("/api/info-requests/statistics?year=2026&unit=edu");
  EXPECT_EQ(stats.body["withdrawn"], 1) << stats.body;
}

TEST_F(InfoRequestFlow,
       InfoRequest_Art30_TheSupplementPeriodIsTheConfiguredRulesUnlessStaffSetOne) {
  // The district set 10 working days for supplements (config "deadline_rules").
  harness_.setDeadlineRules({{"info_request.supplement_period", {{"period", "10wd"}}}});
  harness_.restart();
  apply("oApplicant7");
  StaffApiClient edu(harness_.port(), harness_.addStaff("赵六", "handler", "edu"));
  auto asked = act(edu, kNo, "request-supplement", {{"items", {"请说明所需信息的具体名称"}}});
  ASSERT_EQ(asked.status, 200) << asked.body;
  // 10 working days from Friday 11-27: Nov 30 - Dec 4 (5), Dec 7 - 11 (10).
  EXPECT_EQ(due(edu, kNo, "info_request.supplement_period"), "2026-12-11");
  EXPECT_TRUE(citizenGot(kNo, "2026-12-11")) << "the notice says by when";
}

TEST_F(InfoRequestFlow, EveryReadOfTheApplicantsIdentityIsLogged) {
  apply("oApplicant8");
  StaffApiClient edu(harness_.port(), harness_.addStaff("赵六", "handler", "edu"));
  const std::string reads =
      "SELECT COUNT(*) FROM identity_reads WHERE case_id = (SELECT id FROM cases WHERE "
      "case_no = 'YS-2026-000001')";
  EXPECT_EQ(harness_.count(reads), 0);
  auto list = edu.get("/api/info-requests");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(harness_.count(reads), 0) << "the list shows no identity";
  auto view = edu.get(std::string("/api/info-requests/") + kNo);
  ASSERT_EQ(view.status, 200) << view.body;
  EXPECT_FALSE(view.body["application"]["applicant"].value("idNumber", "").empty())
      << view.body["application"];
  EXPECT_EQ(harness_.count(reads + " AND purpose = 'request view'"), 1);
  auto asked = act(edu, kNo, "request-supplement", {{"items", {"请说明所需信息的具体名称"}}});
  ASSERT_EQ(asked.status, 200) << asked.body;
  EXPECT_EQ(harness_.count(reads + " AND purpose = 'after action'"), 1);
  // A member of another unit is refused and reads nothing.
  StaffApiClient other(harness_.port(), harness_.addStaff("钱七", "handler", "psb"));
  EXPECT_EQ(other.get(std::string("/api/info-requests/") + kNo).status, 403);
  EXPECT_EQ(harness_.count(reads), 2);
}

TEST_F(InfoRequestFlow, WhyWasThisNotDisclosedIsAnsweredFromTheRecordedBasis) {
  apply("oApplicant6");
  StaffApiClient edu(harness_.port(), harness_.addStaff("赵六", "handler", "edu"));
  auto replied = act(edu, kNo, "reply",
                     {{"type", "not_disclosed"},
                      {"text", "经审查，不予公开。"},
                      {"legal_basis", "《政府信息公开条例》第十六条"},
                      {"reason", "属于内部事务信息"}});
  ASSERT_EQ(replied.status, 200) << replied.body;
  WeChatTestClient citizen(harness_.port(), kTestToken, kTestAppId);
  const auto answer =
      citizen.sendText("oApplicant6", std::string("为什么不公开 ") + kNo, nextMsgId_++).content;
  EXPECT_NE(answer.find("属于内部事务信息"), std::string::npos) << answer;
  EXPECT_NE(answer.find("第十六条"), std::string::npos) << answer;
  // Someone else asking learns nothing.
  const auto stranger =
      citizen.sendText("oStranger", std::string("为什么不公开 ") + kNo, nextMsgId_++).content;
  EXPECT_EQ(stranger.find("属于内部事务信息"), std::string::npos) << stranger;
}

TEST_F(InfoRequestFlow, TheApiRefusesClearly) {
  apply("oApplicant7");
  httplib::Client http("127.0.0.1", harness_.port());
  auto anonymous =
      http.Post(std::string("/api/info-requests/") + kNo + "/reply", "{}", "application/json");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
  StaffApiClient edu(harness_.port(), harness_.addStaff("赵六", "handler", "edu"));
  EXPECT_EQ(act(edu, kNo, "approve-everything").status, 404);
  EXPECT_EQ(act(edu, "YS-2026-009999", "archive").status, 404);
  auto badType = act(edu, kNo, "reply", {{"type", "maybe"}, {"text", "x"}});
  EXPECT_EQ(badType.status, 422);
  EXPECT_EQ(badType.body["field"], "type");
  auto hugeDays = act(edu, kNo, "request-extension",
                      {{"reason", "需调取档案"}, {"working_days", 4294967297LL}});
  EXPECT_EQ(hugeDays.status, 422) << hugeDays.body;
  auto notJson = edu.postRaw(std::string("/api/info-requests/") + kNo + "/reply", "[1,2");
  EXPECT_EQ(notJson.status, 400);
  EXPECT_EQ(act(edu, kNo, "archive").status, 409);  // not replied yet
  StaffApiClient culture(harness_.port(), harness_.addStaff("钱七", "handler", "culture"));
  EXPECT_EQ(
      act(culture, kNo, "reply", {{"type", "does_not_exist"}, {"text", "经检索，该信息不存在。"}})
          .status,
      403);
  auto stats = culture.get("/api/info-requests/statistics?unit=edu");
  EXPECT_EQ(stats.status, 403);
  EXPECT_EQ(edu.get("/api/info-requests/statistics?year=20x6").status, 422);
  auto typo = edu.get("/api/info-requests/statistics?yaer=2026");
  EXPECT_EQ(typo.status, 422);
  EXPECT_EQ(typo.body["field"], "yaer");
}

}  // namespace
}  // namespace civicdesk::testing
