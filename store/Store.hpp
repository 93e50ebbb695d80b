#pragma once
// Owns the SQLite connection: WAL mode, synchronous=FULL, foreign keys, a busy timeout, and the
// migrations applied in order at open. One Store per process; callers serialise writes (the
// dispatcher holds one lock around each unit of work).
#include <chrono>
#include <memory>
#include <string>

#include <SQLiteCpp/Database.h>

#include "store/CachedStatement.hpp"
#include "store/Checkpointer.hpp"

namespace civicdesk::store {

class Store {
 public:
  // Opens or creates the database at `path` (parent folder created), applies pending
  // migrations inside a transaction each. Throws std::runtime_error (with the path) on failure.
  explicit Store(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  SQLite::Database& db() { return *db_; }
  // The highest migration version applied to the file (0 for an empty schema).
  int schemaVersion();
  // True between BEGIN and COMMIT/ROLLBACK (a Transaction, or any savepoint) on this connection.
  bool inTransaction();
  const std::string& path() const { return path_; }
  // The connection's prepared statements, reused by CachedStatement.
  StatementCache& statements() { return *statements_; }
  // A long-running server's choice: WAL checkpoints on a thread of their own (Checkpointer.hpp)
  // rather than inside the commit that crosses the threshold. Idempotent.
  void checkpointInBackground(std::chrono::milliseconds interval);
  // Null until checkpointInBackground().
  const Checkpointer* checkpointer() const { return checkpointer_.get(); }

 private:
  std::string path_;
  std::unique_ptr<SQLite::Database> db_;
  // Declared after db_: destroyed (finalized) before the connection closes.
  std::unique_ptr<StatementCache> statements_;
  std::unique_ptr<Checkpointer> checkpointer_;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back at scope exit unless committed. IMMEDIATE takes the
// write lock up front, so two writers never deadlock on a read-to-write upgrade.
class Transaction {
 public:
  explicit Transaction(Store& store);
  ~Transaction();  // rolls back if not committed; never throws
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  SQLite::Database& db_;
  bool done_ = false;
};

}  // namespace civicdesk::store
