#pragma once
// Information requests (依申请公开) and their numbers (YS-YYYY-NNNNNN, one sequence per year of
// receipt). They share the `cases` table with complaints (kind 'info_request'), so deadlines,
// timers, events and outbox rows refer to them the same way; respondent_unit_id and
// receiving_unit_id both hold the unit asked. Like Cases, writes run inside the caller's
// Transaction (std::logic_error otherwise).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/Store.hpp"
#include "workflows/info_requests/AnnualStatistics.hpp"
#include "workflows/info_requests/InfoRequestWorkflow.hpp"

namespace civicdesk::store {

// "YS-2026-000001".
std::string formatInfoRequestNumber(int year, std::int64_t sequence);
bool isInfoRequestNumber(std::string_view text);

class InfoRequests {
 public:
  explicit InfoRequests(Store& store) : store_(store) {}

  // Allocates the next number for the Asia/Shanghai year of `r.receivedAt`, inserts the
  // request (registered at its receipt) and returns it with `id` and `caseNo` set.
  workflows::InfoRequest registerRequest(workflows::InfoRequest r);
  std::optional<workflows::InfoRequest> byNumber(const std::string& caseNo);
  std::optional<workflows::InfoRequest> byId(std::int64_t id);
  std::vector<workflows::InfoRequest> byCitizen(std::int64_t citizenId);
  // The unit's requests (the unit asked), newest first, at most 500; archived ones only if
  // `includeClosed`. unitId "" : every unit's.
  std::vector<workflows::InfoRequest> forUnit(const std::string& unitId, bool includeClosed);

  // The workflow's state, a JSON object ("{}" until the first update()).
  std::string workflowJson(std::int64_t id);
  // A workflow step: the status, the state and (when the step changed it) the application.
  // `receivedAt` moves when a supplement restarts the clock (the receipt is then the
  // supplement's day). Throws std::out_of_range for an unknown id.
  void update(std::int64_t id, workflows::InfoRequestStatus status, const std::string& stateJson,
              const std::optional<workflows::Application>& application,
              std::optional<std::int64_t> receivedAt, std::int64_t now);

  // Every request of a unit ("" = all) as the annual statistics count them.
  std::vector<workflows::InfoRequestRecord> statisticsRecords(const std::string& unitId);

 private:
  Store& store_;
};

}  // namespace civicdesk::store
