#include "store/Deadlines.hpp"

#include <SQLiteCpp/Statement.h>

#include <stdexcept>

#include "store/CachedStatement.hpp"
#include "store/SqlSupport.hpp"
#include "store/Timers.hpp"

namespace civicdesk::store {
namespace {

constexpr const char* kDeadlineColumns =
    "SELECT id, case_id, rule_id, due_at, provisional, status, body_json, created_at, "
    "updated_at, met_at FROM deadlines ";

DeadlineRecord deadlineFromRow(const SQLite::Statement& row) {
  DeadlineRecord d;
  d.id = row.getColumn(0).getInt64();
  d.caseId = detail::optionalInt64(row, 1);
  d.ruleId = row.getColumn(2).getString();
  d.dueAt = row.getColumn(3).getInt64();
  d.provisional = row.getColumn(4).getInt() != 0;
  d.status = row.getColumn(5).getString();
  d.bodyJson = row.getColumn(6).getString();
  d.createdAt = row.getColumn(7).getInt64();
  d.updatedAt = row.getColumn(8).getInt64();
  d.metAt = detail::optionalInt64(row, 9);
  return d;
}

// The status of a deadline, or std::out_of_range: explains why a conditional UPDATE changed
// no row.
std::string statusOf(Store& store, std::int64_t id) {
  CachedStatement query(store, "SELECT status FROM deadlines WHERE id = ?");
  query.bind(1, id);
  if (!query.executeStep()) {
    throw std::out_of_range("deadline " + std::to_string(id) + " does not exist");
  }
  return query.getColumn(0).getString();
}

}  // namespace

std::int64_t Deadlines::insert(const DeadlineRecord& record, std::int64_t now) {
  CachedStatement insert(
      store_,
      "INSERT INTO deadlines(case_id, rule_id, due_at, provisional, status, body_json, "
      "  created_at, updated_at) VALUES (?, ?, ?, ?, 'open', ?, ?, ?)");
  detail::bindOptional(insert, 1, record.caseId);
  insert.bind(2, record.ruleId);
  insert.bind(3, record.dueAt);
  insert.bind(4, record.provisional ? 1 : 0);
  insert.bind(5, record.bodyJson);
  insert.bind(6, now);
  insert.bind(7, now);
  return detail::insertForId(insert, store_.db()).value();
}

void Deadlines::update(std::int64_t id, std::int64_t dueAt, bool provisional,
                       const std::string& bodyJson, std::int64_t now) {
  CachedStatement update(store_,
                         "UPDATE deadlines SET due_at = ?, provisional = ?, body_json = ?, "
                         "  updated_at = ? WHERE id = ? AND status = 'open'");
  update.bind(1, dueAt);
  update.bind(2, provisional ? 1 : 0);
  update.bind(3, bodyJson);
  update.bind(4, now);
  update.bind(5, id);
  if (update.exec() == 1) return;
  const std::string status = statusOf(store_, id);  // throws for an unknown id
  throw std::logic_error("deadline " + std::to_string(id) + " is " + status +
                         ", not open: it cannot be recomputed");
}

bool Deadlines::markMet(std::int64_t id, std::int64_t now) {
  return settle(id, "met", now);
}

bool Deadlines::cancel(std::int64_t id, std::int64_t now) {
  return settle(id, "cancelled", now);
}

bool Deadlines::settle(std::int64_t id, const char* status, std::int64_t now) {
  // The status change and the timer cancellation are one unit even without a caller's
  // Transaction: a reminder must not outlive the obligation it reminds of.
  detail::Savepoint savepoint(store_.db(), "deadline_settle");
  bool changed = false;
  {
    CachedStatement update(store_,
                           "UPDATE deadlines SET status = ?1, updated_at = ?2, "
                           "  met_at = CASE WHEN ?1 = 'met' THEN ?2 END "
                           "WHERE id = ?3 AND status = 'open'");
    update.bind(1, status);
    update.bind(2, now);
    update.bind(3, id);
    changed = update.exec() == 1;
  }
  if (!changed) statusOf(store_, id);  // throws for an unknown id
  Timers(store_).cancelForDeadline(id);
  savepoint.release();
  return changed;
}

std::optional<DeadlineRecord> Deadlines::get(std::int64_t id) {
  CachedStatement query(store_, std::string(kDeadlineColumns) + "WHERE id = ?");
  query.bind(1, id);
  if (!query.executeStep()) return std::nullopt;
  return deadlineFromRow(query);
}

std::vector<DeadlineRecord> Deadlines::openForCase(std::int64_t caseId) {
  CachedStatement query(store_, std::string(kDeadlineColumns) +
                                    "WHERE case_id = ? AND status = 'open' "
                                    "ORDER BY due_at, id");
  query.bind(1, caseId);
  return detail::readRows(query, deadlineFromRow);
}

std::vector<DeadlineRecord> Deadlines::openProvisional() {
  // Terms as written in the partial index deadlines_provisional_open, so the planner uses it.
  CachedStatement query(store_, std::string(kDeadlineColumns) +
                                    "WHERE provisional = 1 AND status = 'open' "
                                    "ORDER BY due_at, id");
  return detail::readRows(query, deadlineFromRow);
}

std::vector<DeadlineRecord> Deadlines::overdue(std::int64_t now, int limit) {
  if (limit <= 0) return {};
  // One range scan of deadlines_due (status, due_at), in (due_at, id) order.
  CachedStatement query(store_, std::string(kDeadlineColumns) +
                                    "WHERE status = 'open' AND due_at <= ? "
                                    "ORDER BY due_at, id LIMIT ?");
  query.bind(1, now);
  query.bind(2, limit);
  return detail::readRows(query, deadlineFromRow);
}

}  // namespace civicdesk::store
