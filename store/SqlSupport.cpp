#include "store/SqlSupport.hpp"

#include <stdexcept>
#include <utility>

#include "store/CachedStatement.hpp"
#include "store/Store.hpp"

namespace civicdesk::store::detail {

void requireTransaction(Store& store, std::string_view where) {
  if (!store.inTransaction()) {
    throw std::logic_error(std::string(where) + " must be called inside a Transaction");
  }
}

// Savepoint names are identifiers, not values, so they cannot be bound; they are constants of
// this folder, never input.
Savepoint::Savepoint(SQLite::Database& db, std::string name) : db_(db), name_(std::move(name)) {
  db_.exec("SAVEPOINT " + name_);
}

Savepoint::~Savepoint() {
  if (done_) return;
  // ROLLBACK TO undoes the work but leaves the savepoint open; RELEASE closes it (and ends the
  // transaction when the savepoint started one).
  db_.tryExec("ROLLBACK TO " + name_);
  db_.tryExec("RELEASE " + name_);
}

void Savepoint::release() {
  db_.exec("RELEASE " + name_);
  done_ = true;
}

std::optional<std::int64_t> stepForInt64(SQLite::Statement& statement) {
  std::optional<std::int64_t> value;
  if (statement.executeStep() && !statement.isColumnNull(0)) {
    value = statement.getColumn(0).getInt64();
  }
  statement.reset();
  return value;
}

std::optional<std::int64_t> insertForId(SQLite::Statement& insert, SQLite::Database& db) {
  const int changed = insert.exec();
  insert.reset();
  if (changed == 0) return std::nullopt;
  return db.getLastInsertRowid();
}

void bindOptional(SQLite::Statement& statement, int index, const std::optional<std::int64_t>& v) {
  if (v) {
    statement.bind(index, *v);
  } else {
    statement.bind(index);
  }
}

std::optional<std::int64_t> optionalInt64(const SQLite::Statement& statement, int column) {
  if (statement.isColumnNull(column)) return std::nullopt;
  return statement.getColumn(column).getInt64();
}

std::int64_t nextCaseSequence(Store& store, const char* prefix, int year) {
  // Cached: preparing it anew was a fifth of a registration's time on the store's writer.
  CachedStatement next(store,
                       "INSERT INTO case_counters(prefix, year, last_seq) VALUES (?, ?, 1) "
                       "ON CONFLICT(prefix, year) DO UPDATE SET last_seq = last_seq + 1 "
                       "RETURNING last_seq");
  next.bind(1, prefix);
  next.bind(2, year);
  return stepForInt64(next).value();
}

}  // namespace civicdesk::store::detail
