// The schema's CHECK constraints: they refuse what they always refused, and checking a row
// builds no ephemeral table (migration 0005: a CHECK "x IN ('a', 'b', 'c')" made SQLite build a
// b-tree of the list for every INSERT and UPDATE).
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/Migrations.hpp"
#include "store/Store.hpp"
#include "tests/store/StoreTestSupport.hpp"
#include "tests/support/TempDir.hpp"

namespace civicdesk::store::test {
namespace {

std::vector<std::string> tablesOf(SQLite::Database& db) {
  std::vector<std::string> tables;
  SQLite::Statement query(db,
                          "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE "
                          "'sqlite_%' ORDER BY name");
  while (query.executeStep()) tables.push_back(query.getColumn(0).getString());
  return tables;
}

// How many ephemeral tables the program of `sql` opens (EXPLAIN; nothing is run).
int ephemeralTablesOf(SQLite::Database& db, const std::string& sql) {
  SQLite::Statement explain(db, "EXPLAIN " + sql);
  int opened = 0;
  while (explain.executeStep()) {
    if (explain.getColumn(1).getString() == "OpenEphemeral") ++opened;
  }
  return opened;
}

void expectNoEphemeralTables(SQLite::Database& db) {
  const auto tables = tablesOf(db);
  ASSERT_GT(tables.size(), 10u);
  for (const auto& table : tables) {
    EXPECT_EQ(ephemeralTablesOf(db, "INSERT INTO " + table + " DEFAULT VALUES"), 0) << table;
  }
}

std::int64_t inboundWithAnswerMode(SQLite::Database& db, std::int64_t citizenId,
                                   const std::string& platformId, const std::string& mode) {
  SQLite::Statement insert(db,
                           "INSERT INTO inbound_messages(channel, platform_id, citizen_id, kind, "
                           "sent_at, received_at, answer_mode) VALUES ('wechat', ?, ?, 'text', 1, "
                           "1, ?)");
  insert.bind(1, platformId);
  insert.bind(2, citizenId);
  insert.bind(3, mode);
  insert.exec();
  return db.getLastInsertRowid();
}

void outboxWithStatus(SQLite::Database& db, const std::string& key, const std::string& status) {
  SQLite::Statement insert(
      db,
      "INSERT INTO outbox(channel, recipient, text, idempotency_key, status, "
      "next_attempt_at, created_at) VALUES ('wechat', 'oA', 'hi', ?, ?, 1, 1)");
  insert.bind(1, key);
  insert.bind(2, status);
  insert.exec();
}

using SchemaChecksTest = StoreFixture;

TEST_F(SchemaChecksTest, NoTableBuildsAnEphemeralTableToCheckARow) {
  expectNoEphemeralTables(store().db());
}

TEST_F(SchemaChecksTest, TheListedValuesAreStillTheOnlyOnesAllowed) {
  auto& db = store().db();
  const std::int64_t citizenId = citizen();
  for (const char* mode : {"pending", "passive", "async", "none"}) {
    EXPECT_NO_THROW(inboundWithAnswerMode(db, citizenId, std::string("m-") + mode, mode)) << mode;
  }
  EXPECT_THROW(inboundWithAnswerMode(db, citizenId, "m-x", "later"), SQLite::Exception);
  for (const char* status : {"pending", "sending", "sent", "dead"}) {
    EXPECT_NO_THROW(outboxWithStatus(db, std::string("k-") + status, status)) << status;
  }
  EXPECT_THROW(outboxWithStatus(db, "k-x", "lost"), SQLite::Exception);
  EXPECT_THROW(db.exec("UPDATE outbox SET status = 'Sent' WHERE idempotency_key = 'k-sent'"),
               SQLite::Exception);
  const auto staffWithRole = [&db](const std::string& role) {
    db.exec(
        "INSERT INTO staff_members(name, role, unit_id, token_hash, created_at) VALUES ('王', '" +
        role + "', 'edu', 'hash-" + role + "', 1)");
  };
  EXPECT_NO_THROW(staffWithRole("leading_group_office"));
  EXPECT_NO_THROW(staffWithRole("admin"));
  EXPECT_THROW(staffWithRole("root"), SQLite::Exception);
}

TEST(SchemaChecksUpgrade, AFileOfSchemaVersionFourIsRewrittenAndKeepsItsRows) {
  civicdesk::testing::TempDir dir;
  const std::string path = dir.file("v4.db");
  {
    // The file as the previous release left it: migrations 1 to 4, and rows in the tables
    // whose CHECK changes.
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at INTEGER NOT NULL) STRICT");
    for (const auto& m : embeddedMigrations()) {
      if (m.version > 4) break;
      db.exec(m.sql);
      db.exec("INSERT INTO schema_migrations VALUES (" + std::to_string(m.version) + ", '" +
              m.name + "', 1)");
    }
    EXPECT_GT(ephemeralTablesOf(db, "INSERT INTO outbox DEFAULT VALUES"), 0)
        << "the old schema, as it was";
    db.exec("INSERT INTO citizens(id, created_at) VALUES (1, 1)");
    inboundWithAnswerMode(db, 1, "old-1", "async");
    outboxWithStatus(db, "old-key", "sent");
  }

  Store upgraded(path);
  EXPECT_EQ(upgraded.schemaVersion(), embeddedMigrations().back().version);
  auto& db = upgraded.db();
  expectNoEphemeralTables(db);
  EXPECT_EQ(db.execAndGet("PRAGMA integrity_check").getString(), "ok");
  EXPECT_EQ(db.execAndGet("SELECT answer_mode FROM inbound_messages WHERE platform_id = 'old-1'")
                .getString(),
            "async");
  EXPECT_EQ(
      db.execAndGet("SELECT status FROM outbox WHERE idempotency_key = 'old-key'").getString(),
      "sent");
  EXPECT_THROW(inboundWithAnswerMode(db, 1, "new-x", "later"), SQLite::Exception);
  EXPECT_THROW(outboxWithStatus(db, "new-x", "lost"), SQLite::Exception);
  EXPECT_NO_THROW(outboxWithStatus(db, "new-ok", "pending"));
}

}  // namespace
}  // namespace civicdesk::store::test
