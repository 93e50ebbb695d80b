#include "store/HotlineCalls.hpp"

#include <SQLiteCpp/Statement.h>

#include "store/CachedStatement.hpp"
#include "store/SqlSupport.hpp"

namespace civicdesk::store {
namespace {

constexpr const char* kHotlineCallColumns =
    "call_id, caller, operator, started_at, ended_at, transcript_json, outcome, case_id, "
    "missing_json, task_status, response_json, received_at";

HotlineCallRecord fromRow(const SQLite::Statement& row) {
  HotlineCallRecord r;
  r.callId = row.getColumn(0).getString();
  r.caller = row.getColumn(1).getString();
  r.operatorName = row.getColumn(2).getString();
  r.startedAt = row.getColumn(3).getInt64();
  r.endedAt = row.getColumn(4).getInt64();
  r.transcriptJson = row.getColumn(5).getString();
  r.outcome = row.getColumn(6).getString();
  r.caseId = detail::optionalInt64(row, 7);
  r.missingJson = row.getColumn(8).getString();
  r.taskStatus = row.getColumn(9).getString();
  r.responseJson = row.getColumn(10).getString();
  r.receivedAt = row.getColumn(11).getInt64();
  return r;
}

}  // namespace

std::optional<HotlineCallRecord> HotlineCalls::find(const std::string& callId) {
  CachedStatement query(store_, std::string("SELECT ") + kHotlineCallColumns +
                                    " FROM hotline_calls WHERE call_id = ?");
  query.bind(1, callId);
  if (!query.executeStep()) return std::nullopt;
  return fromRow(query);
}

void HotlineCalls::add(const HotlineCallRecord& r) {
  CachedStatement insert(store_, std::string("INSERT INTO hotline_calls(") + kHotlineCallColumns +
                                     ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, r.callId);
  insert.bind(2, r.caller);
  insert.bind(3, r.operatorName);
  insert.bind(4, r.startedAt);
  insert.bind(5, r.endedAt);
  insert.bind(6, r.transcriptJson);
  insert.bind(7, r.outcome);
  detail::bindOptional(insert, 8, r.caseId);
  insert.bind(9, r.missingJson);
  insert.bind(10, r.taskStatus);
  insert.bind(11, r.responseJson);
  insert.bind(12, r.receivedAt);
  insert.exec();
}

std::vector<HotlineCallRecord> HotlineCalls::openTasks(int limit) {
  CachedStatement query(store_, std::string("SELECT ") + kHotlineCallColumns +
                                    " FROM hotline_calls WHERE task_status = 'open' "
                                    "ORDER BY received_at, call_id LIMIT ?");
  query.bind(1, limit);
  return detail::readRows(query, fromRow);
}

bool HotlineCalls::closeTask(const std::string& callId) {
  CachedStatement update(
      store_,
      "UPDATE hotline_calls SET task_status = 'done' WHERE call_id = ? AND task_status = 'open'");
  update.bind(1, callId);
  return update.exec() == 1;
}

}  // namespace civicdesk::store
