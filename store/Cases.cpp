#include "store/Cases.hpp"

#include <SQLiteCpp/Statement.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "store/SqlSupport.hpp"
#include "workflows/LocalTime.hpp"
#include "workflows/complaints/CaseStatus.hpp"

namespace civicdesk::store {
namespace {

constexpr const char* kComplaintPrefix = "TS";
// Cases of other kinds share the table; this repository sees complaints only.
constexpr const char* kColumns =
    "SELECT id, case_no, status, citizen_id, channel, receiving_unit_id, form_json, "
    "received_at FROM cases WHERE kind = 'complaint' ";

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

// The next sequence number of (prefix, year), 1 for the first case of a year. The UPSERT
// reads and increments in one statement, under the caller's write lock.
std::int64_t nextSequence(SQLite::Database& db, const char* prefix, int year) {
  SQLite::Statement next(db,
                         "INSERT INTO case_counters(prefix, year, last_seq) VALUES (?, ?, 1) "
                         "ON CONFLICT(prefix, year) DO UPDATE SET last_seq = last_seq + 1 "
                         "RETURNING last_seq");
  next.bind(1, prefix);
  next.bind(2, year);
  return detail::stepForInt64(next).value();
}

}  // namespace

workflows::ComplaintCase Cases::registerComplaint(workflows::ComplaintCase c) {
  if (!store_.inTransaction()) {
    throw std::logic_error("Cases::registerComplaint must be called inside a Transaction");
  }
  const int year = workflows::shanghaiDate(c.receivedAt).year;
  const std::int64_t sequence = nextSequence(store_.db(), kComplaintPrefix, year);
  c.caseNo = workflows::formatCaseNumber(year, sequence);

  SQLite::Statement insert(
      store_.db(),
      "INSERT INTO cases(case_no, kind, status, citizen_id, channel, respondent_unit_id, "
      "  receiving_unit_id, ground, form_json, received_at, registered_at) "
      "VALUES (?, 'complaint', ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
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
  c.id = detail::stepForInt64(insert).value();
  return c;
}

std::optional<workflows::ComplaintCase> Cases::byNumber(const std::string& caseNo) {
  SQLite::Statement query(store_.db(), std::string(kColumns) + "AND case_no = ?");
  query.bind(1, caseNo);
  if (!query.executeStep()) return std::nullopt;
  return caseFromRow(query);
}

std::vector<workflows::ComplaintCase> Cases::byCitizen(std::int64_t citizenId) {
  SQLite::Statement query(store_.db(),
                          std::string(kColumns) + "AND citizen_id = ? ORDER BY received_at, id");
  query.bind(1, citizenId);
  std::vector<workflows::ComplaintCase> cases;
  while (query.executeStep()) cases.push_back(caseFromRow(query));
  return cases;
}

std::int64_t Cases::count() {
  SQLite::Statement query(store_.db(), "SELECT COUNT(*) FROM cases WHERE kind = 'complaint'");
  return detail::stepForInt64(query).value();
}

}  // namespace civicdesk::store
