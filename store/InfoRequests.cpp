#include "store/InfoRequests.hpp"

#include <SQLiteCpp/Statement.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "store/CachedStatement.hpp"
#include "store/SqlSupport.hpp"
#include "workflows/LocalTime.hpp"

namespace civicdesk::store {
namespace {

constexpr const char* kPrefix = "YS";
constexpr const char* kInfoRequestColumns =
    "SELECT id, case_no, status, citizen_id, channel, form_json, received_at FROM cases "
    "WHERE kind = 'info_request' ";
constexpr int kListLimit = 500;

workflows::InfoRequest infoRequestFromRow(const SQLite::Statement& row) {
  workflows::InfoRequest r;
  r.id = row.getColumn(0).getInt64();
  r.caseNo = row.getColumn(1).getString();
  const std::string status = row.getColumn(2).getString();
  auto parsed = workflows::infoRequestStatusFromString(status);
  if (!parsed) throw std::runtime_error("info_requests: unknown status '" + status + "'");
  r.status = *parsed;
  r.citizenId = row.getColumn(3).getInt64();
  r.channel = row.getColumn(4).getString();
  r.application =
      workflows::applicationFromJson(nlohmann::json::parse(row.getColumn(5).getString()));
  r.receivedAt = row.getColumn(6).getInt64();
  return r;
}

}  // namespace

std::string formatInfoRequestNumber(int year, std::int64_t sequence) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "YS-%04d-%06lld", year, static_cast<long long>(sequence));
  return buf;
}

