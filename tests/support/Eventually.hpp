#pragma once

#include <chrono>
#include <thread>

namespace civicdesk::testing {

// Polls `condition` until it holds or `timeout` passes; true if it held. For tests that wait
// on another thread (the outbox, the timers): the deadline is generous because a loaded CI
// machine under ASan can be many times slower than a laptop, and a passing test waits only as
// long as the condition takes.
template <class Condition>
bool eventually(Condition condition, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

}  // namespace civicdesk::testing
