#include "store/Outbox.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <stdexcept>

#include "store/CachedStatement.hpp"
#include "store/SqlSupport.hpp"

namespace civicdesk::store {
namespace {

constexpr const char* kItemColumns =
    "id, channel, recipient, text, idempotency_key, citizen_id, case_id, status, attempts, "
    "next_attempt_at, last_error, provider_id, headers_json";

OutboxItem itemFromRow(const SQLite::Statement& row) {
  OutboxItem item;
  item.id = row.getColumn(0).getInt64();
  item.channel = row.getColumn(1).getString();
  item.recipient = row.getColumn(2).getString();
  item.text = row.getColumn(3).getString();
  item.idempotencyKey = row.getColumn(4).getString();
  item.citizenId = detail::optionalInt64(row, 5);
  item.caseId = detail::optionalInt64(row, 6);
  item.status = row.getColumn(7).getString();
  item.attempts = row.getColumn(8).getInt();
  item.nextAttemptAt = row.getColumn(9).getInt64();
  item.lastError = row.getColumn(10).getString();
  item.providerId = row.getColumn(11).getString();
  item.headersJson = row.getColumn(12).getString();
  return item;
}

// The wait after the n-th failed attempt: first, 2*first, 4*first ..., at most the cap.
std::int64_t backoffAfter(const OutboxPolicy& policy, int attempts) {
  std::int64_t delay = std::max<std::int64_t>(policy.firstBackoffSeconds, 0);
  for (int i = 1; i < attempts && delay < policy.maxBackoffSeconds; ++i) delay *= 2;
  return std::min(delay, policy.maxBackoffSeconds);
}

}  // namespace

std::int64_t Outbox::enqueue(const OutboxItem& item, std::int64_t now) {
  // An empty key would make every keyless send a duplicate of the first one.
  if (item.idempotencyKey.empty()) throw std::invalid_argument("outbox: empty idempotency key");
  CachedStatement insert(
      store_,
      "INSERT INTO outbox(channel, recipient, text, idempotency_key, citizen_id, case_id, "
      "  status, attempts, next_attempt_at, created_at, headers_json) "
      "VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?) "
      "ON CONFLICT(idempotency_key) DO NOTHING");
  insert.bind(1, item.channel);
  insert.bind(2, item.recipient);
  insert.bind(3, item.text);
  insert.bind(4, item.idempotencyKey);
  detail::bindOptional(insert, 5, item.citizenId);
  detail::bindOptional(insert, 6, item.caseId);
  insert.bind(7, std::max(now, item.nextAttemptAt));
  insert.bind(8, now);
  insert.bind(9, item.headersJson.empty() ? std::string("{}") : item.headersJson);
  if (auto id = detail::insertForId(insert, store_.db())) return *id;

  CachedStatement existing(store_, "SELECT id FROM outbox WHERE idempotency_key = ?");
  existing.bind(1, item.idempotencyKey);
  return detail::stepForInt64(existing).value();
}

std::vector<OutboxItem> Outbox::claimDue(std::int64_t now, int limit) {
  if (limit <= 0) return {};
  // Inside a caller's transaction the claim would only become visible at the caller's commit,
  // and BEGIN would fail anyway: say so plainly.
  if (store_.inTransaction()) {
    throw std::logic_error("Outbox::claimDue runs its own transaction; call it outside one");
  }
  Transaction tx(store_);

  CachedStatement bury(store_,
                       "UPDATE outbox SET status = 'dead', lease_until = NULL, "
                       "  last_error = 'lease expired on the last attempt (sender crashed?)' "
                       "WHERE status = 'sending' AND lease_until <= ? AND attempts >= ?");
  bury.bind(1, now);
  bury.bind(2, policy_.maxAttempts);
  bury.exec();

  // Two index range scans (status, next_attempt_at) rather than one OR over the table.
  CachedStatement claim(store_,
                        std::string("UPDATE outbox SET status = 'sending', lease_until = ?1 + ?2, "
                                    "  attempts = attempts + 1 "
                                    "WHERE id IN (SELECT id FROM ("
                                    "  SELECT id, next_attempt_at FROM outbox "
                                    "    WHERE status = 'pending' AND next_attempt_at <= ?1 "
                                    "  UNION ALL "
                                    "  SELECT id, next_attempt_at FROM outbox "
                                    "    WHERE status = 'sending' AND lease_until <= ?1 "
                                    "  ORDER BY next_attempt_at, id LIMIT ?3)) "
                                    "RETURNING ") +
                            kItemColumns);
  claim.bind(1, now);
  claim.bind(2, policy_.leaseSeconds);
  claim.bind(3, limit);
  std::vector<OutboxItem> items;
  while (claim.executeStep()) items.push_back(itemFromRow(claim));
  claim.reset();
  tx.commit();

  // RETURNING gives rows in no promised order.
  std::sort(items.begin(), items.end(), [](const OutboxItem& a, const OutboxItem& b) {
    return a.nextAttemptAt != b.nextAttemptAt ? a.nextAttemptAt < b.nextAttemptAt : a.id < b.id;
  });
  return items;
}

void Outbox::markSent(std::int64_t id, const std::string& providerId, std::int64_t now) {
  CachedStatement update(store_,
                         "UPDATE outbox SET status = 'sent', provider_id = ?, sent_at = ?, "
                         "  lease_until = NULL WHERE id = ?");
  update.bind(1, providerId);
  update.bind(2, now);
  update.bind(3, id);
  if (update.exec() == 0) {
    throw std::out_of_range("outbox row " + std::to_string(id) + " does not exist");
  }
}

std::optional<std::int64_t> Outbox::markUndelivered(const std::string& providerId,
                                                    const std::string& error) {
  if (providerId.empty()) return std::nullopt;
  // A multi-part SMS is sent as several messages; its row keeps their ids joined by commas.
  CachedStatement update(store_,
                         "UPDATE outbox SET status = 'dead', last_error = ? "
                         "WHERE status = 'sent' AND (provider_id = ?2 OR "
                         "  ',' || provider_id || ',' LIKE '%,' || ?2 || ',%') RETURNING id");
  update.bind(1, error);
  update.bind(2, providerId);
  return detail::stepForInt64(update);
}

void Outbox::markFailed(std::int64_t id, const std::string& error, bool retryable,
                        std::int64_t now) {
  CachedStatement current(store_, "SELECT attempts, status FROM outbox WHERE id = ?");
  current.bind(1, id);
  if (!current.executeStep()) {
    throw std::out_of_range("outbox row " + std::to_string(id) + " does not exist");
  }
  const int attempts = current.getColumn(0).getInt();
  const std::string status = current.getColumn(1).getString();
  current.reset();
  if (status != "sending") return;

  // `attempts` already counts the attempt that just failed (claimDue counted it).
  const bool dead = !retryable || attempts >= policy_.maxAttempts;
  CachedStatement update(
      store_,
      "UPDATE outbox SET status = ?, next_attempt_at = ?, lease_until = NULL, last_error = ? "
      "WHERE id = ? AND status = 'sending'");
  update.bind(1, dead ? "dead" : "pending");
  update.bind(2, dead ? now : now + backoffAfter(policy_, attempts));
  update.bind(3, error);
  update.bind(4, id);
  update.exec();
}

void Outbox::defer(std::int64_t id, std::int64_t notBefore, const std::string& reason) {
  // claimDue counted the attempt; a deferral gives it back.
  CachedStatement update(
      store_,
      "UPDATE outbox SET status = 'pending', next_attempt_at = ?, lease_until = NULL, "
      "last_error = ?, attempts = MAX(attempts - 1, 0) WHERE id = ? AND status = 'sending'");
  update.bind(1, notBefore);
  update.bind(2, reason);
  update.bind(3, id);
  update.exec();
}

std::optional<OutboxItem> Outbox::get(std::int64_t id) {
  CachedStatement query(store_,
                        std::string("SELECT ") + kItemColumns + " FROM outbox WHERE id = ?");
  query.bind(1, id);
  if (!query.executeStep()) return std::nullopt;
  return itemFromRow(query);
}

std::vector<OutboxItem> Outbox::listByStatus(const std::string& status, int limit) {
  CachedStatement query(store_, std::string("SELECT ") + kItemColumns +
                                    " FROM outbox WHERE status = ? ORDER BY id DESC LIMIT ?");
  query.bind(1, status);
  query.bind(2, limit);
  return detail::readRows(query, itemFromRow);
}

bool Outbox::retry(std::int64_t id, std::int64_t now) {
  CachedStatement update(store_,
                         "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, "
                         "lease_until = NULL WHERE id = ? AND status = 'dead'");
  update.bind(1, now);
  update.bind(2, id);
  return update.exec() == 1;
}

std::int64_t Outbox::countByStatus(const std::string& status) {
  CachedStatement query(store_, "SELECT COUNT(*) FROM outbox WHERE status = ?");
  query.bind(1, status);
  return detail::stepForInt64(query).value();
}

std::optional<std::int64_t> Outbox::nextDueAt() {
  // MIN over each status separately, so each is one step down the (status, ...) index.
  CachedStatement query(store_,
                        "SELECT MIN(t) FROM ("
                        "  SELECT MIN(next_attempt_at) AS t FROM outbox WHERE status = 'pending'"
                        "  UNION ALL "
                        "  SELECT MIN(lease_until) FROM outbox WHERE status = 'sending')");
  return detail::stepForInt64(query);
}

}  // namespace civicdesk::store
