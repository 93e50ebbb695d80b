#pragma once
// The log of every read of a complainant's identity (RULES.md §1 Art. 14). Append-only: the
// table's triggers make UPDATE and DELETE fail.
//
// append() never opens a transaction of its own: call it inside the caller's Transaction, the
// one in which the identity is read, so there is no read without its record. It is one
// statement, so atomic by itself.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/Store.hpp"

namespace civicdesk::store {

struct IdentityRead {
  std::int64_t id = 0;
  std::optional<std::int64_t> staffId;  // NULL: the reader is not a staff member
  std::string actor;                    // "staff:3", "system", ...
  std::int64_t caseId = 0;
  std::string purpose;  // why the identity was read (required)
  std::int64_t at = 0;  // Unix seconds
};

class IdentityReads {
 public:
  explicit IdentityReads(Store& store) : store_(store) {}
  // Records a read and returns its id (`read.id` is ignored). Throws SQLite::Exception for an
  // unknown case or staff member, an empty actor or purpose.
  std::int64_t append(const IdentityRead& read);
  // The reads of a case's identity, in the order they were recorded.
  std::vector<IdentityRead> forCase(std::int64_t caseId);
  std::int64_t count();

 private:
  Store& store_;
};

}  // namespace civicdesk::store
