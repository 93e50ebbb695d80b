#include "store/Timers.hpp"

#include <SQLiteCpp/Statement.h>

#include <stdexcept>

#include "store/CachedStatement.hpp"
#include "store/SqlSupport.hpp"

namespace civicdesk::store {
namespace {

constexpr const char* kTimerColumns =
    "SELECT id, kind, deadline_id, due_at, status, idempotency_key, payload_json, fired_at "
    "FROM timers ";

constexpr const char* kMarkFired =
    "UPDATE timers SET status = 'fired', fired_at = ? WHERE id = ? AND status = 'pending'";

TimerRecord timerFromRow(const SQLite::Statement& row) {
  TimerRecord t;
  t.id = row.getColumn(0).getInt64();
  t.kind = row.getColumn(1).getString();
  t.deadlineId = detail::optionalInt64(row, 2);
  t.dueAt = row.getColumn(3).getInt64();
  t.status = row.getColumn(4).getString();
  t.idempotencyKey = row.getColumn(5).getString();
  t.payloadJson = row.getColumn(6).getString();
  t.firedAt = detail::optionalInt64(row, 7);
  return t;
}

// Runs a prepared kMarkFired; reused across a batch, so runDue prepares it once per pass.
bool markFiredWith(SQLite::Statement& update, std::int64_t id, std::int64_t now) {
  update.reset();
  update.bind(1, now);
  update.bind(2, id);
  const bool changed = update.exec() == 1;
  update.reset();
  return changed;
}

}  // namespace

std::int64_t Timers::schedule(const TimerRecord& record, std::int64_t now) {
  // An empty key would make every keyless timer a duplicate of the first one.
  if (record.idempotencyKey.empty()) throw std::invalid_argument("timers: empty idempotency key");
  CachedStatement insert(
      store_,
      "INSERT INTO timers(kind, deadline_id, due_at, status, idempotency_key, payload_json, "
      "  created_at) VALUES (?, ?, ?, 'pending', ?, ?, ?) "
      "ON CONFLICT(idempotency_key) DO NOTHING");
  insert.bind(1, record.kind);
  detail::bindOptional(insert, 2, record.deadlineId);
  insert.bind(3, record.dueAt);
  insert.bind(4, record.idempotencyKey);
  insert.bind(5, record.payloadJson);
  insert.bind(6, now);
  if (auto id = detail::insertForId(insert, store_.db())) return *id;

  CachedStatement existing(store_, "SELECT id FROM timers WHERE idempotency_key = ?");
  existing.bind(1, record.idempotencyKey);
  return detail::stepForInt64(existing).value();
}

int Timers::cancelForDeadline(std::int64_t deadlineId) {
  // "status = 'pending'" as written in the partial index's WHERE, so the planner can use it.
  CachedStatement update(store_,
                         "UPDATE timers SET status = 'cancelled' "
                         "WHERE deadline_id = ? AND status = 'pending'");
  update.bind(1, deadlineId);
  return update.exec();
}

std::vector<TimerRecord> Timers::due(std::int64_t now, int limit) {
  if (limit <= 0) return {};
  // A range scan of the partial index timers_pending_due, already in (due_at, id) order.
  CachedStatement query(store_, std::string(kTimerColumns) +
                                    "WHERE status = 'pending' AND due_at <= ? "
                                    "ORDER BY due_at, id LIMIT ?");
  query.bind(1, now);
  query.bind(2, limit);
  return detail::readRows(query, timerFromRow);
}

bool Timers::markFired(std::int64_t id, std::int64_t now) {
  CachedStatement update(store_, kMarkFired);
  return markFiredWith(update, id, now);
}

std::optional<TimerRecord> Timers::get(std::int64_t id) {
  CachedStatement query(store_, std::string(kTimerColumns) + "WHERE id = ?");
  query.bind(1, id);
  if (!query.executeStep()) return std::nullopt;
  return timerFromRow(query);
}

std::optional<std::int64_t> Timers::nextDueAt() {
  // The first entry of the partial index timers_pending_due.
  CachedStatement query(store_,
                        "SELECT due_at FROM timers WHERE status = 'pending' "
                        "ORDER BY due_at LIMIT 1");
  return detail::stepForInt64(query);
}

std::int64_t Timers::countByStatus(const std::string& status) {
  // 'pending' must be a literal for the planner to count the partial index timers_pending_due
  // instead of reading the whole table (a bound value is not known when the plan is made).
  // Fired and cancelled rows are history with no index: counting them reads the table.
  if (status == "pending") {
    CachedStatement pending(store_, "SELECT COUNT(*) FROM timers WHERE status = 'pending'");
    return detail::stepForInt64(pending).value();
  }
  CachedStatement query(store_, "SELECT COUNT(*) FROM timers WHERE status = ?");
  query.bind(1, status);
  return detail::stepForInt64(query).value();
}

int runDue(Store& store, std::int64_t now, int limit,
           const std::function<void(const TimerRecord&)>& effect) {
  if (store.inTransaction()) {
    throw std::logic_error("runDue runs its own transaction; call it outside one");
  }
  // IMMEDIATE: the write lock is ours before we read which timers are due, so a second loop
  // cannot read the same ones; it waits, then finds them fired.
  Transaction tx(store);
  Timers timers(store);
  int fired = 0;
  {
    // Scoped so the statement is finalised before COMMIT and before an exception unwinds tx.
    CachedStatement update(store, kMarkFired);
    for (const TimerRecord& timer : timers.due(now, limit)) {
      // Marked before the effect runs: a timer an earlier effect of this batch cancelled is
      // no longer pending, and must not run. The order is invisible outside: both commit
      // together.
      if (!markFiredWith(update, timer.id, now)) continue;
      TimerRecord firing = timer;
      firing.status = "fired";
      firing.firedAt = now;
      effect(firing);
      ++fired;
    }
  }
  tx.commit();
  return fired;
}

}  // namespace civicdesk::store
