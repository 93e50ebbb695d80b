#include "store/Citizens.hpp"

#include <SQLiteCpp/Statement.h>

#include "store/CachedStatement.hpp"
#include "store/SqlSupport.hpp"

namespace civicdesk::store {

std::int64_t Citizens::ensure(const std::string& channel, const std::string& address,
                              std::int64_t now) {
  if (auto existing = find(channel, address)) return *existing;

  // The citizen and their first contact are written together or not at all: a citizen
  // without a contact could never be found again.
  detail::Savepoint savepoint(store_.db(), "citizens_ensure");
  CachedStatement citizen(store_, "INSERT INTO citizens(created_at) VALUES (?)");
  citizen.bind(1, now);
  const std::int64_t id = detail::insertForId(citizen, store_.db()).value();

  CachedStatement contact(
      store_, "INSERT INTO contacts(citizen_id, channel, address, created_at) VALUES (?, ?, ?, ?)");
  contact.bind(1, id);
  contact.bind(2, channel);
  contact.bind(3, address);
  contact.bind(4, now);
  contact.exec();
  savepoint.release();
  return id;
}

std::optional<std::int64_t> Citizens::find(const std::string& channel, const std::string& address) {
  CachedStatement query(store_,
                        "SELECT citizen_id FROM contacts WHERE channel = ? AND address = ?");
  query.bind(1, channel);
  query.bind(2, address);
  if (!query.executeStep()) return std::nullopt;
  return query.getColumn(0).getInt64();
}

std::optional<std::string> Citizens::address(std::int64_t citizenId, const std::string& channel) {
  CachedStatement query(
      store_,
      "SELECT address FROM contacts WHERE citizen_id = ? AND channel = ? ORDER BY id LIMIT 1");
  query.bind(1, citizenId);
  query.bind(2, channel);
  if (!query.executeStep()) return std::nullopt;
  return query.getColumn(0).getString();
}

bool Citizens::link(std::int64_t citizenId, const std::string& channel, const std::string& address,
                    std::int64_t now) {
  CachedStatement insert(store_,
                         "INSERT INTO contacts(citizen_id, channel, address, created_at) "
                         "VALUES (?, ?, ?, ?) ON CONFLICT(channel, address) DO NOTHING");
  insert.bind(1, citizenId);
  insert.bind(2, channel);
  insert.bind(3, address);
  insert.bind(4, now);
  insert.exec();
  return find(channel, address) == citizenId;
}

std::vector<std::string> Citizens::addresses(std::int64_t citizenId, const std::string& channel) {
  CachedStatement query(
      store_, "SELECT address FROM contacts WHERE citizen_id = ? AND channel = ? ORDER BY id");
  query.bind(1, citizenId);
  query.bind(2, channel);
  std::vector<std::string> out;
  while (query.executeStep()) out.push_back(query.getColumn(0).getString());
  return out;
}

}  // namespace civicdesk::store