bool isInfoRequestNumber(std::string_view text) {
  if (text.size() != 14 || text.substr(0, 3) != "YS-" || text[7] != '-') return false;
  for (std::size_t i : {3u, 4u, 5u, 6u, 8u, 9u, 10u, 11u, 12u, 13u}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

workflows::InfoRequest InfoRequests::registerRequest(workflows::InfoRequest r) {
  detail::requireTransaction(store_, "InfoRequests::registerRequest");
  const int year = workflows::shanghaiDate(r.receivedAt).year;
  r.caseNo = formatInfoRequestNumber(year, detail::nextCaseSequence(store_, kPrefix, year));
  CachedStatement insert(
      store_,
      "INSERT INTO cases(case_no, kind, status, citizen_id, channel, respondent_unit_id, "
      "  receiving_unit_id, ground, form_json, received_at, registered_at, updated_at) "
      "VALUES (?, 'info_request', ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)");
  insert.bind(1, r.caseNo);
  insert.bind(2, std::string(workflows::toString(r.status)));
  insert.bind(3, r.citizenId);
  insert.bind(4, r.channel);
  insert.bind(5, r.application.unitId);
  insert.bind(6, r.application.unitId);
  insert.bind(7, workflows::toJson(r.application).dump());
  insert.bind(8, r.receivedAt);
  insert.bind(9, r.receivedAt);  // online: received is registered (our acknowledgement)
  insert.bind(10, r.receivedAt);
  r.id = detail::insertForId(insert, store_.db()).value();
  return r;
}

std::optional<workflows::InfoRequest> InfoRequests::byNumber(const std::string& caseNo) {
  CachedStatement query(store_, std::string(kInfoRequestColumns) + "AND case_no = ?");
  query.bind(1, caseNo);
  if (!query.executeStep()) return std::nullopt;
  return infoRequestFromRow(query);
}

std::optional<workflows::InfoRequest> InfoRequests::byId(std::int64_t id) {
  CachedStatement query(store_, std::string(kInfoRequestColumns) + "AND id = ?");
  query.bind(1, id);
  if (!query.executeStep()) return std::nullopt;
  return infoRequestFromRow(query);
}

std::vector<workflows::InfoRequest> InfoRequests::byCitizen(std::int64_t citizenId) {
  CachedStatement query(
      store_, std::string(kInfoRequestColumns) + "AND citizen_id = ? ORDER BY received_at, id");
  query.bind(1, citizenId);
  return detail::readRows(query, infoRequestFromRow);
}

std::vector<workflows::InfoRequest> InfoRequests::forUnit(const std::string& unitId,
                                                          bool includeClosed) {
  CachedStatement query(store_, std::string(kInfoRequestColumns) +
                                    "AND (? = '' OR receiving_unit_id = ?) "
                                    "AND (? OR status <> 'archived') "
                                    "ORDER BY received_at DESC, id DESC LIMIT ?");
  query.bind(1, unitId);
  query.bind(2, unitId);
  query.bind(3, includeClosed ? 1 : 0);
  query.bind(4, kListLimit);
  return detail::readRows(query, infoRequestFromRow);
}

std::string InfoRequests::workflowJson(std::int64_t id) {
  CachedStatement query(store_,
                        "SELECT workflow_json FROM cases WHERE id = ? AND kind = 'info_request'");
  query.bind(1, id);
  if (!query.executeStep()) throw std::out_of_range("no information request " + std::to_string(id));
  return query.getColumn(0).getString();
}

void InfoRequests::update(std::int64_t id, workflows::InfoRequestStatus status,
                          const std::string& stateJson,
                          const std::optional<workflows::Application>& application,
                          std::optional<std::int64_t> receivedAt, std::int64_t now) {
  detail::requireTransaction(store_, "InfoRequests::update");
  CachedStatement update(store_,
                         "UPDATE cases SET status = ?1, workflow_json = json(?2), "
                         "  form_json = COALESCE(?3, form_json), "
                         "  respondent_unit_id = COALESCE(?4, respondent_unit_id), "
                         "  receiving_unit_id = COALESCE(?4, receiving_unit_id), "
                         "  received_at = COALESCE(?5, received_at), updated_at = ?6 "
                         "WHERE id = ?7 AND kind = 'info_request'");
  update.bind(1, std::string(workflows::toString(status)));
  update.bind(2, stateJson);
  if (application) {
    update.bind(3, workflows::toJson(*application).dump());
    update.bind(4, application->unitId);
  } else {
    update.bind(3);
    update.bind(4);
  }
  detail::bindOptional(update, 5, receivedAt);
  update.bind(6, now);
  update.bind(7, id);
  if (update.exec() != 1) throw std::out_of_range("no information request " + std::to_string(id));
}

std::vector<workflows::InfoRequestRecord> InfoRequests::statisticsRecords(
    const std::string& unitId) {
  CachedStatement query(store_,
                        "SELECT receiving_unit_id, form_json, received_at, status, workflow_json, "
                        "  COALESCE(updated_at, received_at) FROM cases "
                        "WHERE kind = 'info_request' AND (? = '' OR receiving_unit_id = ?)");
  query.bind(1, unitId);
  query.bind(2, unitId);
  std::vector<workflows::InfoRequestRecord> out;
  while (query.executeStep()) {
    workflows::InfoRequestRecord r;
    r.unitId = query.getColumn(0).getString();
    r.applicantType =
        workflows::applicationFromJson(nlohmann::json::parse(query.getColumn(1).getString()))
            .applicant.type;
    r.receivedAt = query.getColumn(2).getInt64();
    const auto status = workflows::infoRequestStatusFromString(query.getColumn(3).getString());
    const auto state =
        workflows::infoRequestStateFromJson(nlohmann::json::parse(query.getColumn(4).getString()));
    if (state.replyType) {
      r.replyType = state.replyType;
      r.closedAt = state.repliedAt;
    } else if (status == workflows::InfoRequestStatus::Withdrawn ||
               status == workflows::InfoRequestStatus::Archived) {
      // Withdrawn (archived later, or not): closed at the last change. An archived request
      // without a reply can only have been withdrawn.
      r.withdrawn = true;
      r.closedAt = query.getColumn(5).getInt64();
    }
    out.push_back(r);
  }
  return out;
}

}  // namespace civicdesk::store
