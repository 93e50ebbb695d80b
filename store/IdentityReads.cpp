#include "store/IdentityReads.hpp"

#include <SQLiteCpp/Statement.h>

#include <utility>

#include "store/CachedStatement.hpp"
#include "store/SqlSupport.hpp"

namespace civicdesk::store {

std::int64_t IdentityReads::append(const IdentityRead& read) {
  CachedStatement insert(store_,
                         "INSERT INTO identity_reads(staff_id, actor, case_id, purpose, at) "
                         "VALUES (?, ?, ?, ?, ?)");
  detail::bindOptional(insert, 1, read.staffId);
  insert.bind(2, read.actor);
  insert.bind(3, read.caseId);
  insert.bind(4, read.purpose);
  insert.bind(5, read.at);
  return detail::insertForId(insert, store_.db()).value();
}

std::vector<IdentityRead> IdentityReads::forCase(std::int64_t caseId) {
  // By id, not by time: the order the reads were recorded in, even when two share a second.
  CachedStatement query(store_,
                        "SELECT id, staff_id, actor, case_id, purpose, at FROM identity_reads "
                        "WHERE case_id = ? ORDER BY id");
  query.bind(1, caseId);
  std::vector<IdentityRead> reads;
  while (query.executeStep()) {
    IdentityRead r;
    r.id = query.getColumn(0).getInt64();
    r.staffId = detail::optionalInt64(query, 1);
    r.actor = query.getColumn(2).getString();
    r.caseId = query.getColumn(3).getInt64();
    r.purpose = query.getColumn(4).getString();
    r.at = query.getColumn(5).getInt64();
    reads.push_back(std::move(r));
  }
  return reads;
}

std::int64_t IdentityReads::count() {
  CachedStatement query(store_, "SELECT COUNT(*) FROM identity_reads");
  return detail::stepForInt64(query).value();
}

}  // namespace civicdesk::store
