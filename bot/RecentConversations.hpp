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
// Kept parsed (DialogSnapshot, slots as JSON values), as the step that produced it left it: the
// next step restores from it without parsing the slots text again (half of a step's JSON
// work). Parsed, a snapshot takes a few KiB instead of under one.
//
// Bounded: two generations of at most `generationSize` entries each. An entry is found in
// either; when the current one is full it becomes the previous one and the oldest is dropped,
// so the conversations of the last `generationSize` to `2 * generationSize` messages stay.
// Measured with bench/run-wechat-load: 2 x 1024 entries still find every conversation of the
// 32-connection run (512 citizens in flight), and the RSS after 100,000 citizens is 47.4 MiB
// (2 x 2048: 52.9 MiB).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "dialogs/Dialog.hpp"

namespace civicdesk::bot {

struct RememberedConversation {
  std::int64_t version = 0;  // the stored version
  dialogs::DialogSnapshot snapshot;
};

class RecentConversations {
 public:
  explicit RecentConversations(std::size_t generationSize = 1024);

  // The snapshot last remembered under `key`; null when none is kept.
  std::shared_ptr<const RememberedConversation> find(const std::string& key) const;
  // After the commit that stored `snapshot` as `version` of the conversation `key`. An older
  // version than the one kept is ignored.
  void remember(const std::string& key, std::int64_t version, dialogs::DialogSnapshot snapshot);

  std::size_t size() const;

 private:
  using Generation = std::unordered_map<std::string, std::shared_ptr<const RememberedConversation>>;
  const std::size_t generationSize_;
  mutable std::mutex mutex_;
  Generation current_;
  Generation previous_;
};

}  // namespace civicdesk::bot
