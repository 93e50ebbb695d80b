#pragma once
// The worker pool behind cpp-httplib, with a bound on waiting connections. httplib hands every
// accepted connection to its TaskQueue, and its stock ThreadPool queues them without limit: a
// connection flood then costs memory and file descriptors while the queued connections get no
// service anyway (one keep-alive connection holds one worker, PERF-NOTES §3).
//
// Here, once `maxWaiting` accepted connections wait for a worker, the accept loop itself waits:
// further connections stay in the kernel's listen backlog (1024, then refused by the kernel),
// which costs us nothing. Served connections are bounded by the workers, waiting ones by
// `maxWaiting`.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include <httplib.h>

namespace civicdesk::bot {

class ConnectionPool final : public httplib::TaskQueue {
 public:
  ConnectionPool(std::size_t workers, std::size_t maxWaiting);
  ~ConnectionPool() override;
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Called by httplib's accept loop with the task that serves one connection.
  void enqueue(std::function<void()> connection) override;
  // Serves what is queued, then joins the workers.
  void shutdown() override;
  // The server is stopping: the accept loop must not stay blocked in enqueue().
  void stopAccepting();

  std::size_t waiting() const;
  std::size_t busy() const;

 private:
  void work();

  const std::size_t maxWaiting_;
  mutable std::mutex mutex_;
  std::condition_variable hasWork_;
  std::condition_variable hasRoom_;
  std::deque<std::function<void()>> waiting_;
  std::size_t busy_ = 0;
  bool stopping_ = false;
  bool acceptStopped_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace civicdesk::bot
