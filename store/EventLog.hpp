#pragma once
// The append-only record of what happened: who did what, when, on what basis.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/Store.hpp"

namespace civicdesk::store {

struct Event {
  std::int64_t id = 0;
  std::optional<std::int64_t> caseId;
  std::string kind;   // "case.registered", "message.received", ...
  std::string actor;  // "citizen:12", "system", "staff:3"
  std::int64_t at = 0;
  std::string payloadJson = "{}";
};

class EventLog {
 public:
  explicit EventLog(Store& store) : store_(store) {}
  std::int64_t append(const Event& event);
  std::vector<Event> forCase(std::int64_t caseId);

 private:
  Store& store_;
};

}  // namespace civicdesk::store
