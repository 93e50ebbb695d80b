// Persisted deadlines: the round trip, recomputation, settling (which stops reminders), the
// queries behind the overdue sweep and the calendar recomputation, and the 0001 -> 0002 upgrade.
#include "store/Deadlines.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "store/Migrations.hpp"
#include "store/Timers.hpp"
#include "tests/store/StoreTestSupport.hpp"

namespace civicdesk::store::test {
namespace {

// 2026-03-31 24:00 in Shanghai: the exclusive end of a period due on March 31.
const std::int64_t kMarch31End = shanghaiTime(2026, 4, 1, 0, 0);

// A minimal complaint row: these tests are about deadlines, not about case registration.
std::int64_t insertCase(SQLite::Database& db, std::int64_t citizenId, const std::string& no) {
  SQLite::Statement insert(
      db,
      "INSERT INTO cases(case_no, status, citizen_id, channel, respondent_unit_id, "
      "  receiving_unit_id, form_json, received_at) "
      "VALUES (?, 'registered', ?, 'wechat', 'edu', 'gov-office', '{}', 0) RETURNING id");
  insert.bind(1, no);
  insert.bind(2, citizenId);
  insert.executeStep();
  const std::int64_t id = insert.getColumn(0).getInt64();
  insert.reset();
  return id;
}

std::vector<std::int64_t> ids(const std::vector<DeadlineRecord>& deadlines) {
  std::vector<std::int64_t> out;
  for (const auto& d : deadlines) out.push_back(d.id);
  return out;
}

class DeadlinesTest : public StoreFixture {
 protected:
  static DeadlineRecord deadline(std::int64_t dueAt, std::optional<std::int64_t> caseId = {},
                                 bool provisional = false) {
    DeadlineRecord d;
    d.caseId = caseId;
    d.ruleId = "complaint.conclusion";
    d.dueAt = dueAt;
    d.provisional = provisional;
    d.bodyJson = R"({"rule":"complaint.conclusion","period":{"workingDays":20}})";
    return d;
  }

  std::int64_t addCase(const std::string& no) { return insertCase(store().db(), citizenId_, no); }

  std::int64_t reminder(std::int64_t deadlineId, const std::string& key, std::int64_t dueAt) {
    TimerRecord t;
    t.kind = "reminder.staff";
    t.deadlineId = deadlineId;
    t.dueAt = dueAt;
    t.idempotencyKey = key;
    return Timers(store()).schedule(t, kNow);
  }

