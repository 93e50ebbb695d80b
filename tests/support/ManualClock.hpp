#pragma once
// A steady clock that stands still until a test moves it. Hand fn() to whatever takes a clock
// function (the senders, the token cache); safe to read from their threads.
#include <atomic>
#include <chrono>
#include <functional>

namespace civicdesk::testing {

class ManualClock {
 public:
  using Clock = std::chrono::steady_clock;

  void advance(Clock::duration by) { ticks_ += by.count(); }
  std::function<Clock::time_point()> fn() {
    return [this] { return Clock::time_point(Clock::duration(ticks_.load())); };
  }

 private:
  std::atomic<Clock::rep> ticks_{0};
};

}  // namespace civicdesk::testing
