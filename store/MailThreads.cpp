#include "store/MailThreads.hpp"

#include <SQLiteCpp/Statement.h>

#include "store/CachedStatement.hpp"
#include "store/SqlSupport.hpp"

namespace civicdesk::store {

void MailThreads::record(const std::string& messageId, std::int64_t citizenId,
                         std::optional<std::int64_t> caseId, bool outgoing, std::int64_t now) {
  if (messageId.empty()) return;
  CachedStatement insert(store_,
                         "INSERT INTO mail_threads(message_id, citizen_id, case_id, direction, "
                         "at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(message_id) DO UPDATE SET "
                         "case_id = COALESCE(mail_threads.case_id, excluded.case_id)");
  insert.bind(1, messageId);
  insert.bind(2, citizenId);
  detail::bindOptional(insert, 3, caseId);
  insert.bind(4, outgoing ? "out" : "in");
  insert.bind(5, now);
  insert.exec();
}

std::optional<MailThread> MailThreads::find(const std::vector<std::string>& ids) {
  CachedStatement query(store_,
                        "SELECT citizen_id, case_id FROM mail_threads WHERE message_id = ?");
  for (const auto& id : ids) {
    query.reset();
    query.bind(1, id);
    if (query.executeStep()) {
      return MailThread{query.getColumn(0).getInt64(), detail::optionalInt64(query, 1)};
    }
  }
  return std::nullopt;
}

std::optional<std::string> MailThreads::latestFor(std::int64_t citizenId,
                                                  std::optional<std::int64_t> caseId) {
  CachedStatement query(store_,
                        "SELECT message_id FROM mail_threads WHERE citizen_id = ? AND "
                        "(? IS NULL OR case_id = ?) ORDER BY at DESC, rowid DESC LIMIT 1");
  query.bind(1, citizenId);
  detail::bindOptional(query, 2, caseId);
  detail::bindOptional(query, 3, caseId);
  if (!query.executeStep()) return std::nullopt;
  return query.getColumn(0).getString();
}

}  // namespace civicdesk::store
