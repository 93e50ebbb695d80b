#pragma once
// The persisted dialog of each conversation (channel + citizen address).
#include <cstdint>
#include <optional>
#include <string>

#include "store/Store.hpp"

namespace civicdesk::store {

struct ConversationRecord {
  std::string key;  // "wechat:oABC..."
  std::int64_t citizenId = 0;
  std::string state;  // dialog leaf state id
  std::string slotsJson = "{}";
  std::int64_t lastActivityAt = 0;
  std::int64_t version = 0;  // incremented on every save
};

class Conversations {
 public:
  explicit Conversations(Store& store) : store_(store) {}
  std::optional<ConversationRecord> load(const std::string& key);
  // The stored version of the conversation; 0 when there is none. A step taken from a record
  // of this version is still current (the dispatcher's check before it uses such a step).
  std::int64_t version(const std::string& key);
  // Insert or update; returns the new version.
  std::int64_t save(const ConversationRecord& record);

 private:
  Store& store_;
};

}  // namespace civicdesk::store
