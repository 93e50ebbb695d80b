#include "store/Checkpointer.hpp"

#include <sqlite3.h>

#include "store/WalWriteBuffer.hpp"
#include "util/ThreadName.hpp"

namespace civicdesk::store {

Checkpointer::Checkpointer(const std::string& path, std::chrono::milliseconds interval)
    : db_(std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE, 5000,
                                             walWriteBufferVfs())),
      interval_(interval) {
  // The checkpoint fsyncs the database file before the WAL may be reused.
  db_->exec("PRAGMA synchronous=FULL");
  thread_ = std::thread([this] { loop(); });
}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Checkpointer::Stats Checkpointer::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void Checkpointer::runOnce() {
  int walFrames = 0;
  int checkpointed = 0;
  const int rc = sqlite3_wal_checkpoint_v2(db_->getHandle(), nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                           &walFrames, &checkpointed);
  // SQLITE_BUSY: another checkpoint is running (the writer's safety net); try again later.
  if (rc != SQLITE_OK) return;
  std::lock_guard lock(mutex_);
  ++stats_.runs;
  stats_.lastWalFrames = walFrames;
  stats_.lastCheckpointedFrames = checkpointed;
}

void Checkpointer::loop() {
  util::nameThisThread("desk-checkpoint");
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    runOnce();
    lock.lock();
  }
}

}  // namespace civicdesk::store