  std::int64_t citizenId_ = citizen();
};

TEST_F(DeadlinesTest, InsertAndGetRoundTrip) {
  const std::int64_t caseId = addCase("TS-2026-000001");
  Deadlines deadlines(store());
  DeadlineRecord d = deadline(kMarch31End, caseId, true);
  d.status = "met";  // ignored: a new deadline is open
  const std::int64_t id = deadlines.insert(d, kNow);

  const auto stored = deadlines.get(id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->id, id);
  EXPECT_EQ(stored->caseId, caseId);
  EXPECT_EQ(stored->ruleId, "complaint.conclusion");
  EXPECT_EQ(stored->dueAt, kMarch31End);
  EXPECT_TRUE(stored->provisional);
  EXPECT_EQ(stored->status, "open");
  EXPECT_EQ(stored->bodyJson, d.bodyJson);
  EXPECT_EQ(stored->createdAt, kNow);
  EXPECT_EQ(stored->updatedAt, kNow);
  EXPECT_FALSE(stored->metAt);
  EXPECT_FALSE(deadlines.get(id + 1));
}

TEST_F(DeadlinesTest, InsertRefusesWhatCannotBeRight) {
  Deadlines deadlines(store());
  DeadlineRecord notAnObject = deadline(kMarch31End);
  notAnObject.bodyJson = "[1, 2]";
  EXPECT_ANY_THROW(deadlines.insert(notAnObject, kNow));
  DeadlineRecord noRule = deadline(kMarch31End);
  noRule.ruleId = "";
  EXPECT_ANY_THROW(deadlines.insert(noRule, kNow));
  EXPECT_ANY_THROW(deadlines.insert(deadline(kMarch31End, 999), kNow));  // no such case
  EXPECT_TRUE(deadlines.overdue(kMarch31End + 365 * kDay, 10).empty());
}

TEST_F(DeadlinesTest, UpdateRecomputesAnOpenDeadline) {
  Deadlines deadlines(store());
  const std::int64_t id = deadlines.insert(deadline(kMarch31End, {}, true), kNow);
  deadlines.update(id, kMarch31End + 2 * kDay, false, R"({"calendar":2026})", kNow + 50);

  const auto stored = deadlines.get(id);
  EXPECT_EQ(stored->dueAt, kMarch31End + 2 * kDay);
  EXPECT_FALSE(stored->provisional);
  EXPECT_EQ(stored->bodyJson, R"({"calendar":2026})");
  EXPECT_EQ(stored->createdAt, kNow);
  EXPECT_EQ(stored->updatedAt, kNow + 50);
  EXPECT_EQ(stored->status, "open");

  EXPECT_THROW(deadlines.update(id + 1, kMarch31End, false, "{}", kNow), std::out_of_range);
  deadlines.markMet(id, kNow + 60);
  EXPECT_THROW(deadlines.update(id, kMarch31End, false, "{}", kNow + 70), std::logic_error);
  EXPECT_EQ(deadlines.get(id)->dueAt, kMarch31End + 2 * kDay);
}

TEST_F(DeadlinesTest, MarkMetStopsTheRemindersOfThatDeadlineOnly) {
  Deadlines deadlines(store());
  const std::int64_t id = deadlines.insert(deadline(kMarch31End), kNow);
  const std::int64_t other = deadlines.insert(deadline(kMarch31End), kNow);
  const std::int64_t sent = reminder(id, "d1:remind-5d", kMarch31End - 5 * kDay);
  const std::int64_t early = reminder(id, "d1:remind-3d", kMarch31End - 3 * kDay);
  const std::int64_t late = reminder(id, "d1:overdue", kMarch31End);
  const std::int64_t others = reminder(other, "d2:remind-3d", kMarch31End - 3 * kDay);
  Timers timers(store());
  ASSERT_TRUE(timers.markFired(sent, kMarch31End - 5 * kDay));

  const std::int64_t repliedAt = kMarch31End - 4 * kDay;
  EXPECT_TRUE(deadlines.markMet(id, repliedAt));
  const auto met = deadlines.get(id);
  EXPECT_EQ(met->status, "met");
  EXPECT_EQ(met->metAt, repliedAt);
  EXPECT_EQ(met->updatedAt, repliedAt);
  EXPECT_EQ(timers.get(sent)->status, "fired");  // history stays
  EXPECT_EQ(timers.get(early)->status, "cancelled");
  EXPECT_EQ(timers.get(late)->status, "cancelled");
  EXPECT_EQ(timers.get(others)->status, "pending");

  // Settled once: a retry, or a late cancellation, changes nothing.
  EXPECT_FALSE(deadlines.markMet(id, repliedAt + 10));
  EXPECT_FALSE(deadlines.cancel(id, repliedAt + 20));
  EXPECT_EQ(deadlines.get(id)->status, "met");
  EXPECT_EQ(deadlines.get(id)->metAt, repliedAt);
  EXPECT_THROW(deadlines.markMet(id + 100, repliedAt), std::out_of_range);
}

TEST_F(DeadlinesTest, CancelStopsRemindersAndRecordsNoMetTime) {
  Deadlines deadlines(store());
  const std::int64_t id = deadlines.insert(deadline(kMarch31End), kNow);
  const std::int64_t timer = reminder(id, "d1:remind-3d", kMarch31End - 3 * kDay);
  EXPECT_TRUE(deadlines.cancel(id, kNow + 5));
  EXPECT_EQ(deadlines.get(id)->status, "cancelled");
  EXPECT_FALSE(deadlines.get(id)->metAt);
  EXPECT_EQ(deadlines.get(id)->updatedAt, kNow + 5);
  EXPECT_EQ(Timers(store()).get(timer)->status, "cancelled");
  EXPECT_FALSE(deadlines.markMet(id, kNow + 6));
  EXPECT_THROW(deadlines.cancel(id + 1, kNow), std::out_of_range);
}

TEST_F(DeadlinesTest, WritesJoinTheCallersTransaction) {
  Deadlines deadlines(store());
  const std::int64_t id = deadlines.insert(deadline(kMarch31End), kNow);
  const std::int64_t timer = reminder(id, "d1:remind-3d", kMarch31End - 3 * kDay);
  {
    Transaction tx(store());
    deadlines.insert(deadline(kMarch31End + kDay), kNow);
    deadlines.update(id, kMarch31End + kDay, false, "{}", kNow + 1);
    EXPECT_TRUE(deadlines.markMet(id, kNow + 2));
    EXPECT_TRUE(store().inTransaction());  // the savepoint did not end the caller's transaction
  }  // rolled back: the case's step failed, so nothing of it may remain
  EXPECT_EQ(deadlines.get(id)->status, "open");
  EXPECT_EQ(deadlines.get(id)->dueAt, kMarch31End);
  EXPECT_FALSE(deadlines.get(id + 1));
  EXPECT_EQ(Timers(store()).get(timer)->status, "pending");
}

TEST_F(DeadlinesTest, OverdueIsOpenAndPastItsExclusiveEnd) {
  Deadlines deadlines(store());
  const std::int64_t later = deadlines.insert(deadline(kMarch31End), kNow);
  const std::int64_t earlier = deadlines.insert(deadline(kMarch31End - kDay), kNow);
  const std::int64_t met = deadlines.insert(deadline(kMarch31End - 2 * kDay), kNow);
  const std::int64_t cancelled = deadlines.insert(deadline(kMarch31End - 2 * kDay), kNow);
  deadlines.insert(deadline(kMarch31End + 1), kNow);
  deadlines.markMet(met, kNow);
  deadlines.cancel(cancelled, kNow);

  // 23:59:59 on March 31 the last day is still running; at 24:00 it is over.
  EXPECT_EQ(ids(deadlines.overdue(kMarch31End - 1, 10)), (std::vector<std::int64_t>{earlier}));
  EXPECT_EQ(ids(deadlines.overdue(kMarch31End, 10)), (std::vector<std::int64_t>{earlier, later}));
  EXPECT_EQ(ids(deadlines.overdue(kMarch31End, 1)), (std::vector<std::int64_t>{earlier}));
  EXPECT_TRUE(deadlines.overdue(kMarch31End, 0).empty());
}

TEST_F(DeadlinesTest, OpenProvisionalListsOnlyOpenProvisionalOnes) {
  Deadlines deadlines(store());
  const std::int64_t late = deadlines.insert(deadline(kMarch31End + 300 * kDay, {}, true), kNow);
  const std::int64_t soon = deadlines.insert(deadline(kMarch31End + 200 * kDay, {}, true), kNow);
  deadlines.insert(deadline(kMarch31End, {}, false), kNow);
  const std::int64_t met = deadlines.insert(deadline(kMarch31End, {}, true), kNow);
  deadlines.markMet(met, kNow);
  const std::int64_t firmed = deadlines.insert(deadline(kMarch31End, {}, true), kNow);
  deadlines.update(firmed, kMarch31End, false, "{}", kNow + 1);  // the calendar arrived

  EXPECT_EQ(ids(deadlines.openProvisional()), (std::vector<std::int64_t>{soon, late}));
}

TEST_F(DeadlinesTest, OpenForCaseListsThatCasesOpenDeadlines) {
  const std::int64_t caseA = addCase("TS-2026-000001");
  const std::int64_t caseB = addCase("TS-2026-000002");
  Deadlines deadlines(store());
  const std::int64_t conclusion = deadlines.insert(deadline(kMarch31End, caseA), kNow);
  const std::int64_t ack = deadlines.insert(deadline(kMarch31End - 20 * kDay, caseA), kNow);
  const std::int64_t done = deadlines.insert(deadline(kMarch31End - 30 * kDay, caseA), kNow);
  deadlines.insert(deadline(kMarch31End, caseB), kNow);
  deadlines.insert(deadline(kMarch31End), kNow);
  deadlines.markMet(done, kNow);

  EXPECT_EQ(ids(deadlines.openForCase(caseA)), (std::vector<std::int64_t>{ack, conclusion}));
  EXPECT_EQ(deadlines.openForCase(caseB).size(), 1u);
  EXPECT_TRUE(deadlines.openForCase(caseB + 1).empty());
}

// The indexes are the point of the columns beside body_json: check the planner uses them
// for the repositories' queries (no table scan, no sort), so that a change of query text or
// schema that loses an index fails here rather than in production with a million rows.
TEST_F(DeadlinesTest, QueriesAreServedByTheirIndexes) {
  const auto plan = [&](const std::string& sql) {
    SQLite::Statement explain(store().db(), "EXPLAIN QUERY PLAN " + sql);
    std::string text;
    while (explain.executeStep()) text += explain.getColumn(3).getString() + "\n";
    return text;
  };
  const auto expectIndex = [&](const std::string& sql, const std::string& index) {
    const std::string p = plan(sql);
    EXPECT_NE(p.find("USING INDEX " + index), std::string::npos) << sql << "\n" << p;
    EXPECT_EQ(p.find("TEMP B-TREE"), std::string::npos) << sql << "\n" << p;
  };
  expectIndex(
      "SELECT * FROM timers WHERE status = 'pending' AND due_at <= ?1 "
      "ORDER BY due_at, id LIMIT ?2",
      "timers_pending_due (due_at<?)");
  expectIndex("SELECT due_at FROM timers WHERE status = 'pending' ORDER BY due_at LIMIT 1",
              "timers_pending_due");
  expectIndex("SELECT COUNT(*) FROM timers WHERE status = 'pending'", "timers_pending_");
  expectIndex("UPDATE timers SET status = 'cancelled' WHERE deadline_id = ? AND status = 'pending'",
              "timers_pending_by_deadline (deadline_id=?)");
  expectIndex(
      "SELECT * FROM deadlines WHERE status = 'open' AND due_at <= ?1 "
      "ORDER BY due_at, id LIMIT ?2",
      "deadlines_due (status=? AND due_at<?)");
  expectIndex(
      "SELECT * FROM deadlines WHERE provisional = 1 AND status = 'open' ORDER BY due_at, id",
      "deadlines_provisional_open");
  expectIndex("SELECT * FROM deadlines WHERE case_id = ? AND status = 'open' ORDER BY due_at, id",
              "deadlines_by_case (case_id=? AND status=?)");
}

// A database written by a binary that knew only 0001 (with data in it) opens with 0002
// applied and its rows intact.
TEST(DeadlinesMigration, UpgradesADatabaseCreatedBy0001) {
  civicdesk::testing::TempDir dir;
  const std::string path = dir.file("old.db");
  const Migration& initial = embeddedMigrations().front();
  ASSERT_EQ(initial.name, "0001_initial");
  std::int64_t caseId = 0;
  {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec("PRAGMA journal_mode=WAL");
    // The bookkeeping table as Store creates it, then 0001 alone.
    raw.exec(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at INTEGER NOT NULL) STRICT");
    raw.exec(initial.sql);
    raw.exec("INSERT INTO schema_migrations VALUES (1, '0001_initial', 0)");
    raw.exec("INSERT INTO citizens(id, created_at) VALUES (7, 0)");
    caseId = insertCase(raw, 7, "TS-2025-000042");
    ASSERT_FALSE(raw.tableExists("deadlines"));
  }

  Store store(path);
  EXPECT_EQ(store.schemaVersion(), embeddedMigrations().back().version);
  EXPECT_GE(store.schemaVersion(), 2);
  EXPECT_EQ(
      store.db().execAndGet("SELECT name FROM schema_migrations WHERE version = 2").getString(),
      "0002_timers_and_deadlines");
  EXPECT_TRUE(store.db().tableExists("deadlines"));
  EXPECT_TRUE(store.db().tableExists("timers"));

  // The old case is still there, and a deadline can now hang off it.
  Deadlines deadlines(store);
  DeadlineRecord d;
  d.caseId = caseId;
  d.ruleId = "complaint.conclusion";
  d.dueAt = kMarch31End;
  const std::int64_t id = deadlines.insert(d, 0);
  EXPECT_EQ(ids(deadlines.openForCase(caseId)), (std::vector<std::int64_t>{id}));
}

}  // namespace
}  // namespace civicdesk::store::test
