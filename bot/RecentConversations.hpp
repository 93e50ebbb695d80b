#pragma once
// The last committed snapshot of each recently active conversation, kept in memory as a hint
// for the dialog steps taken ahead of the store's writer (bot/DialogStep.hpp).
//
// Only a hint: the writer checks every step taken ahead against the stored version and takes
// the step again when it does not match, so an entry that is missing, evicted or stale costs
// time, never correctness. That is also why it is not read from SQLite: a second connection
// finds the database changed by every batch and re-reads its pages from the file each time,
// and its one mutex made 32 request threads queue (measured: more CPU than the step it saved).
//
// Bounded: two generations of at most `generationSize` entries each. An entry is found in
// either; when the current one is full it becomes the previous one and the oldest is dropped,
// so the conversations of the last `generationSize` to `2 * generationSize` messages stay.
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "store/Conversations.hpp"

namespace civicdesk::bot {

class RecentConversations {
 public:
  explicit RecentConversations(std::size_t generationSize = 2048);

  // The snapshot last remembered under `key`; null when none is kept.
  std::shared_ptr<const store::ConversationRecord> find(const std::string& key) const;
  // After the commit that stored `record` (its `version` the stored one). An older version
  // than the one kept is ignored.
  void remember(store::ConversationRecord record);

  std::size_t size() const;

 private:
  using Generation =
      std::unordered_map<std::string, std::shared_ptr<const store::ConversationRecord>>;
  const std::size_t generationSize_;
  mutable std::mutex mutex_;
  Generation current_;
  Generation previous_;
};

}  // namespace civicdesk::bot
