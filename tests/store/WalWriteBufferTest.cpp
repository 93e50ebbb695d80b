// The VFS that gathers WAL writes (store/WalWriteBuffer.hpp): a commit's frames reach the file
// in one write, and nothing another connection, a restart or a rollback sees changes.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <memory>
#include <string>

#include "store/Store.hpp"
#include "store/WalWriteBuffer.hpp"
#include "tests/support/TempDir.hpp"

namespace civicdesk::store {
namespace {

// A connection of its own to `path` through the VFS, in WAL mode with `synchronous`.
std::unique_ptr<SQLite::Database> openBuffered(const std::string& path,
                                               const std::string& synchronous = "FULL") {
  auto db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE,
                                               5000, walWriteBufferVfs());
  db->exec("PRAGMA journal_mode=WAL");
  db->exec("PRAGMA synchronous=" + synchronous);
  return db;
}

// One row per page, more or less: 3,000-byte payloads.
void insertRows(SQLite::Database& db, int first, int count) {
  SQLite::Statement insert(db, "INSERT INTO t(id, payload) VALUES(?, ?)");
  for (int i = first; i < first + count; ++i) {
    insert.bind(1, i);
    insert.bind(2, std::string(3000, static_cast<char>('a' + i % 26)));
    insert.exec();
    insert.reset();
  }
}

std::int64_t countRows(SQLite::Database& db) {
  return db.execAndGet("SELECT count(*) FROM t").getInt64();
}

class WalWriteBufferTest : public ::testing::Test {
 protected:
  WalWriteBufferTest() : path_(dir_.file("wal.db")), db_(openBuffered(path_)) {
    db_->exec("CREATE TABLE t(id INTEGER PRIMARY KEY, payload TEXT NOT NULL)");
  }
  civicdesk::testing::TempDir dir_;
  std::string path_;
  std::unique_ptr<SQLite::Database> db_;
};

// The file's writes for one transaction inserting `rows` rows of about a page each.
WalWriteBufferStats commitRows(SQLite::Database& db, int first, int rows) {
  const auto before = walWriteBufferStats(db.getHandle());
  SQLite::Transaction transaction(db);
  insertRows(db, first, rows);
  transaction.commit();
  const auto after = walWriteBufferStats(db.getHandle());
  return {after.writesAsked - before.writesAsked, after.fileWrites - before.fileWrites};
}

TEST_F(WalWriteBufferTest, ACommitsFramesReachTheFileInFewWrites) {
  // Two writes per frame (header, page) for 20+ pages: one write of the file.
  const auto small = commitRows(*db_, 1, 20);
  EXPECT_GE(small.writesAsked, 40u);
  EXPECT_EQ(small.fileWrites, 1u);
  // 100+ frames: the unix VFS takes at most 31 of them per write.
  const auto large = commitRows(*db_, 100, 100);
  EXPECT_GE(large.writesAsked, 200u);
  EXPECT_GE(large.fileWrites, 4u);
  EXPECT_LE(large.fileWrites, 5u);
}

// Commits `rounds` transactions of 10 rows through `writer`; after each one `reader` must see
// every row committed so far.
void commitRoundsSeenBy(SQLite::Database& writer, SQLite::Database& reader, int rounds) {
  for (int round = 0; round < rounds; ++round) {
    SQLite::Transaction transaction(writer);
    insertRows(writer, round * 10 + 1, 10);
    transaction.commit();
    ASSERT_EQ(countRows(reader), (round + 1) * 10) << "round " << round;
  }
}

TEST_F(WalWriteBufferTest, AnotherConnectionSeesEveryCommittedRow) {
  auto reader = openBuffered(path_);
  commitRoundsSeenBy(*db_, *reader, 20);
  // A connection without the VFS reads the same file the same way.
  SQLite::Database plain(path_, SQLite::OPEN_READONLY);
  EXPECT_EQ(countRows(plain), 200);
}

TEST_F(WalWriteBufferTest, NormalSyncStillPublishesOnlyWrittenFrames) {
  // synchronous=NORMAL: a commit does not sync, so the write-out before the WAL index is
  // published (the shared-memory barrier) is all that keeps other connections from reading
  // frames still in the buffer.
  auto writer = openBuffered(path_, "NORMAL");
  auto reader = openBuffered(path_);
  commitRoundsSeenBy(*writer, *reader, 10);
  SQLite::Statement payload(*db_, "SELECT payload FROM t WHERE id = ?");
  for (int id = 1; id <= 100; ++id) {
    payload.bind(1, id);
    ASSERT_TRUE(payload.executeStep()) << id;
    ASSERT_EQ(payload.getColumn(0).getString(), std::string(3000, static_cast<char>('a' + id % 26)))
        << id;
    payload.reset();
  }
}

TEST_F(WalWriteBufferTest, ASpilledTransactionReadsBackItsOwnPages) {
  // A tiny page cache makes SQLite write frames to the WAL before the commit and read them
  // back in the same transaction.
  db_->exec("PRAGMA cache_size=10");
  {
    SQLite::Transaction transaction(*db_);
    insertRows(*db_, 1, 300);
    db_->exec("UPDATE t SET payload = upper(payload) WHERE id % 7 = 0");
    EXPECT_EQ(countRows(*db_), 300);
    transaction.commit();
  }
  EXPECT_EQ(db_->execAndGet("SELECT payload FROM t WHERE id = 7").getString(),
            std::string(3000, 'H'));
  EXPECT_EQ(db_->execAndGet("PRAGMA integrity_check").getString(), "ok");
}

TEST_F(WalWriteBufferTest, RolledBackSavepointsLeaveNoTrace) {
  db_->exec("PRAGMA cache_size=10");
  {
    SQLite::Transaction transaction(*db_);
    insertRows(*db_, 1, 50);
    db_->exec("SAVEPOINT s");
    insertRows(*db_, 51, 200);
    db_->exec("ROLLBACK TO s");
    db_->exec("RELEASE s");
    insertRows(*db_, 1000, 5);
    transaction.commit();
  }
  EXPECT_EQ(countRows(*db_), 55);
  EXPECT_EQ(db_->execAndGet("PRAGMA integrity_check").getString(), "ok");
}

TEST_F(WalWriteBufferTest, CommitsSurviveReopeningAndCheckpoints) {
  for (int round = 0; round < 30; ++round) {
    SQLite::Transaction transaction(*db_);
    insertRows(*db_, round * 20 + 1, 20);
    transaction.commit();
    // Every few commits the WAL is copied back and restarted from its first frame, so later
    // commits overwrite old frames: the restart writes and syncs a new header first.
    if (round % 7 == 6) db_->exec("PRAGMA wal_checkpoint(RESTART)");
  }
  db_.reset();
  SQLite::Database plain(path_, SQLite::OPEN_READONLY);
  EXPECT_EQ(countRows(plain), 600);
  EXPECT_EQ(plain.execAndGet("PRAGMA integrity_check").getString(), "ok");
}

// In a child process (a file size limit is per process): a commit of `rows` pages whose
// gathered write cannot reach the disk fails, and the connection carries on once the disk
// takes writes again. Exit code 0 when everything went as it should.
int commitIntoAFullDisk(const std::string& path, int rows) {
  std::signal(SIGXFSZ, SIG_IGN);  // a write past the limit fails with EFBIG instead
  auto db = openBuffered(path);
  const auto before = countRows(*db);
  const auto walSize = static_cast<rlim_t>(std::filesystem::file_size(path + "-wal"));
  rlimit limit{};
  if (getrlimit(RLIMIT_FSIZE, &limit) != 0) return 10;
  const rlim_t hard = limit.rlim_max;
  limit.rlim_cur = walSize + 16 * 1024;  // room for three frames
  if (setrlimit(RLIMIT_FSIZE, &limit) != 0) return 11;
  try {
    SQLite::Transaction transaction(*db);
    insertRows(*db, 1000, rows);
    transaction.commit();
    return 12;  // the commit should have failed
  } catch (const SQLite::Exception&) {
  }
  limit.rlim_cur = hard;
  if (setrlimit(RLIMIT_FSIZE, &limit) != 0) return 13;
  try {
    SQLite::Transaction transaction(*db);
    insertRows(*db, 2000 + rows, 3);
    transaction.commit();
  } catch (const SQLite::Exception&) {
    return 14;  // the connection should work again
  }
  return countRows(*db) == before + 3 ? 0 : 15;
}

TEST_F(WalWriteBufferTest, ACommitThatCannotBeWrittenFailsAndLeavesNoTrace) {
  commitRows(*db_, 1, 10);
  // 10 pages fit the buffer: the write fails when the commit syncs. 100 pages do not: it fails
  // when the full buffer is written out in the middle of the commit.
  for (const int rows : {10, 100}) {
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) _exit(commitIntoAFullDisk(path_, rows));
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    ASSERT_EQ(WEXITSTATUS(status), 0) << rows << " rows; see commitIntoAFullDisk for the step";
  }
  // What the failed commits wrote before the disk refused is not part of the database.
  SQLite::Database plain(path_, SQLite::OPEN_READONLY);
  EXPECT_EQ(countRows(plain), 10 + 3 + 3);
  EXPECT_EQ(plain.execAndGet("SELECT count(*) FROM t WHERE id >= 1000 AND id < 1100").getInt(), 0);
  EXPECT_EQ(plain.execAndGet("PRAGMA integrity_check").getString(), "ok");
}

TEST_F(WalWriteBufferTest, TheStoreOpensItsConnectionThroughIt) {
  Store store(dir_.file("store/civicdesk.db"));
  const auto before = walWriteBufferStats(store.db().getHandle());
  store.db().exec("CREATE TABLE extra(x)");
  const auto after = walWriteBufferStats(store.db().getHandle());
  EXPECT_GT(after.writesAsked, before.writesAsked);
  EXPECT_GT(after.fileWrites, before.fileWrites);
  EXPECT_LT(after.fileWrites - before.fileWrites, after.writesAsked - before.writesAsked);
}

TEST(WalWriteBufferStats, AConnectionWithoutTheVfsHasNone) {
  civicdesk::testing::TempDir dir;
  SQLite::Database plain(dir.file("plain.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  plain.exec("PRAGMA journal_mode=WAL");
  plain.exec("CREATE TABLE t(x)");
  const auto stats = walWriteBufferStats(plain.getHandle());
  EXPECT_EQ(stats.writesAsked, 0u);
  EXPECT_EQ(stats.fileWrites, 0u);
}

}  // namespace
}  // namespace civicdesk::store
