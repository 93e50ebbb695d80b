#pragma once
// Prometheus text-format metrics: messages in and out per channel, errors by kind, and a
// latency histogram per route. Thread-safe; one instance owned by the Service.
#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace civicdesk::bot {

class Metrics {
 public:
  void messageIn(const std::string& channel);
  void messageOut(const std::string& channel, const std::string& via);
  void error(const std::string& kind);
  void duplicate(const std::string& channel);
  void observeRequest(const std::string& route, double seconds);
  // A message's dialog step: taken ahead on the request's thread and used, or taken by the
  // store's writer (bot/DialogStep.hpp).
  void dialogStep(bool takenAhead);

  std::string render() const;  // text/plain; version=0.0.4

  static constexpr std::array<double, 11> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,   0.1,   0.25,   1.0,   5.0};

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> counts{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::string, std::uint64_t> messagesIn_;
  std::map<std::pair<std::string, std::string>, std::uint64_t> messagesOut_;
  std::map<std::string, std::uint64_t> errors_;
  std::map<std::string, std::uint64_t> duplicates_;
  std::map<std::string, Histogram> requests_;
  // Counted on the writer for every message: atomics, not the mutex.
  std::atomic<std::uint64_t> stepsAhead_{0};
  std::atomic<std::uint64_t> stepsByWriter_{0};
};

}  // namespace civicdesk::bot
