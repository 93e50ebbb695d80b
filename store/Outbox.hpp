#pragma once
// Durable sends. A row is written in the same transaction as the state change that caused it;
// a sender claims due rows, delivers them, and marks them sent, or failed with a retry time
// (exponential backoff) until the attempts run out (then "dead", visible to staff).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/Store.hpp"

namespace civicdesk::store {

struct OutboxItem {
  std::int64_t id = 0;
  std::string channel;    // which ChannelSender delivers it
  std::string recipient;  // the address on that channel
  std::string text;
  std::string idempotencyKey;  // unique: enqueueing the same key twice keeps one row
  std::optional<std::int64_t> citizenId;
  std::optional<std::int64_t> caseId;
  std::string status = "pending";  // pending, sending, sent, dead
  int attempts = 0;
  std::int64_t nextAttemptAt = 0;
  std::string lastError;
  std::string providerId;
  std::string headersJson = "{}";  // email: subject, message_id, in_reply_to, references
};

struct OutboxPolicy {
  int maxAttempts = 8;
  std::int64_t firstBackoffSeconds = 5;  // doubles each attempt
  std::int64_t maxBackoffSeconds = 3600;
  std::int64_t leaseSeconds = 60;  // a claim older than this is re-claimed (crash)
};

class Outbox {
 public:
  explicit Outbox(Store& store, OutboxPolicy policy = {}) : store_(store), policy_(policy) {}
  // Returns the row id; for a key already present, the existing row's id (the row is left as
  // it is). Due at `now`, or at item.nextAttemptAt when that is later (a scheduled send);
  // status, attempts, lastError and providerId of `item` are ignored. Throws
  // std::invalid_argument for an empty idempotency key.
  std::int64_t enqueue(const OutboxItem& item, std::int64_t now);
  // Marks up to `limit` due rows (pending and due, or sending with an expired lease) as
  // sending with a lease of policy.leaseSeconds, counts the attempt, and returns them ordered
  // by nextAttemptAt, id. A row whose lease expired on its last attempt becomes dead instead
  // (a message that crashes the sender must not loop forever). Each call is its own IMMEDIATE
  // transaction: calling it inside a Transaction throws std::logic_error.
  std::vector<OutboxItem> claimDue(std::int64_t now, int limit);
  // Any row not yet sent becomes sent (a late success is still a delivery). Throws
  // std::out_of_range for an unknown id.
  void markSent(std::int64_t id, const std::string& providerId, std::int64_t now);
  // retryable: pending again after the backoff (firstBackoffSeconds after the first attempt,
  // doubling, at most maxBackoffSeconds), or dead once attempts reach maxAttempts; not
  // retryable: dead at once. Only a row in `sending` changes (a report about a row already
  // settled is ignored). Throws std::out_of_range for an unknown id.
  void markFailed(std::int64_t id, const std::string& error, bool retryable, std::int64_t now);
  // Puts a claimed row back to wait until `notBefore` without counting the attempt (a
  // platform's rate limit: the row is queued, never used up and dropped).
  void defer(std::int64_t id, std::int64_t notBefore, const std::string& reason);
  // A platform reported that a row it accepted never reached the recipient (an SMS
  // "undelivered"): the sent row whose provider id (or one of its comma-separated parts' ids)
  // is `providerId` becomes dead with that error, so staff see it and can retry it. Returns the
  // row's id, or nullopt when no sent row has that id.
  std::optional<std::int64_t> markUndelivered(const std::string& providerId,
                                              const std::string& error);
  std::optional<OutboxItem> get(std::int64_t id);
  // Rows in `status`, newest first: what staff look at when a send failed for good.
  std::vector<OutboxItem> listByStatus(const std::string& status, int limit);
  // A dead row goes back to pending with fresh attempts (after someone fixed the cause).
  // Returns false when the row is not dead.
  bool retry(std::int64_t id, std::int64_t now);
  std::int64_t countByStatus(const std::string& status);
  // When claimDue next has work: the earliest nextAttemptAt of a pending row or lease expiry
  // of a sending row (a crashed sender's rows); nullopt when neither exists. May be in the past.
  std::optional<std::int64_t> nextDueAt();

 private:
  Store& store_;
  OutboxPolicy policy_;
};

}  // namespace civicdesk::store
