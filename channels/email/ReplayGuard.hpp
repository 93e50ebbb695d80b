#pragma once
// Remembers the Mailgun tokens of accepted requests for as long as their timestamps are fresh,
// so a captured request cannot be posted again (PROTOCOLS.md §4.1, §6 item 13). Once a
// timestamp is stale the signature check refuses the request anyway, so the token can go:
// memory is bounded by the traffic of one window.
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>

namespace civicdesk::channels::email {

class ReplayGuard {
 public:
  // `windowSeconds`: how long a timestamp stays acceptable (the signature check's skew).
  // `maxTokens`: a hard cap; when reached, the oldest tokens are forgotten first. Only
  // requests signed with our key are recorded, so only Mailgun itself could fill it.
  explicit ReplayGuard(std::int64_t windowSeconds = 300, std::size_t maxTokens = 100000);
  ReplayGuard(const ReplayGuard&) = delete;
  ReplayGuard& operator=(const ReplayGuard&) = delete;

  // True, and the token remembered, when `token` was not seen within the window; false for a
  // replay. `timestamp` is the request's (already verified) timestamp, `now` our clock.
  // Thread-safe.
  bool firstUse(std::string_view token, std::int64_t timestamp, std::int64_t now);

  std::size_t size() const;  // tokens remembered now (for tests and metrics)

 private:
  void evict(std::int64_t now);  // forgets the expired tokens; with mutex_ held

  const std::int64_t windowSeconds_;
  const std::size_t maxTokens_;
  mutable std::mutex mutex_;
  std::unordered_set<std::string> tokens_;
  std::multimap<std::int64_t, std::string> byTimestamp_;  // what to forget first
};

}  // namespace civicdesk::channels::email
