#pragma once
// Persisted deadlines. The store does not know how a deadline is computed: it keeps the whole
// Deadline as JSON (bodyJson, written and read by workflows/) plus copies of the fields that
// queries filter on (case, rule, due time, provisional, status).
//
// Writes never open a transaction of their own: call them inside the caller's Transaction,
// the one that changes the case, so the case and its deadlines commit together. A write made
// of several statements (markMet, cancel) runs under a SAVEPOINT, so it is atomic whether or
// not the caller has a Transaction open.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/Store.hpp"

namespace civicdesk::store {

struct DeadlineRecord {
  std::int64_t id = 0;
  std::optional<std::int64_t> caseId;
  std::string ruleId;  // "complaint.conclusion", ...
  // Unix seconds, the exclusive end of the period: 24:00 Asia/Shanghai of the due day. The
  // deadline is overdue once now >= dueAt.
  std::int64_t dueAt = 0;
  // Computed without the official calendar of the due year: recompute when it is published.
  bool provisional = false;
  std::string status = "open";  // open, met, cancelled
  std::string bodyJson = "{}";  // the full Deadline, a JSON object
  std::int64_t createdAt = 0;
  std::int64_t updatedAt = 0;
  std::optional<std::int64_t> metAt;
};

class Deadlines {
 public:
  explicit Deadlines(Store& store) : store_(store) {}
  // Inserts an open deadline and returns its id. id, status, the times and metAt of `record`
  // are ignored (created and updated at `now`). Throws SQLite::Exception for a body that is
  // not a JSON object, an empty rule or an unknown case.
  std::int64_t insert(const DeadlineRecord& record, std::int64_t now);
  // A recomputation (an extension, a pause, the calendar of the year arriving): replaces the
  // due time, the provisional flag and the body. The deadline's timers are left alone: the
  // caller knows the reminder offsets, so it cancels them (Timers::cancelForDeadline) and
  // schedules new ones under new keys. Throws std::out_of_range for an unknown id and
  // std::logic_error for a deadline that is no longer open (its record is history).
  void update(std::int64_t id, std::int64_t dueAt, bool provisional, const std::string& bodyJson,
              std::int64_t now);
  // open -> met at `now` / open -> cancelled. Return whether the status changed: a deadline
  // already met or cancelled is left as it is (the first settlement wins; a retried step
  // changes nothing). Either way the deadline's pending timers are cancelled in the same call:
  // reminders stop when the obligation ends. Throw std::out_of_range for an unknown id.
  bool markMet(std::int64_t id, std::int64_t now);
  bool cancel(std::int64_t id, std::int64_t now);

  std::optional<DeadlineRecord> get(std::int64_t id);
  // Open deadlines of a case, earliest due first.
  std::vector<DeadlineRecord> openForCase(std::int64_t caseId);
  // Open provisional deadlines, earliest due first (to recompute when a calendar arrives).
  std::vector<DeadlineRecord> openProvisional();
  // Open deadlines with dueAt <= now, earliest first, at most `limit`.
  std::vector<DeadlineRecord> overdue(std::int64_t now, int limit);

 private:
  bool settle(std::int64_t id, const char* status, std::int64_t now);

  Store& store_;
};

}  // namespace civicdesk::store
