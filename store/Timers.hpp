#pragma once
// Durable timers: "at time T, do K" rows that survive restarts (staff reminders before a
// deadline, escalations once it has passed).
//
// Exactly once, without leases. A timer's effect only writes rows of this database (outbox
// items keyed "timer:<id>:...", events); delivering anything over the network is the outbox
// sender's job. So the timer loop runs ONE transaction per batch:
//
//   BEGIN IMMEDIATE -> due(now, limit) -> for each: markFired, run the effect -> COMMIT
//
// and the effects commit together with the timers' change to 'fired', or not at all:
//   - a crash (or an exception) before COMMIT leaves every timer pending and no effect
//     written: the next pass runs them again, so a timer is never lost;
//   - after COMMIT the timers are fired, and due() never returns them again: never run twice.
// The write lock taken at BEGIN IMMEDIATE means no second loop (another thread or process)
// can pick the same timers meanwhile. runDue() below is that loop; use it rather than
// composing the calls by hand.
//
// Writes (schedule, cancelForDeadline, markFired) never open a transaction of their own: call
// them inside the caller's Transaction (the one that changes the case), or alone.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/Store.hpp"

namespace civicdesk::store {

struct TimerRecord {
  std::int64_t id = 0;
  std::string kind;  // "reminder.staff", "escalation.overdue", ...
  std::optional<std::int64_t> deadlineId;
  std::int64_t dueAt = 0;          // Unix seconds; the timer fires at the first pass at or after it
  std::string status = "pending";  // pending, fired, cancelled
  // Unique, and names one firing: scheduling an existing key returns the existing timer
  // unchanged, whatever its due time or status. So a timer re-armed after a deadline was
  // recomputed needs a key that says so, e.g. "deadline:42:due=1773590400:remind-3d";
  // reusing the old key would silently keep the old (perhaps cancelled) timer.
  std::string idempotencyKey;
  std::string payloadJson = "{}";  // what the effect needs; opaque to the store
  std::optional<std::int64_t> firedAt;
};

class Timers {
 public:
  explicit Timers(Store& store) : store_(store) {}
  // Inserts a pending timer and returns its id; for a key already present, the existing id
  // (the row is left as it is). A due time in the past is allowed: it fires at the next
  // pass. id, status and firedAt of `record` are ignored. Throws std::invalid_argument for an
  // empty key, SQLite::Exception for invalid payload JSON or an unknown deadline.
  std::int64_t schedule(const TimerRecord& record, std::int64_t now);
  // Cancels the pending timers of a deadline (fired ones stay fired); returns how many.
  int cancelForDeadline(std::int64_t deadlineId);
  // Pending timers with dueAt <= now, ordered by dueAt, id; at most `limit`.
  std::vector<TimerRecord> due(std::int64_t now, int limit);
  // pending -> fired at `now`. Returns false, changing nothing, for a timer that is not
  // pending (already fired, cancelled) or does not exist.
  bool markFired(std::int64_t id, std::int64_t now);
  std::optional<TimerRecord> get(std::int64_t id);
  // The earliest dueAt of a pending timer (may be in the past), nullopt when none: how long
  // the loop may sleep.
  std::optional<std::int64_t> nextDueAt();
  // Counting "pending" walks the pending index; other statuses read the whole table.
  std::int64_t countByStatus(const std::string& status);

 private:
  Store& store_;
};

// One pass of the timer loop, in one Transaction: takes up to `limit` timers due at `now`
// (earliest first), and for each marks it fired and calls `effect`, then commits. Returns how
// many fired. The effect must only write to this store (through the same Store); if it throws,
// the whole batch is rolled back (every timer still pending, nothing the effects wrote kept)
// and the exception propagates. A timer that an earlier effect of the same batch cancelled
// (e.g. by meeting its deadline) is skipped. Throws std::logic_error when called inside a
// transaction: the batch must commit on its own, and BEGIN would fail anyway.
int runDue(Store& store, std::int64_t now, int limit,
           const std::function<void(const TimerRecord&)>& effect);

}  // namespace civicdesk::store
