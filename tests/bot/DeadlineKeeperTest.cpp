// The deadline keeper against a real SQLite store: reminders fire once, escalations continue
// each working day, and everything stops when the obligation is met.
#include "bot/DeadlineKeeper.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <SQLiteCpp/Statement.h>
#include <nlohmann/json.hpp>

#include "store/Cases.hpp"
#include "store/Citizens.hpp"
#include "tests/support/TempDir.hpp"
#include "workflows/LocalTime.hpp"

namespace civicdesk::bot {
namespace {

std::int64_t at(const char* shanghai) {
  return *workflows::parseShanghaiDateTime(shanghai);
}

workflows::UnitDirectory unitsWithRobots() {
  std::ifstream in(std::string(CIVICDESK_SOURCE_DIR) + "/config/units.json");
  auto json = nlohmann::json::parse(in);
  for (auto& unit : json.at("units"))
    unit["wecomRobotKey"] = "robot-" + unit["id"].get<std::string>();
  return workflows::UnitDirectory::fromJson(json).value();
}

class DeadlineKeeperTest : public ::testing::Test {
 protected:
  testing::TempDir dir;
  store::Store store{dir.file("keeper.db")};
  workflows::WorkingDayCalendar calendar = workflows::WorkingDayCalendar::load(
      std::string(CIVICDESK_SOURCE_DIR) + "/config/calendar/cn-holidays.json");
  workflows::DeadlineRules rules = workflows::DeadlineRules::defaults();
  workflows::ReminderLadders ladders = workflows::ReminderLadders::defaults();
  workflows::UnitDirectory units = unitsWithRobots();
  dialogs::Templates templates =
      dialogs::Templates::load(std::string(CIVICDESK_SOURCE_DIR) + "/config/templates.zh-CN.json");
  std::ostringstream logText;
  Log log{logText};
  DeadlineKeeper keeper{store, calendar, rules, ladders, units, templates, log, true};

  // A registered case and its acceptance deadline, opened at `when`.
  std::int64_t openDeadline(const char* when) {
    store::Transaction tx(store);
    workflows::ComplaintCase c;
    c.citizenId = store::Citizens(store).ensure("wechat", "oKeeper", at(when));
    c.channel = "wechat";
    c.receivedAt = at(when);
    c.receivingUnitId = "office";
    c.form.respondentUnitId = "edu";
    c = store::Cases(store).registerComplaint(c);
    const auto id = keeper.open(workflows::rule_ids::kComplaintAcceptanceDecision,
                                {c.id, c.caseNo, "office"}, at(when), at(when));
    tx.commit();
    return id;
  }
  long long count(const std::string& sql) {
    SQLite::Statement q(store.db(), sql);
    q.executeStep();
    return q.getColumn(0).getInt64();
  }
};

TEST_F(DeadlineKeeperTest, RemindersStopWhenTheObligationIsMet) {
  const auto id = openDeadline("2026-11-27T10:00");
  // By Friday 12-04 10:00: the reminder before (11-30), the due day (12-02) and the first
  // escalation (12-03) have fired; the next escalation waits for Monday 12-07.
  EXPECT_EQ(keeper.runDue(at("2026-12-04T10:00"), 200), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE channel='wecom-robot'"), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM timers WHERE status='pending' AND due_at=" +
                  std::to_string(at("2026-12-07T09:00"))),
            1);
  {
    store::Transaction tx(store);
    keeper.meet(id, at("2026-12-04T11:00"));
    tx.commit();
  }
  EXPECT_EQ(keeper.runDue(at("2026-12-31T10:00"), 200), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE channel='wecom-robot'"), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM timers WHERE status='pending'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM events WHERE kind='deadline.met'"), 1);
}

TEST_F(DeadlineKeeperTest, ATimerPassFiresEachTimerOnce) {
  openDeadline("2026-11-27T10:00");
  EXPECT_EQ(keeper.runDue(at("2026-11-30T09:00"), 200), 1);  // the reminder before
  EXPECT_EQ(keeper.runDue(at("2026-11-30T09:00"), 200), 0);  // and not again
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox"), 1);
}

TEST_F(DeadlineKeeperTest, AUnitWithoutARobotKeepsTheNoticeInTheEventLog) {
  openDeadline("2026-11-27T10:00");
  DeadlineKeeper noRobots{store, calendar, rules, ladders, units, templates, log, false};
  EXPECT_EQ(noRobots.runDue(at("2026-11-30T09:00"), 200), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM events WHERE kind='staff.notice.unrouted' AND "
                  "payload_json LIKE '%到期提醒%'"),
            1);
}

}  // namespace
}  // namespace civicdesk::bot

namespace civicdesk::bot {
namespace {

TEST_F(DeadlineKeeperTest, AUnitNamingWeComRecipientsGetsNoticesInPersonToo) {
  std::ifstream in(std::string(CIVICDESK_SOURCE_DIR) + "/config/units.json");
  auto json = nlohmann::json::parse(in);
  for (auto& unit : json.at("units")) {
    if (unit["id"] == "office") unit["wecomAppTo"] = "party:7";
  }
  const auto directory = workflows::UnitDirectory::fromJson(json).value();
  DeadlineKeeper both{store, calendar, rules, ladders, directory, templates, log, false, true};
  openDeadline("2026-11-27T10:00");
  EXPECT_EQ(both.runDue(at("2026-11-30T09:00"), 200), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE channel='wecom-app' AND recipient='party:7' "
                  "AND text LIKE '%到期提醒%'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE channel='wecom-robot'"), 0);
}

}  // namespace
}  // namespace civicdesk::bot
