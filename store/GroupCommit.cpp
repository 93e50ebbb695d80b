#include "store/GroupCommit.hpp"

#include <sqlite3.h>

#include "store/Store.hpp"
#include "util/ThreadName.hpp"

namespace civicdesk::store {
namespace {

// One fixed savepoint name: units run one after another, never nested in each other.
constexpr const char* kSavepoint = "SAVEPOINT group_unit";
constexpr const char* kRelease = "RELEASE group_unit";
constexpr const char* kRollbackTo = "ROLLBACK TO group_unit";

void execCached(Store& store, const char* sql) {
  CachedStatement statement(store, sql);
  statement.exec();
}

}  // namespace

GroupCommit::GroupCommit(Store& store, std::mutex& storeMutex, std::size_t maxBatch)
    : store_(store), storeMutex_(storeMutex), maxBatch_(maxBatch == 0 ? 1 : maxBatch) {
  writer_ = std::thread([this] { writeLoop(); });
  writerThreadId_ = writer_.get_id();
}

GroupCommit::~GroupCommit() {
  shutdown();
}

void GroupCommit::shutdown() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  queued_.notify_all();
  if (std::this_thread::get_id() == writerThreadId_) return;  // an after-commit action
  // Two threads may stop the service at once (a signal and the destructor); one joins.
  std::lock_guard joining(joinMutex_);
  if (writer_.joinable()) writer_.join();
}

GroupCommit::Stats GroupCommit::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void GroupCommit::enqueue(std::unique_ptr<Job> job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) {
      job->fail(std::make_exception_ptr(std::logic_error("the store's writer has stopped")));
      return;
    }
    queue_.push_back(std::move(job));
  }
  queued_.notify_one();
}

void GroupCommit::writeLoop() {
  util::nameThisThread("desk-writer");
  std::vector<std::unique_ptr<Job>> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      queued_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything submitted has been run
      while (!queue_.empty() && batch.size() < maxBatch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      ++stats_.batches;
      stats_.units += batch.size();
      if (batch.size() > stats_.largestBatch) stats_.largestBatch = batch.size();
    }
    commitBatch(batch);
    batch.clear();
  }
}

void GroupCommit::commitBatch(std::vector<std::unique_ptr<Job>>& batch) {
  std::vector<std::function<void()>> afterCommit;
  try {
    std::lock_guard lock(storeMutex_);
    Transaction transaction(store_);
    for (auto& job : batch) {
      execCached(store_, kSavepoint);
      Unit unit;
      job->execute(unit);
      if (!store_.inTransaction()) {
        // SQLite rolled the whole transaction back on its own (an I/O error, a full disk):
        // the units before this one are gone too, so the batch fails as one.
        throw std::runtime_error("the store rolled back a batch of writes");
      }
      if (job->failed() || unit.discarded()) execCached(store_, kRollbackTo);
      execCached(store_, kRelease);
      if (!job->failed() && !unit.discarded()) {
        for (auto& action : unit.afterCommit_) afterCommit.push_back(std::move(action));
      }
    }
    transaction.commit();
  } catch (...) {
    const auto error = std::current_exception();
    for (auto& job : batch) job->fail(error);
    return;
  }
  for (auto& action : afterCommit) {
    try {
      action();
    } catch (...) {
      // A wake-up or a counter must not turn a durable write into an error for its caller.
    }
  }
  for (auto& job : batch) job->complete();
}

}  // namespace civicdesk::store
