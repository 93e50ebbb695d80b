#pragma once
// Complaint cases and their numbers (TS-YYYY-NNNNNN, one sequence per year of receipt), their
// workflow state, and the links between a case and the cases made from it.
//
// Writes never open a transaction of their own: they throw std::logic_error outside one. Call
// them inside the caller's Transaction, the one that appends the events about the change, so
// the case and its record commit together or not at all.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/Store.hpp"
#include "workflows/complaints/Complaint.hpp"

namespace civicdesk::store {

class Cases {
 public:
  explicit Cases(Store& store) : store_(store) {}
  // Allocates the next number for the Asia/Shanghai year of `c.receivedAt`, inserts the case,
  // and returns it with `id` and `caseNo` set. Call inside a Transaction (std::logic_error
  // otherwise): the number, the case and the events about it commit together or not at all.
  workflows::ComplaintCase registerComplaint(workflows::ComplaintCase c);
  std::optional<workflows::ComplaintCase> byNumber(const std::string& caseNo);
  std::vector<workflows::ComplaintCase> byCitizen(std::int64_t citizenId);
  std::int64_t count();

  // The complaint with this id; nullopt for an unknown id (or a case of another kind).
  std::optional<workflows::ComplaintCase> byId(std::int64_t id);
  // The workflow's state of the case, a JSON object ("{}" until the first update()). Throws
  // std::out_of_range for an unknown id.
  std::string workflowJson(std::int64_t caseId);
  // A workflow step: sets the status and the workflow state, updated at `now`. The first
  // time a case becomes registered, its registration time is set to `now`. Throws
  // std::out_of_range for an unknown id, SQLite::Exception for a workflowJson that is not a JSON
  // object, std::logic_error outside a Transaction.
  void update(std::int64_t caseId, workflows::CaseStatus status, const std::string& workflowJson,
              std::int64_t now);
  // Records that `childId` was made from `parentId` (a transfer, a split). Linking again to
  // the same parent changes nothing. Throws std::out_of_range for an unknown child or parent,
  // std::invalid_argument for a link that would make a case its own ancestor (itself
  // included), std::logic_error for a child that already has another parent or outside a
  // Transaction.
  void linkParent(std::int64_t childId, std::int64_t parentId);
  // The case `childId` was made from; nullopt for an original case or an unknown id.
  std::optional<std::int64_t> parentOf(std::int64_t childId);
  // A unit's cases: those it receives and those against it (receiving or respondent unit),
  // newest received first, at most 500. Closed (archived) cases only if `includeClosed`.
  std::vector<workflows::ComplaintCase> forUnit(const std::string& unitId, bool includeClosed);
  // Every complaint, newest received first, at most `limit` (none for limit <= 0). Closed
  // (archived) cases only if `includeClosed`.
  std::vector<workflows::ComplaintCase> all(bool includeClosed, int limit);

 private:
  Store& store_;
};

}  // namespace civicdesk::store
