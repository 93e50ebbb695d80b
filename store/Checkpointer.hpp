// Moves WAL checkpoints off the store's writer. By default SQLite checkpoints inside the
// COMMIT that takes the WAL past 1,000 pages: that commit then copies the pages into the
// database file and fsyncs it, and every request waiting on that group commit waits with it
// (bench/RESULTS.md). Here a thread with its own connection runs a PASSIVE checkpoint every
// `interval` instead: PASSIVE never blocks the writer or readers, and in WAL mode a checkpoint
// on another connection is as safe as one on ours (a crash mid-checkpoint is recovered from
// the WAL at the next open).
//
// The writer's own automatic checkpoint stays on at a higher threshold, as a safety net if
// this thread ever falls behind: the WAL cannot grow without bound.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <SQLiteCpp/Database.h>

namespace civicdesk::store {

class Checkpointer {
 public:
  // Only what SQLite reports exactly. (A running total of frames copied cannot be kept from
  // these figures: the writer restarts the WAL from frame 0 once it is fully checkpointed, and
  // a restart between two runs looks like growth. An earlier counter guessed and undercounted.)
  struct Stats {
    std::uint64_t runs = 0;          // checkpoints that completed (not refused as busy)
    int lastWalFrames = 0;           // frames in the WAL at the last run
    int lastCheckpointedFrames = 0;  // of which were in the database file after it
    int backlogFrames() const { return lastWalFrames - lastCheckpointedFrames; }
  };

  Checkpointer(const std::string& path, std::chrono::milliseconds interval);
  ~Checkpointer();  // stops the thread; never throws
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  Stats stats() const;
  // Runs one checkpoint now, on the calling thread (tests; `civicdesk` commands that exit).
  void runOnce();

 private:
  void loop();

  std::unique_ptr<SQLite::Database> db_;
  const std::chrono::milliseconds interval_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  Stats stats_;
  std::thread thread_;
};

}  // namespace civicdesk::store
