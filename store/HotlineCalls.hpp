#pragma once
// Hotline calls as the operators' system reported them, one row per call_id: the answer we
// gave is stored with the call, so the same call posted twice gets the same answer. A call
// that could not become a case is a call-back task for the operator (task_status 'open').
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/Store.hpp"

namespace civicdesk::store {

struct HotlineCallRecord {
  std::string callId;
  std::string caller;
  std::string operatorName;
  std::int64_t startedAt = 0;
  std::int64_t endedAt = 0;
  std::string transcriptJson = "{}";
  std::string outcome;  // "registered" or "callback"
  std::optional<std::int64_t> caseId;
  std::string missingJson = "[]";
  std::string taskStatus = "none";  // none, open, done
  std::string responseJson = "{}";
  std::int64_t receivedAt = 0;
};

class HotlineCalls {
 public:
  explicit HotlineCalls(Store& store) : store_(store) {}
  std::optional<HotlineCallRecord> find(const std::string& callId);
  // Throws SQLite::Exception when the call id exists (the caller checked find() in the same
  // transaction).
  void add(const HotlineCallRecord& record);
  // Open call-back tasks, oldest first.
  std::vector<HotlineCallRecord> openTasks(int limit);
  // Marks an open task done; false when there is no open task with that call id.
  bool closeTask(const std::string& callId);

 private:
  Store& store_;
};

}  // namespace civicdesk::store
