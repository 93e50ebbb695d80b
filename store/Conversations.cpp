#include "store/Conversations.hpp"

#include <SQLiteCpp/Statement.h>

#include "store/CachedStatement.hpp"
#include "store/SqlSupport.hpp"

namespace civicdesk::store {

std::optional<ConversationRecord> Conversations::load(const std::string& key) {
  CachedStatement query(store_,
                        "SELECT citizen_id, state, slots_json, last_activity_at, version "
                        "FROM conversations WHERE key = ?");
  query.bind(1, key);
  if (!query.executeStep()) return std::nullopt;
  ConversationRecord record;
  record.key = key;
  record.citizenId = query.getColumn(0).getInt64();
  record.state = query.getColumn(1).getString();
  record.slotsJson = query.getColumn(2).getString();
  record.lastActivityAt = query.getColumn(3).getInt64();
  record.version = query.getColumn(4).getInt64();
  return record;
}

std::optional<ConversationHead> Conversations::head(const std::string& key) {
  CachedStatement query(store_, "SELECT version, citizen_id FROM conversations WHERE key = ?");
  query.bind(1, key);
  if (!query.executeStep()) return std::nullopt;
  return ConversationHead{query.getColumn(0).getInt64(), query.getColumn(1).getInt64()};
}

std::int64_t Conversations::save(const ConversationRecord& record) {
  // The stored version counts saves; record.version is not compared here: the dispatcher checks
  // head() before it saves a step taken from an earlier read (bot/DialogStep.hpp). The new
  // version is read back, not RETURNING'd (detail::insertForId says why).
  // citizen_id is written once: a conversation's key is its channel address, whose contact
  // never passes to another citizen (Citizens::link), and leaving it out of the update spares
  // the conversations_by_citizen index a delete and an insert per message.
  CachedStatement upsert(
      store_,
      "INSERT INTO conversations(key, citizen_id, state, slots_json, last_activity_at, version) "
      "VALUES (?, ?, ?, ?, ?, 1) "
      "ON CONFLICT(key) DO UPDATE SET state = excluded.state, "
      "  slots_json = excluded.slots_json, last_activity_at = excluded.last_activity_at, "
      "  version = conversations.version + 1");
  upsert.bind(1, record.key);
  upsert.bind(2, record.citizenId);
  upsert.bind(3, record.state);
  upsert.bind(4, record.slotsJson);
  upsert.bind(5, record.lastActivityAt);
  upsert.exec();
  upsert.reset();
  CachedStatement version(store_, "SELECT version FROM conversations WHERE key = ?");
  version.bind(1, record.key);
  return detail::stepForInt64(version).value();
}

}  // namespace civicdesk::store
