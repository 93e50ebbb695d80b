#pragma once
// The time source of every rule. Production uses the system clock; tests and simulations use a
// SettableClock, so a test can live through 45 days in milliseconds.
#include <atomic>
#include <chrono>
#include <cstdint>

namespace civicdesk::workflows {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
  std::int64_t nowSeconds() const {
    return std::chrono::duration_cast<std::chrono::seconds>(now().time_since_epoch()).count();
  }
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
};

// A clock that stands still until told to move. Thread-safe.
class SettableClock final : public Clock {
 public:
  explicit SettableClock(TimePoint start) : micros_(toMicros(start)) {}
  TimePoint now() const override { return TimePoint(std::chrono::microseconds(micros_.load())); }
  void set(TimePoint t) { micros_.store(toMicros(t)); }
  void advance(std::chrono::microseconds d) { micros_.fetch_add(d.count()); }

 private:
  static std::int64_t toMicros(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
  }
  std::atomic<std::int64_t> micros_;
};

}  // namespace civicdesk::workflows
