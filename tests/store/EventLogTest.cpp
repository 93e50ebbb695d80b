// The event log is append-only in the schema itself, not only by convention.
#include "store/EventLog.hpp"

#include <SQLiteCpp/Exception.h>
#include <gtest/gtest.h>

#include "store/Cases.hpp"
#include "tests/store/StoreTestSupport.hpp"

namespace civicdesk::store::test {
namespace {

class EventLogTest : public StoreFixture {
 protected:
  std::int64_t registerCase() {
    workflows::ComplaintCase c;
    c.form.respondentUnitId = "edu";
    c.receivingUnitId = "gov-office";
    c.citizenId = citizen();
    c.channel = "wechat";
    c.receivedAt = kNow;
    Transaction tx(store());
    const std::int64_t id = Cases(store()).registerComplaint(c).id;
    tx.commit();
    return id;
  }
  std::int64_t countEvents() {
    return store().db().execAndGet("SELECT COUNT(*) FROM events").getInt64();
  }
};

TEST_F(EventLogTest, AppendedEventsComeBackInOrder) {
  const std::int64_t caseId = registerCase();
  EventLog log(store());
  const std::int64_t first = log.append(
      {0, caseId, "case.registered", "citizen:1", kNow, R"({"case_no":"TS-2026-000001"})"});
  const std::int64_t unrelated =
      log.append({0, std::nullopt, "citizen.unsubscribed", "citizen:1", kNow, "{}"});
  const std::int64_t second = log.append({0, caseId, "case.assigned", "staff:3", kNow, "{}"});
  EXPECT_LT(first, unrelated);
  EXPECT_LT(unrelated, second);

  reopen();
  const auto events = EventLog(store()).forCase(caseId);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].id, first);
  EXPECT_EQ(events[0].caseId, caseId);
  EXPECT_EQ(events[0].kind, "case.registered");
  EXPECT_EQ(events[0].actor, "citizen:1");
  EXPECT_EQ(events[0].at, kNow);
  EXPECT_EQ(events[0].payloadJson, R"({"case_no":"TS-2026-000001"})");
  EXPECT_EQ(events[1].id, second);
  EXPECT_EQ(events[1].actor, "staff:3");
}

TEST_F(EventLogTest, UpdateIsRefused) {
  const std::int64_t id = EventLog(store()).append({0, std::nullopt, "x", "system", kNow, "{}"});
  SQLite::Statement update(store().db(), "UPDATE events SET actor = 'someone else' WHERE id = ?");
  update.bind(1, id);
  try {
    update.exec();
    FAIL() << "an event was rewritten";
  } catch (const SQLite::Exception& e) {
    EXPECT_NE(std::string(e.what()).find("append-only"), std::string::npos) << e.what();
  }
  EXPECT_EQ(store().db().execAndGet("SELECT actor FROM events").getString(), "system");
}

TEST_F(EventLogTest, DeleteIsRefused) {
  EventLog(store()).append({0, std::nullopt, "x", "system", kNow, "{}"});
  EXPECT_THROW(store().db().exec("DELETE FROM events"), SQLite::Exception);
  EXPECT_EQ(countEvents(), 1);
}

TEST_F(EventLogTest, EventsNeedAnExistingCaseAndJsonPayload) {
  EventLog log(store());
  EXPECT_THROW(log.append({0, 999, "x", "system", kNow, "{}"}), SQLite::Exception);
  EXPECT_THROW(log.append({0, std::nullopt, "x", "system", kNow, "{oops"}), SQLite::Exception);
  EXPECT_EQ(countEvents(), 0);
}

}  // namespace
}  // namespace civicdesk::store::test
