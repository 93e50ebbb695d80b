#pragma once
// Helpers shared by the repositories in store/ (not part of the store's public contract).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace civicdesk::store {
class Store;
}

namespace civicdesk::store::detail {

// Throws std::logic_error unless a Transaction is open: `where` ("Cases::update") is a write
// that must commit together with the caller's other writes.
void requireTransaction(Store& store, std::string_view where);

// Every row `query` yields, each read by `fromRow`.
template <class Row>
std::vector<Row> readRows(SQLite::Statement& query, Row (*fromRow)(const SQLite::Statement&)) {
  std::vector<Row> rows;
  while (query.executeStep()) rows.push_back(fromRow(query));
  return rows;
}

// A SAVEPOINT: makes a multi-statement write atomic whether or not the caller has a
// Transaction open (outside one it behaves as BEGIN DEFERRED ... COMMIT). Rolled back at scope
// exit unless released; the destructor never throws.
class Savepoint {
 public:
  Savepoint(SQLite::Database& db, std::string name);
  ~Savepoint();
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;
  void release();

 private:
  SQLite::Database& db_;
  std::string name_;
  bool done_ = false;
};

// Runs a statement whose result is at most one integer (a SELECT of one column, a MAX()...):
// the value of the first row, if any. The statement is reset afterwards so it holds no lock or
// open write when the caller commits.
std::optional<std::int64_t> stepForInt64(SQLite::Statement& statement);

// Runs an INSERT and returns the new row's id; nullopt when it inserted nothing (a conflict
// under ON CONFLICT ... DO NOTHING). Preferred to "RETURNING id": SQLite gathers RETURNING rows
// in an ephemeral b-tree, created, zeroed and dropped for every run of the statement, which
// cost the store's writer more than the inserts themselves (bench/RESULTS.md).
std::optional<std::int64_t> insertForId(SQLite::Statement& insert, SQLite::Database& db);

// Binds NULL for an empty optional.
void bindOptional(SQLite::Statement& statement, int index, const std::optional<std::int64_t>& v);
std::optional<std::int64_t> optionalInt64(const SQLite::Statement& statement, int column);

// The next case number sequence of (prefix, year), 1 for the first case of a year ("TS",
// "YS"...). The UPSERT reads and increments in one statement, under the caller's write lock,
// so a rolled-back registration leaves no gap.
std::int64_t nextCaseSequence(Store& store, const char* prefix, int year);

}  // namespace civicdesk::store::detail
