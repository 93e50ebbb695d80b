#include "store/Store.hpp"

#include <sqlite3.h>

#include <SQLiteCpp/Statement.h>

#include <ctime>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "store/Migrations.hpp"
#include "store/SqlSupport.hpp"
#include "store/WalWriteBuffer.hpp"

namespace civicdesk::store {
namespace {

constexpr int kBusyTimeoutMs = 5000;

// Once per process, before SQLite initialises (its configuration is global and fixed from
// then on). Memory statistics make every sqlite3_malloc and sqlite3_free take one global
// mutex, a twentieth of the store writer's time under load; nothing here reads them.
// If SQLite is already initialised (a test opened a connection first) the call is refused
// and changes nothing.
void configureSqliteOnce() {
  static const bool configured = [] {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
  }();
  (void)configured;
}

std::unique_ptr<SQLite::Database> openFile(const std::string& path) {
  configureSqliteOnce();
  // SQLite creates the file but not its folder; a fresh deployment has neither.
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  // Through the VFS that gathers a commit's WAL writes into one (WalWriteBuffer.hpp).
  return std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE,
                                            kBusyTimeoutMs, walWriteBufferVfs());
}

void configure(SQLite::Database& db) {
  // WAL: readers never block the writer, and a commit is one append + fsync. The mode is stored
  // in the file; check the answer, because SQLite silently keeps the old mode when it cannot
  // switch (e.g. on a file system without shared memory).
  const std::string mode = db.execAndGet("PRAGMA journal_mode=WAL").getString();
  if (mode != "wal") throw std::runtime_error("cannot switch to WAL (journal_mode=" + mode + ")");
  // FULL: a commit we answered the citizen about survives a power cut, not just a crash.
  db.exec("PRAGMA synchronous=FULL");
  // Temporary files in memory, above all the statement journal of the group commit's per-unit
  // savepoints (GroupCommit.hpp): by default it spills to a temporary file past 64 KiB, and a
  // batch of 15 messages then cost ~24 extra page writes and a file created and deleted every
  // few batches. Held in memory it is ~100 KiB for the life of a batch.
  db.exec("PRAGMA temp_store=MEMORY");
  // Off by default in SQLite, per connection: the REFERENCES clauses mean nothing without it.
  db.exec("PRAGMA foreign_keys=ON");
}

int latestKnownVersion() {
  int latest = 0;
  for (const auto& m : embeddedMigrations()) {
    // The generator sorts by file name; equal or shrinking numbers mean a misnamed file.
    if (m.version <= latest) {
      throw std::logic_error("migration " + m.name + " is out of order or duplicates a version");
    }
    latest = m.version;
  }
  return latest;
}

int appliedVersion(SQLite::Database& db) {
  return db.execAndGet("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").getInt();
}

void applyMigrations(SQLite::Database& db) {
  db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      "  version INTEGER PRIMARY KEY,"
      "  name TEXT NOT NULL,"
      "  applied_at INTEGER NOT NULL"
      ") STRICT");

  const int known = latestKnownVersion();
  const int applied = appliedVersion(db);
  // An older binary must not write to a schema it does not understand (a rollback after an
  // upgrade): better to refuse to start than to corrupt data silently.
  if (applied > known) {
    throw std::runtime_error("database schema version " + std::to_string(applied) +
                             " is newer than this binary supports (" + std::to_string(known) +
                             "); run a newer CivicDesk");
  }

  for (const auto& m : embeddedMigrations()) {
    if (m.version <= applied) continue;
    // One transaction per migration: a failing step leaves the file at the previous version.
    db.exec("BEGIN IMMEDIATE");
    try {
      // Re-check under the write lock: another process may have migrated since we looked.
      SQLite::Statement done(db, "SELECT 1 FROM schema_migrations WHERE version = ?");
      done.bind(1, m.version);
      if (!detail::stepForInt64(done)) {
        db.exec(m.sql);
        SQLite::Statement record(
            db, "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)");
        record.bind(1, m.version);
        record.bind(2, m.name);
        record.bind(3, static_cast<std::int64_t>(std::time(nullptr)));
        record.exec();
      }
      db.exec("COMMIT");
    } catch (const std::exception& e) {
      db.tryExec("ROLLBACK");
      throw std::runtime_error("migration " + m.name + " failed: " + e.what());
    }
  }
}

}  // namespace

Store::Store(const std::string& path) : path_(path) {
  try {
    db_ = openFile(path);
    configure(*db_);
    applyMigrations(*db_);
    statements_ = std::make_unique<StatementCache>(*db_);
  } catch (const std::exception& e) {
    throw std::runtime_error("store " + path + ": " + e.what());
  }
}

Store::~Store() = default;

void Store::checkpointInBackground(std::chrono::milliseconds interval) {
  if (checkpointer_) return;
  // 10,000 pages (~40 MiB): only reached if the background thread stalls.
  db_->exec("PRAGMA wal_autocheckpoint=10000");
  checkpointer_ = std::make_unique<Checkpointer>(path_, interval);
}

int Store::schemaVersion() {
  return appliedVersion(*db_);
}

bool Store::inTransaction() {
  return sqlite3_get_autocommit(db_->getHandle()) == 0;
}

Transaction::Transaction(Store& store) : db_(store.db()) {
  // IMMEDIATE: take the write lock now (waiting up to the busy timeout), rather than failing
  // with SQLITE_BUSY at the first write after a read.
  db_.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (done_) return;
  // tryExec never throws. It fails harmlessly when SQLite has already rolled back on its own
  // (an I/O error, out of memory): there is nothing left to undo then.
  db_.tryExec("ROLLBACK");
}

void Transaction::commit() {
  if (done_) throw std::logic_error("Transaction::commit called twice");
  // If COMMIT throws (SQLITE_BUSY, a deferred constraint), the transaction is still open and
  // the destructor rolls it back.
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace civicdesk::store
