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

// What the dispatcher checks before it uses a dialog step taken from an earlier read: the
// stored version, and whose conversation it is.
struct ConversationHead {
  std::int64_t version = 0;
  std::int64_t citizenId = 0;
};

class Conversations {
 public:
  explicit Conversations(Store& store) : store_(store) {}
  std::optional<ConversationRecord> load(const std::string& key);
  // The stored version and citizen of the conversation; nullopt when there is none. A step
  // taken from a record of this version is still current.
  std::optional<ConversationHead> head(const std::string& key);
  // Insert or update; returns the new version. The citizen is the one of the first save: a
  // conversation's address belongs to one citizen for good.
  std::int64_t save(const ConversationRecord& record);

 private:
  Store& store_;
};

}  // namespace civicdesk::store
