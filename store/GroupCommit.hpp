#pragma once
// Group commit: many requests, one fsync. Requests hand their unit of work to one writer
// thread, which takes everything queued, runs each unit in its own savepoint of one shared
// transaction, commits once (synchronous=FULL: the batch is on disk), and only then tells each
// request how its unit ended. An answer therefore never precedes durability, and a burst of
// N concurrent messages costs one fsync instead of N.
//
// The writer never waits for a batch to fill (PERF-NOTES §6): the next batch is whatever
// arrived while the previous one was committing, so a lone request pays no extra latency.
//
// A unit that throws rolls back its own writes only; its caller gets the exception and the
// other units of the batch are unaffected. If the commit itself fails, every unit of the batch
// gets that error (none of them is durable, and none was answered as if it were).
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace civicdesk::store {

class Store;

class GroupCommit {
 public:
  // What a unit of work may ask of its batch.
  class Unit {
   public:
    // Roll this unit's writes back, but answer its caller normally (a duplicate that must
    // change nothing).
    void discard() { discarded_ = true; }
    bool discarded() const { return discarded_; }
    // Runs on the writer thread once the batch is durable, before the caller is answered
    // (waking the outbox worker for rows this unit queued). Never run if the batch fails.
    void afterCommit(std::function<void()> action) { afterCommit_.push_back(std::move(action)); }

   private:
    friend class GroupCommit;
    bool discarded_ = false;
    std::vector<std::function<void()>> afterCommit_;
  };

  struct Stats {
    std::uint64_t batches = 0;
    std::uint64_t units = 0;
    std::size_t largestBatch = 0;
  };

  // `storeMutex` is the lock every other user of the store's connection takes; the writer
  // holds it for the length of a batch. `maxBatch` bounds how long one batch holds it.
  GroupCommit(Store& store, std::mutex& storeMutex, std::size_t maxBatch = 256);
  ~GroupCommit();  // runs every unit already submitted, then stops
  GroupCommit(const GroupCommit&) = delete;
  GroupCommit& operator=(const GroupCommit&) = delete;

  // Queues `work(Unit&)`; the future is ready once its batch is durable (or failed). Must not
  // be waited on by a unit (it would wait for its own batch) or by a thread holding the store
  // mutex (the writer needs it).
  template <class F>
  auto submit(F work) -> std::future<std::invoke_result_t<F&, Unit&>> {
    using R = std::invoke_result_t<F&, Unit&>;
    auto job = std::make_unique<TypedJob<R, F>>(std::move(work));
    auto future = job->promise.get_future();
    enqueue(std::move(job));
    return future;
  }

  // The same without a future: `done(std::optional<R> value, std::exception_ptr error)` runs
  // on the writer once the batch is durable (error null; for void work, value is `true`) or
  // failed (value empty). It must be quick and must not throw: it hands the outcome to the
  // thread that answers (an HTTP event loop), so no thread waits on a future per unit.
  template <class F, class Done>
  void submit(F work, Done done) {
    using R = std::invoke_result_t<F&, Unit&>;
    enqueue(std::make_unique<CallbackJob<R, F, Done>>(std::move(work), std::move(done)));
  }

  // submit(work).get(): waits for durability; rethrows the unit's or the commit's exception.
  template <class F>
  auto run(F work) -> std::invoke_result_t<F&, Unit&> {
    if (std::this_thread::get_id() == writerId()) {
      throw std::logic_error("GroupCommit::run called from inside a unit of work");
    }
    return submit(std::move(work)).get();
  }

  // Runs what is queued, then stops the writer; later submissions fail with logic_error.
  void shutdown();
  Stats stats() const;

 private:
  struct Job {
    virtual ~Job() = default;
    virtual void execute(Unit& unit) = 0;  // records a result or the unit's exception
    virtual bool failed() const = 0;
    virtual void complete() = 0;  // hands the recorded outcome to the caller
    virtual void fail(std::exception_ptr error) = 0;
  };

  // Runs the work and keeps its outcome; the subclass hands it over.
  template <class R, class F>
  struct WorkJob : Job {
    using Value = std::conditional_t<std::is_void_v<R>, bool, R>;  // void work: true
    explicit WorkJob(F w) : work(std::move(w)) {}
    void execute(Unit& unit) override {
      try {
        if constexpr (std::is_void_v<R>) {
          work(unit);
          value.emplace(true);
        } else {
          value.emplace(work(unit));
        }
      } catch (...) {
        error = std::current_exception();
      }
    }
    bool failed() const override { return error != nullptr; }

    F work;
    std::optional<Value> value;
    std::exception_ptr error;
  };

  // submit(work): the outcome goes to a future.
  template <class R, class F>
  struct TypedJob final : WorkJob<R, F> {
    using WorkJob<R, F>::WorkJob;
    void complete() override {
      if (this->error) {
        promise.set_exception(this->error);
      } else if constexpr (std::is_void_v<R>) {
        promise.set_value();
      } else {
        promise.set_value(std::move(*this->value));
      }
    }
    void fail(std::exception_ptr batchError) override { promise.set_exception(batchError); }

    std::promise<R> promise;
  };

  // submit(work, done): the outcome goes to a callback.
  template <class R, class F, class Done>
  struct CallbackJob final : WorkJob<R, F> {
    using Value = typename WorkJob<R, F>::Value;
    CallbackJob(F w, Done d) : WorkJob<R, F>(std::move(w)), done(std::move(d)) {}
    void complete() override {
      if (this->error) {
        done(std::optional<Value>{}, this->error);
      } else {
        done(std::move(this->value), nullptr);
      }
    }
    void fail(std::exception_ptr batchError) override { done(std::optional<Value>{}, batchError); }

    Done done;
  };

  void enqueue(std::unique_ptr<Job> job);
  std::thread::id writerId() const { return writerThreadId_; }
  void writeLoop();
  void commitBatch(std::vector<std::unique_ptr<Job>>& batch);

  Store& store_;
  std::mutex& storeMutex_;
  const std::size_t maxBatch_;
  mutable std::mutex mutex_;
  std::condition_variable queued_;
  std::deque<std::unique_ptr<Job>> queue_;
  bool stopping_ = false;
  Stats stats_;
  std::mutex joinMutex_;
  std::thread writer_;
  std::thread::id writerThreadId_;  // set once at construction; read without the lock
};

}  // namespace civicdesk::store
