#pragma once
// Prepared statements reused across calls. Preparing is most of the cost of a short statement
// (sqlite3_prepare_v2 was 45% of the instructions of a WeChat message, bench/RESULTS.md), and
// the repositories run the same few dozen SQL texts over and over.
//
// A CachedStatement is an SQLite::Statement taken out of its Store's cache (or prepared when
// the cache has none for that text) and handed back, reset and unbound, when it goes out of
// scope. Taking it out, rather than sharing it, keeps a query that runs while another copy of
// itself is still stepping (a nested call, another thread) correct: it simply gets a second
// prepared copy.
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace civicdesk::store {

class Store;

// The pool behind CachedStatement; one per connection (statements belong to it).
class StatementCache {
 public:
  // Copies kept per SQL text: more than the deepest nesting any repository uses.
  static constexpr std::size_t kCopiesPerText = 4;

  explicit StatementCache(SQLite::Database& db) : db_(db) {}
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  SQLite::Statement take(const std::string& sql);
  // Called with a statement that has been reset and unbound.
  void giveBack(SQLite::Statement&& statement);
  // Prepared statements in the pool (idle ones only).
  std::size_t idle() const;
  // Statements prepared since the cache was created (a test's and the benchmark's measure).
  std::size_t prepared() const;

 private:
  SQLite::Database& db_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::vector<SQLite::Statement>> idle_;
  std::size_t prepared_ = 0;
};

class CachedStatement : public SQLite::Statement {
 public:
  CachedStatement(Store& store, const std::string& sql);
  ~CachedStatement();  // resets, clears the bindings and returns the statement; never throws
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;

 private:
  StatementCache& cache_;
};

}  // namespace civicdesk::store
