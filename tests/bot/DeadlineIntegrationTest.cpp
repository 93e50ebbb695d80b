// Deadlines and reminders end to end: a complaint filed over WeChat opens its acceptance
// deadline, the simulated clock lives through the days, and staff reminders and overdue
// escalations reach the units' WeCom robots on loopback, on the right days, once each.
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "tests/bot/ComplaintFlow.hpp"
#include "tests/bot/ServiceHarness.hpp"
#include "tests/bot/WeChatTestClient.hpp"
#include "workflows/LocalTime.hpp"

namespace civicdesk::testing {
namespace {

using nlohmann::json;

std::int64_t at(const char* shanghai) {
  return *workflows::parseShanghaiDateTime(shanghai);
}

void fileComplaint(ServiceHarness& harness, const std::string& openId) {
  WeChatTestClient client(harness.port(), kTestToken, kTestAppId);
  std::uint64_t id = 10000;
  for (const auto& input : complaintInputs()) client.sendText(openId, input, id++);
  ASSERT_EQ(harness.count("SELECT COUNT(*) FROM cases"), 1);
}

httplib::Result advance(ServiceHarness& harness, const std::string& body,
                        const std::string& token = kTestAdminToken) {
  httplib::Client http("127.0.0.1", harness.port());
  http.set_read_timeout(30, 0);
  httplib::Headers headers;
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  return http.Post("/admin/clock/advance", headers, body, "application/json");
}

std::vector<std::string> contents(const FakeWeComRobot& robots) {
  std::vector<std::string> out;
  for (const auto& r : robots.received()) out.push_back(r.content);
  return out;
}

TEST(Deadlines, RegistrationOpensTheAcceptanceDeadlineWithItsReminders) {
  ServiceHarness harness;
  harness.start();  // Friday 2026-11-27 10:00
  fileComplaint(harness, "oDeadline");
  // 3 working days from Friday: Mon 11-30, Tue 12-01, Wed 12-02; ends 24:00 of 12-02.
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM deadlines WHERE rule_id="
                          "'complaint.acceptance_decision' AND status='open' AND due_at=" +
                          std::to_string(at("2026-12-03T00:00"))),
            1);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM timers WHERE status='pending' AND due_at=" +
                          std::to_string(at("2026-11-30T09:00")) + " AND kind='reminder.before'"),
            1);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM timers WHERE status='pending' AND due_at=" +
                          std::to_string(at("2026-12-02T09:00")) + " AND kind='reminder.due_day'"),
            1);
  EXPECT_EQ(
      harness.count("SELECT COUNT(*) FROM timers WHERE status='pending' AND due_at=" +
                    std::to_string(at("2026-12-03T09:00")) + " AND kind='escalation.overdue'"),
      1);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM events WHERE kind='deadline.opened'"), 1);
}

TEST(Deadlines, TheSimulatedClockFiresRemindersAndDailyEscalationsInOrder) {
  ServiceHarness harness;
  harness.start();
  fileComplaint(harness, "oLiveThrough");
  auto res = advance(harness, R"({"to": "2026-12-08T10:00"})");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const auto answer = json::parse(res->body);
  EXPECT_EQ(answer["now"], "2026-12-08T10:00:00+08:00");
  // Before (11-30), due day (12-02), overdue 12-03, 12-04, 12-07, 12-08 (not the weekend).
  EXPECT_EQ(answer["timers_fired"], 6);
  ASSERT_TRUE(harness.robots().waitForReceived(7));
  const auto got = contents(harness.robots());
  ASSERT_EQ(got.size(), 7u);
  // At registration: the new task, with its date.
  EXPECT_NE(got[0].find("【新投诉】案件 TS-2026-000001"), std::string::npos) << got[0];
  EXPECT_NE(got[0].find("2026-12-02"), std::string::npos) << got[0];
  EXPECT_NE(got[1].find("【到期提醒】案件 TS-2026-000001"), std::string::npos) << got[1];
  EXPECT_NE(got[1].find("还剩 2 个工作日"), std::string::npos) << got[1];
  EXPECT_NE(got[2].find("【今日到期】"), std::string::npos) << got[2];
  for (std::size_t i = 3; i < 7; ++i) {
    EXPECT_NE(got[i].find("【逾期督办】"), std::string::npos) << got[i];
    EXPECT_NE(got[i].find("已逾期 " + std::to_string(i - 2) + " 个工作日"), std::string::npos)
        << got[i];
  }
  // The receiving department (the leading-group office by default) gets them all.
  for (const auto& r : harness.robots().received()) EXPECT_EQ(r.key, "robot-office");
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM events WHERE kind='deadline.escalated'"), 4);
}

