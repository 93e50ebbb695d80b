#include "store/Cases.hpp"

#include <SQLiteCpp/Statement.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "store/CachedStatement.hpp"
#include "store/SqlSupport.hpp"
#include "workflows/LocalTime.hpp"
#include "workflows/complaints/CaseStatus.hpp"

namespace civicdesk::store {
namespace {

constexpr const char* kComplaintPrefix = "TS";
// Cases of other kinds share the table; this repository sees complaints only.
constexpr const char* kCaseColumns =
    "SELECT id, case_no, status, citizen_id, channel, receiving_unit_id, form_json, "
    "received_at FROM cases WHERE kind = 'complaint' ";
// "Closed" is archived: a case not accepted, or concluded, still has feedback or an appeal
// period ahead, and stays on the working lists until it is archived.
constexpr workflows::CaseStatus kClosedStatus = workflows::CaseStatus::Archived;
// forUnit's cap: a unit's list is a working list, not an export.
constexpr int kUnitListLimit = 500;

workflows::CaseStatus statusFromName(const std::string& name) {
  if (auto status = workflows::caseStatusFromString(name)) return *status;
  // Written by a newer binary, or by hand: refuse to guess what the case's state is.
  throw std::runtime_error("cases: unknown status '" + name + "'");
}

workflows::ComplaintCase caseFromRow(const SQLite::Statement& row) {
  workflows::ComplaintCase c;
  c.id = row.getColumn(0).getInt64();
  c.caseNo = row.getColumn(1).getString();
  c.status = statusFromName(row.getColumn(2).getString());
  c.citizenId = row.getColumn(3).getInt64();
  c.channel = row.getColumn(4).getString();
  c.receivingUnitId = row.getColumn(5).getString();
  c.form = workflows::complaintFormFromJson(nlohmann::json::parse(row.getColumn(6).getString()));
  c.receivedAt = row.getColumn(7).getInt64();
  return c;
}

bool complaintExists(Store& store, std::int64_t id) {
  CachedStatement query(store, "SELECT 1 FROM cases WHERE id = ? AND kind = 'complaint'");
  query.bind(1, id);
  return detail::stepForInt64(query).has_value();
}

std::out_of_range unknownCase(std::int64_t id) {
  return std::out_of_range("case " + std::to_string(id) + " does not exist");
}

}  // namespace

workflows::ComplaintCase Cases::registerComplaint(workflows::ComplaintCase c) {
  detail::requireTransaction(store_, "Cases::registerComplaint");
  const int year = workflows::shanghaiDate(c.receivedAt).year;
  const std::int64_t sequence = detail::nextCaseSequence(store_, kComplaintPrefix, year);
  c.caseNo = workflows::formatCaseNumber(year, sequence);

  CachedStatement insert(
      store_,
      "INSERT INTO cases(case_no, kind, status, citizen_id, channel, respondent_unit_id, "
      "  receiving_unit_id, ground, form_json, received_at, registered_at) "
      "VALUES (?, 'complaint', ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, c.caseNo);
  insert.bind(2, std::string(workflows::toString(c.status)));
  insert.bind(3, c.citizenId);
  insert.bind(4, c.channel);
  insert.bind(5, c.form.respondentUnitId);
  insert.bind(6, c.receivingUnitId);
  insert.bind(7, workflows::toNumber(c.form.ground));
  insert.bind(8, workflows::toJson(c.form).dump());
  insert.bind(9, c.receivedAt);
  // ComplaintCase has no registration time of its own: a case registered on receipt (the only
  // path today) was registered when it was received.
  if (c.status == workflows::CaseStatus::Registered) {
    insert.bind(10, c.receivedAt);
  } else {
    insert.bind(10);
  }
  c.id = detail::insertForId(insert, store_.db()).value();
  return c;
}

std::optional<workflows::ComplaintCase> Cases::byNumber(const std::string& caseNo) {
  CachedStatement query(store_, std::string(kCaseColumns) + "AND case_no = ?");
  query.bind(1, caseNo);
  if (!query.executeStep()) return std::nullopt;
  return caseFromRow(query);
}

std::vector<workflows::ComplaintCase> Cases::byCitizen(std::int64_t citizenId) {
  CachedStatement query(store_,
                        std::string(kCaseColumns) + "AND citizen_id = ? ORDER BY received_at, id");
  query.bind(1, citizenId);
  return detail::readRows(query, caseFromRow);
}

std::int64_t Cases::count() {
  CachedStatement query(store_, "SELECT COUNT(*) FROM cases WHERE kind = 'complaint'");
  return detail::stepForInt64(query).value();
}

std::optional<workflows::ComplaintCase> Cases::byId(std::int64_t id) {
  CachedStatement query(store_, std::string(kCaseColumns) + "AND id = ?");
  query.bind(1, id);
  if (!query.executeStep()) return std::nullopt;
  return caseFromRow(query);
}

std::string Cases::workflowJson(std::int64_t caseId) {
  CachedStatement query(store_,
                        "SELECT workflow_json FROM cases WHERE id = ? AND kind = 'complaint'");
  query.bind(1, caseId);
  if (!query.executeStep()) throw unknownCase(caseId);
  return query.getColumn(0).getString();
}

void Cases::update(std::int64_t caseId, workflows::CaseStatus status,
                   const std::string& workflowJson, std::int64_t now) {
  detail::requireTransaction(store_, "Cases::update");
  CachedStatement update(store_,
                         "UPDATE cases SET status = ?1, workflow_json = ?2, updated_at = ?3, "
                         "  registered_at = CASE WHEN ?1 = ?5 THEN COALESCE(registered_at, ?3) "
                         "                       ELSE registered_at END "
                         "WHERE id = ?4 AND kind = 'complaint'");
  update.bind(1, std::string(workflows::toString(status)));
  update.bind(2, workflowJson);
  update.bind(3, now);
  update.bind(4, caseId);
  update.bind(5, std::string(workflows::toString(workflows::CaseStatus::Registered)));
  if (update.exec() != 1) throw unknownCase(caseId);
}

void Cases::linkParent(std::int64_t childId, std::int64_t parentId) {
  detail::requireTransaction(store_, "Cases::linkParent");
  if (!complaintExists(store_, childId)) throw unknownCase(childId);
  if (!complaintExists(store_, parentId)) throw unknownCase(parentId);
  const std::optional<std::int64_t> current = parentOf(childId);
  if (current == parentId) return;  // a retried step
  if (current) {
    throw std::logic_error("case " + std::to_string(childId) + " already has parent " +
                           std::to_string(*current));
  }
  // The parent's ancestors, the parent included (UNION, not UNION ALL: ends even on a cycle
  // written by hand). The child among them would close a loop.
  CachedStatement ancestors(store_,
                            "WITH RECURSIVE up(id) AS ("
                            "  SELECT ?1 "
                            "  UNION SELECT c.parent_case_id FROM cases c JOIN up ON c.id = up.id "
                            "    WHERE c.parent_case_id IS NOT NULL) "
                            "SELECT 1 FROM up WHERE id = ?2");
  ancestors.bind(1, parentId);
  ancestors.bind(2, childId);
  if (detail::stepForInt64(ancestors)) {
    throw std::invalid_argument("case " + std::to_string(childId) + " cannot be a child of " +
                                std::to_string(parentId) + ": it is the same case or its ancestor");
  }
  CachedStatement link(store_, "UPDATE cases SET parent_case_id = ? WHERE id = ?");
  link.bind(1, parentId);
  link.bind(2, childId);
  link.exec();
}

std::optional<std::int64_t> Cases::parentOf(std::int64_t childId) {
  CachedStatement query(store_,
                        "SELECT parent_case_id FROM cases WHERE id = ? AND kind = 'complaint'");
  query.bind(1, childId);
  return detail::stepForInt64(query);
}

std::vector<workflows::ComplaintCase> Cases::forUnit(const std::string& unitId,
                                                     bool includeClosed) {
  CachedStatement query(store_, std::string(kCaseColumns) +
                                    "AND (receiving_unit_id = ?1 OR respondent_unit_id = ?1) "
                                    "AND (?2 OR status <> ?3) "
                                    "ORDER BY received_at DESC, id DESC LIMIT ?4");
  query.bind(1, unitId);
  query.bind(2, includeClosed ? 1 : 0);
  query.bind(3, std::string(workflows::toString(kClosedStatus)));
  query.bind(4, kUnitListLimit);
  return detail::readRows(query, caseFromRow);
}

std::vector<workflows::ComplaintCase> Cases::all(bool includeClosed, int limit) {
  if (limit <= 0) return {};
  CachedStatement query(store_, std::string(kCaseColumns) +
                                    "AND (?1 OR status <> ?2) "
                                    "ORDER BY received_at DESC, id DESC LIMIT ?3");
  query.bind(1, includeClosed ? 1 : 0);
  query.bind(2, std::string(workflows::toString(kClosedStatus)));
  query.bind(3, limit);
  return detail::readRows(query, caseFromRow);
}

}  // namespace civicdesk::store
