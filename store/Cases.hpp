#pragma once
// Complaint cases and their numbers (TS-YYYY-NNNNNN, one sequence per year of receipt).
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

 private:
  Store& store_;
};

}  // namespace civicdesk::store
