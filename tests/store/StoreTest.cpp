// Opening, pragmas, migrations and transactions, on real files.
#include "store/Store.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "store/Migrations.hpp"
#include "tests/store/StoreTestSupport.hpp"

namespace civicdesk::store::test {
namespace {

int latestEmbeddedVersion() {
  return embeddedMigrations().back().version;
}

std::int64_t countRows(Store& store, const char* table) {
  return store.db().execAndGet(std::string("SELECT COUNT(*) FROM ") + table).getInt64();
}

using StoreTest = StoreFixture;

TEST(Migrations, EmbeddedInOrderFromOne) {
  const auto& migrations = embeddedMigrations();
  ASSERT_FALSE(migrations.empty());
  EXPECT_EQ(migrations.front().version, 1);
  EXPECT_EQ(migrations.front().name, "0001_initial");
  for (std::size_t i = 1; i < migrations.size(); ++i) {
    EXPECT_GT(migrations[i].version, migrations[i - 1].version);
  }
}

TEST_F(StoreTest, FreshFileGetsEveryMigrationAndItsParentFolder) {
  EXPECT_TRUE(std::filesystem::exists(path()));
  EXPECT_EQ(store().schemaVersion(), latestEmbeddedVersion());
  EXPECT_EQ(countRows(store(), "schema_migrations"),
            static_cast<std::int64_t>(embeddedMigrations().size()));
  for (const char* table : {"citizens", "contacts", "conversations", "inbound_messages",
                            "outbound_messages", "cases", "case_counters", "events", "outbox"}) {
    EXPECT_TRUE(store().db().tableExists(table)) << table;
  }
}

TEST_F(StoreTest, ReopenAppliesNothingAgain) {
  // Mark the recorded migrations, so that re-applying one (a new row, or a replaced one)
  // would show even within the same second.
  store().db().exec("UPDATE schema_migrations SET applied_at = 42");
  reopen();
  EXPECT_EQ(store().schemaVersion(), latestEmbeddedVersion());
  EXPECT_EQ(countRows(store(), "schema_migrations"),
            static_cast<std::int64_t>(embeddedMigrations().size()));
  EXPECT_EQ(store()
                .db()
                .execAndGet("SELECT COUNT(*) FROM schema_migrations WHERE applied_at <> 42")
                .getInt(),
            0);
}

TEST_F(StoreTest, RefusesADatabaseNewerThanTheBinary) {
  close();
  {
    SQLite::Database raw(path(), SQLite::OPEN_READWRITE);
    SQLite::Statement insert(raw, "INSERT INTO schema_migrations VALUES (?, 'from_the_future', 0)");
    insert.bind(1, latestEmbeddedVersion() + 1);
    insert.exec();
  }
  try {
    Store newer(path());
    FAIL() << "a database from a newer binary was opened";
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(path()), std::string::npos) << message;
    EXPECT_NE(message.find("newer"), std::string::npos) << message;
  }
  // Refusing must not touch the file: the future version is still recorded.
  SQLite::Database raw(path(), SQLite::OPEN_READONLY);
  EXPECT_EQ(raw.execAndGet("SELECT MAX(version) FROM schema_migrations").getInt(),
            latestEmbeddedVersion() + 1);
}

TEST_F(StoreTest, NotADatabaseIsAClearError) {
  close();
  std::filesystem::remove(path() + "-wal");
  std::filesystem::remove(path() + "-shm");
  {
    std::FILE* f = std::fopen(path().c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fputs("not an SQLite database: a text file long enough to hold a whole header.....", f);
    std::fclose(f);
  }
  try {
    Store broken(path());
    FAIL() << "a text file was opened as a database";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(path()), std::string::npos) << e.what();
  }
}

TEST_F(StoreTest, ConnectionIsConfiguredForDurability) {
  EXPECT_EQ(store().db().execAndGet("PRAGMA journal_mode").getString(), "wal");
  EXPECT_EQ(store().db().execAndGet("PRAGMA synchronous").getInt(), 2);  // FULL
  EXPECT_EQ(store().db().execAndGet("PRAGMA foreign_keys").getInt(), 1);
  EXPECT_EQ(store().db().execAndGet("PRAGMA busy_timeout").getInt(), 5000);
  // WAL is a property of the file: another connection sees it too.
  SQLite::Database other(path(), SQLite::OPEN_READONLY);
  EXPECT_EQ(other.execAndGet("PRAGMA journal_mode").getString(), "wal");
}

TEST_F(StoreTest, ConnectionKeepsItsStatementJournalsInMemory) {
  // The group commit's per-unit savepoints journal pages; on disk that was a temporary file
  // and ~24 extra writes per batch (bench/RESULTS.md).
  EXPECT_EQ(store().db().execAndGet("PRAGMA temp_store").getInt(), 2);  // MEMORY
}

TEST_F(StoreTest, ForeignKeysAreEnforced) {
  SQLite::Statement insert(store().db(),
                           "INSERT INTO contacts(citizen_id, channel, address, created_at) "
                           "VALUES (999, 'wechat', 'oNobody', 0)");
  EXPECT_THROW(insert.exec(), SQLite::Exception);
}

TEST_F(StoreTest, TransactionRollsBackAtScopeExit) {
  {
    Transaction tx(store());
    EXPECT_TRUE(store().inTransaction());
    citizen("oRolledBack");
  }
  EXPECT_FALSE(store().inTransaction());
  EXPECT_EQ(countRows(store(), "citizens"), 0);
  EXPECT_FALSE(Citizens(store()).find("wechat", "oRolledBack"));
}

TEST_F(StoreTest, TransactionRollsBackWhenAnExceptionLeavesTheScope) {
  try {
    Transaction tx(store());
    citizen("oThrown");
    throw std::runtime_error("the unit of work failed");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(countRows(store(), "citizens"), 0);
}

TEST_F(StoreTest, TransactionCommitsWhenTold) {
  {
    Transaction tx(store());
    citizen("oCommitted");
    tx.commit();
    EXPECT_FALSE(store().inTransaction());
    EXPECT_THROW(tx.commit(), std::logic_error);
  }
  reopen();
  EXPECT_TRUE(Citizens(store()).find("wechat", "oCommitted"));
}

TEST_F(StoreTest, TransactionsDoNotNest) {
  Transaction outer(store());
  EXPECT_THROW(Transaction inner(store()), SQLite::Exception);
  EXPECT_TRUE(store().inTransaction());  // the failed BEGIN left the outer one alone
}

TEST_F(StoreTest, SecondWriterWaitsThenGivesUpWithBusy) {
  // IMMEDIATE takes the write lock at BEGIN, so a second writer fails there, not halfway.
  Transaction tx(store());
  SQLite::Database other(path(), SQLite::OPEN_READWRITE, 50);
  EXPECT_THROW(other.exec("BEGIN IMMEDIATE"), SQLite::Exception);
}

TEST_F(StoreTest, DataSurvivesReopen) {
  const std::int64_t id = citizen("oDurable");
  reopen();
  EXPECT_EQ(Citizens(store()).find("wechat", "oDurable"), id);
}

}  // namespace
}  // namespace civicdesk::store::test
