#include "store/EventLog.hpp"

#include <SQLiteCpp/Statement.h>

#include "store/CachedStatement.hpp"
#include "store/SqlSupport.hpp"

namespace civicdesk::store {

std::int64_t EventLog::append(const Event& event) {
  CachedStatement insert(
      store_, "INSERT INTO events(case_id, kind, actor, at, payload_json) VALUES (?, ?, ?, ?, ?)");
  detail::bindOptional(insert, 1, event.caseId);
  insert.bind(2, event.kind);
  insert.bind(3, event.actor);
  insert.bind(4, event.at);
  insert.bind(5, event.payloadJson);
  return detail::insertForId(insert, store_.db()).value();
}

std::vector<Event> EventLog::forCase(std::int64_t caseId) {
  // By id, not by time: the order things were recorded in, even when two share a second.
  CachedStatement query(store_,
                        "SELECT id, case_id, kind, actor, at, payload_json FROM events "
                        "WHERE case_id = ? ORDER BY id");
  query.bind(1, caseId);
  std::vector<Event> events;
  while (query.executeStep()) {
    Event e;
    e.id = query.getColumn(0).getInt64();
    e.caseId = detail::optionalInt64(query, 1);
    e.kind = query.getColumn(2).getString();
    e.actor = query.getColumn(3).getString();
    e.at = query.getColumn(4).getInt64();
    e.payloadJson = query.getColumn(5).getString();
    events.push_back(std::move(e));
  }
  return events;
}

}  // namespace civicdesk::store
