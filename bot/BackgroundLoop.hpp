#pragma once
// A thread that runs one pass of some work every `interval`, or at once when woken, until
// stopped. A pass returns true when it left work behind (a full batch) so the next pass runs
// without waiting. Exceptions from a pass are reported to `onError` and the loop goes on: a
// worker that dies silently would leave messages undelivered with nobody noticing.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "util/ThreadName.hpp"

namespace civicdesk::bot {

class BackgroundLoop {
 public:
  using Pass = std::function<bool()>;
  using OnError = std::function<void(const std::exception&)>;

  // `name` names the thread (util/ThreadName: at most 15 bytes are kept).
  BackgroundLoop(std::string name, std::chrono::milliseconds interval, Pass pass, OnError onError)
      : name_(std::move(name)),
        interval_(interval),
        pass_(std::move(pass)),
        onError_(std::move(onError)) {}
  ~BackgroundLoop() { stop(); }
  BackgroundLoop(const BackgroundLoop&) = delete;
  BackgroundLoop& operator=(const BackgroundLoop&) = delete;

  void start() {
    if (thread_.joinable()) return;
    {
      std::lock_guard lock(mutex_);
      stopping_ = false;
    }
    thread_ = std::thread([this] { run(); });
  }

  // Waits for the pass in progress, if any, to finish.
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wakeUp_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

  void wake() {
    {
      std::lock_guard lock(mutex_);
      woken_ = true;
    }
    wakeUp_.notify_all();
  }

 private:
  void run() {
    util::nameThisThread(name_);
    bool more = false;
    for (;;) {
      {
        std::unique_lock lock(mutex_);
        if (!more) wakeUp_.wait_for(lock, interval_, [this] { return stopping_ || woken_; });
        if (stopping_) return;
        woken_ = false;
      }
      try {
        more = pass_();
      } catch (const std::exception& e) {
        more = false;
        onError_(e);
      }
    }
  }

  std::string name_;
  std::chrono::milliseconds interval_;
  Pass pass_;
  OnError onError_;
  std::mutex mutex_;
  std::condition_variable wakeUp_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace civicdesk::bot
