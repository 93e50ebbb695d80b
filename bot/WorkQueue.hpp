#pragma once
// A fixed pool of threads running submitted tasks in order. The HTTP handler hands the
// dispatch of a message to it so that the handler itself can stop waiting when a platform's
// reply window closes, while the work carries on and completes.
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace civicdesk::bot {

class WorkQueue {
 public:
  explicit WorkQueue(int threads);
  ~WorkQueue();  // finishes every queued task, then joins
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;

  template <class F>
  auto submit(F task) -> std::future<decltype(task())> {
    using R = decltype(task());
    auto packaged = std::make_shared<std::packaged_task<R()>>(std::move(task));
    auto future = packaged->get_future();
    {
      std::lock_guard lock(mutex_);
      tasks_.emplace_back([packaged] { (*packaged)(); });
    }
    ready_.notify_one();
    return future;
  }

  void shutdown();

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace civicdesk::bot
