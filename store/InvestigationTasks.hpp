#pragma once
// Investigation tasks: a request for facts sent to a unit while a complaint is investigated, due
// by a date, and the unit's answer.
//
// Writes never open a transaction of their own: call them inside the caller's Transaction, the
// one that changes the case and records the events, so they commit together. Each is one
// statement, so atomic by itself.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/Store.hpp"

namespace civicdesk::store {

struct InvestigationTaskRecord {
  std::int64_t id = 0;
  std::int64_t caseId = 0;
  std::string unitId;           // the unit asked
  std::string request;          // what it is asked for
  std::int64_t dueAt = 0;       // Unix seconds
  std::string status = "open";  // open, answered, cancelled
  std::string answer;           // empty until answered
  std::int64_t createdAt = 0;
  std::optional<std::int64_t> answeredAt;
};

class InvestigationTasks {
 public:
  explicit InvestigationTasks(Store& store) : store_(store) {}
  // Inserts an open task created at `now` and returns its id (id, status, answer, createdAt
  // and answeredAt of `record` are ignored). Throws SQLite::Exception for an unknown case or an
  // empty unit.
  std::int64_t add(const InvestigationTaskRecord& record, std::int64_t now);
  // open -> answered with `text` at `now`. Returns whether it changed: an answered or
  // cancelled task, or an unknown id, is left as it is (the first answer wins; a retried step
  // changes nothing).
  bool answer(std::int64_t id, const std::string& text, std::int64_t now);
  // The case is concluded: what was not answered is no longer asked. Returns how many.
  int cancelOpenForCase(std::int64_t caseId);

  std::optional<InvestigationTaskRecord> get(std::int64_t id);
  // Every task of a case, in the order they were sent.
  std::vector<InvestigationTaskRecord> forCase(std::int64_t caseId);
  // A unit's open tasks, earliest due first.
  std::vector<InvestigationTaskRecord> openForUnit(const std::string& unitId);

 private:
  Store& store_;
};

}  // namespace civicdesk::store