TEST(Deadlines, TimersDueWhileTheServiceWasDownFireOnceAfterStart) {
  ServiceHarness harness;
  harness.start();
  fileComplaint(harness, "oOutage");
  harness.stop();
  harness.clock().set(workflows::TimePoint(std::chrono::seconds(at("2026-12-03T12:00"))));
  harness.start();
  // Before, due day and the first overdue escalation were all missed: each fires once
  // (after the new-task notice sent at registration).
  ASSERT_TRUE(harness.robots().waitForReceived(4, std::chrono::seconds(10)));
  harness.restart();
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_EQ(harness.robots().received().size(), 4u);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM timers WHERE status='fired'"), 3);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM outbox WHERE channel='wecom-robot'"), 4);
  // The next escalation is tomorrow's, not a burst for the days missed.
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM timers WHERE status='pending' AND due_at=" +
                          std::to_string(at("2026-12-04T09:00"))),
            1);
}

TEST(Deadlines, AProvisionalDeadlineIsRecomputedWhenItsYearIsLoaded) {
  // 2027's arrangement is not published: a deadline running into it is provisional.
  ServiceHarness harness;
  harness.clock().set(workflows::TimePoint(std::chrono::seconds(at("2026-12-30T10:00"))));
  harness.start();
  fileComplaint(harness, "oNewYear");
  // Weekends only: 12-31, 2027-01-01 (a Friday), 01-04.
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM deadlines WHERE provisional=1 AND due_at=" +
                          std::to_string(at("2027-01-05T00:00"))),
            1);
  harness.stop();

  // The notice arrives: New Year's Day is a holiday. Load it without rebuilding.
  std::ifstream in(std::string(CIVICDESK_SOURCE_DIR) + "/config/calendar/cn-holidays.json");
  auto calendar = json::parse(in);
  calendar["years"]["2027"] = {{"complete", true},
                               {"papers", json::array()},
                               {"off", {"2027-01-01"}},
                               {"work", json::array()},
                               {"names", {{"2027-01-01", "元旦"}}}};
  std::ofstream(harness.dir().file("calendar.json")) << calendar.dump();
  Env env{{"CIVICDESK_CALENDAR", harness.dir().file("calendar.json")}};
  harness.setEnv(env);
  harness.start();
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM deadlines WHERE provisional=0 AND due_at=" +
                          std::to_string(at("2027-01-06T00:00"))),
            1);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM events WHERE kind='deadline.recomputed'"), 1);
  // Staff are told the date moved, once (after the new-task notice of the registration).
  ASSERT_TRUE(harness.robots().waitForReceived(2));
  EXPECT_NE(harness.robots().received()[1].content.find("【期限变更】"), std::string::npos);
  harness.restart();
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM events WHERE kind='deadline.recomputed'"), 1);
}

TEST(AdminClock, RefusedWithoutTheTokenAndExplainsBadRequests) {
  ServiceHarness harness;
  harness.start();
  EXPECT_EQ(advance(harness, R"({"by": "1d"})", "")->status, 401);
  EXPECT_EQ(advance(harness, R"({"by": "1d"})", "wrong")->status, 401);
  EXPECT_EQ(advance(harness, R"({"by": "soon"})")->status, 422);
  EXPECT_EQ(advance(harness, R"({"to": "2020-01-01T00:00"})")->status, 422);
  EXPECT_EQ(advance(harness, "not json")->status, 400);
  auto ok = advance(harness, R"({"by": "2h"})");
  ASSERT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(json::parse(ok->body)["now"], "2026-11-27T12:00:00+08:00");
}

TEST(AdminClock, OffWhenNoAdminTokenIsConfigured) {
  ServiceHarness harness(Env{{"CIVICDESK_ADMIN_TOKEN", ""}});
  harness.start();
  auto res = advance(harness, R"({"by": "1d"})", "anything");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_NE(res->body.find("CIVICDESK_ADMIN_TOKEN"), std::string::npos);
}

}  // namespace
}  // namespace civicdesk::testing
