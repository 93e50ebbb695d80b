#include "bot/ConnectionPool.hpp"

#include <utility>

#include "util/ThreadName.hpp"

namespace civicdesk::bot {

ConnectionPool::ConnectionPool(std::size_t workers, std::size_t maxWaiting)
    : maxWaiting_(maxWaiting == 0 ? 1 : maxWaiting) {
  workers_.reserve(workers);
  for (std::size_t i = 0; i < workers; ++i) workers_.emplace_back([this] { work(); });
}

ConnectionPool::~ConnectionPool() {
  shutdown();
}

void ConnectionPool::enqueue(std::function<void()> connection) {
  {
    std::unique_lock lock(mutex_);
    hasRoom_.wait(lock, [this] { return waiting_.size() < maxWaiting_ || acceptStopped_; });
    waiting_.push_back(std::move(connection));
  }
  hasWork_.notify_one();
}

void ConnectionPool::stopAccepting() {
  {
    std::lock_guard lock(mutex_);
    acceptStopped_ = true;
  }
  hasRoom_.notify_all();
}

void ConnectionPool::shutdown() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
    acceptStopped_ = true;
  }
  hasWork_.notify_all();
  hasRoom_.notify_all();
  for (auto& worker : workers_) worker.join();
}

std::size_t ConnectionPool::waiting() const {
  std::lock_guard lock(mutex_);
  return waiting_.size();
}

std::size_t ConnectionPool::busy() const {
  std::lock_guard lock(mutex_);
  return busy_;
}

void ConnectionPool::work() {
  util::nameThisThread("desk-http");
  for (;;) {
    std::function<void()> connection;
    {
      std::unique_lock lock(mutex_);
      hasWork_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
      if (waiting_.empty()) return;  // stopping, and every accepted connection was served
      connection = std::move(waiting_.front());
      waiting_.pop_front();
      ++busy_;
    }
    hasRoom_.notify_one();
    connection();  // httplib's task: serves the connection and closes it; does not throw
    std::lock_guard lock(mutex_);
    --busy_;
  }
}

}  // namespace civicdesk::bot
