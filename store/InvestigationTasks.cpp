#include "store/InvestigationTasks.hpp"

#include <SQLiteCpp/Statement.h>

#include "store/CachedStatement.hpp"
#include "store/SqlSupport.hpp"

namespace civicdesk::store {
namespace {

constexpr const char* kTaskColumns =
    "SELECT id, case_id, unit_id, request, due_at, status, answer, created_at, answered_at "
    "FROM investigation_tasks ";

InvestigationTaskRecord taskFromRow(const SQLite::Statement& row) {
  InvestigationTaskRecord t;
  t.id = row.getColumn(0).getInt64();
  t.caseId = row.getColumn(1).getInt64();
  t.unitId = row.getColumn(2).getString();
  t.request = row.getColumn(3).getString();
  t.dueAt = row.getColumn(4).getInt64();
  t.status = row.getColumn(5).getString();
  t.answer = row.getColumn(6).getString();  // NULL reads as ""
  t.createdAt = row.getColumn(7).getInt64();
  t.answeredAt = detail::optionalInt64(row, 8);
  return t;
}

}  // namespace

std::int64_t InvestigationTasks::add(const InvestigationTaskRecord& record, std::int64_t now) {
  CachedStatement insert(store_,
                         "INSERT INTO investigation_tasks(case_id, unit_id, request, due_at, "
                         "  status, created_at) VALUES (?, ?, ?, ?, 'open', ?)");
  insert.bind(1, record.caseId);
  insert.bind(2, record.unitId);
  insert.bind(3, record.request);
  insert.bind(4, record.dueAt);
  insert.bind(5, now);
  return detail::insertForId(insert, store_.db()).value();
}

bool InvestigationTasks::answer(std::int64_t id, const std::string& text, std::int64_t now) {
  CachedStatement update(store_,
                         "UPDATE investigation_tasks SET status = 'answered', answer = ?, "
                         "  answered_at = ? WHERE id = ? AND status = 'open'");
  update.bind(1, text);
  update.bind(2, now);
  update.bind(3, id);
  return update.exec() == 1;
}

std::optional<InvestigationTaskRecord> InvestigationTasks::get(std::int64_t id) {
  CachedStatement query(store_, std::string(kTaskColumns) + "WHERE id = ?");
  query.bind(1, id);
  if (!query.executeStep()) return std::nullopt;
  return taskFromRow(query);
}

std::vector<InvestigationTaskRecord> InvestigationTasks::forCase(std::int64_t caseId) {
  CachedStatement query(store_, std::string(kTaskColumns) + "WHERE case_id = ? ORDER BY id");
  query.bind(1, caseId);
  return detail::readRows(query, taskFromRow);
}

std::vector<InvestigationTaskRecord> InvestigationTasks::openForUnit(const std::string& unitId) {
  // One range scan of investigation_tasks_by_unit (unit_id, status, due_at).
  CachedStatement query(store_, std::string(kTaskColumns) +
                                    "WHERE unit_id = ? AND status = 'open' "
                                    "ORDER BY due_at, id");
  query.bind(1, unitId);
  return detail::readRows(query, taskFromRow);
}

int InvestigationTasks::cancelOpenForCase(std::int64_t caseId) {
  CachedStatement update(
      store_,
      "UPDATE investigation_tasks SET status = 'cancelled' WHERE case_id = ? AND status = 'open'");
  update.bind(1, caseId);
  return update.exec();
}

}  // namespace civicdesk::store
