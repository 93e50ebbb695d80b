#pragma once
// Remembers the signed values (a Mailgun token; WeChat's timestamp and nonce) of accepted
// requests for as long as their timestamps are fresh, so a captured request cannot be posted
// again (PROTOCOLS.md §4.1, §6 item 13). Once a timestamp is stale the signature check refuses
// the request anyway, so the value can go: memory is bounded by the traffic of one window.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string_view>
#include <unordered_map>

namespace civicdesk::channels {

class ReplayGuard {
 public:
  // `windowSeconds`: how long a timestamp stays acceptable (the signature check's skew).
  // `maxTokens`: a hard cap; when reached, the oldest tokens are forgotten first. Only
  // requests signed with our key are recorded, so only the platform itself could fill it.
  explicit ReplayGuard(std::int64_t windowSeconds = 300, std::size_t maxTokens = 100000);
  ReplayGuard(const ReplayGuard&) = delete;
  ReplayGuard& operator=(const ReplayGuard&) = delete;

  // True, and the token remembered, when `token` was not seen within the window; false for a
  // replay. `timestamp` is the request's (already verified) timestamp, `now` our clock.
  //
  // `fingerprint` (what the signature does not cover, e.g. a plaintext WeChat body; only a
  // digest of it is kept): when given, a token seen before with the same fingerprint is accepted
  // again. That is the platform's own retry of the same request, which the message id deduplicates;
  // the same token with another fingerprint is a forgery. Without a fingerprint every token
  // is single-use. Thread-safe.
  bool firstUse(std::string_view token, std::int64_t timestamp, std::int64_t now,
                std::string_view fingerprint = {});

  std::size_t size() const;  // tokens remembered now (for tests and metrics)

 private:
  struct Remembered {
    std::int64_t timestamp;
    std::uint64_t token;
  };
  void forgetOldest();           // with mutex_ held
  void evict(std::int64_t now);  // forgets the expired tokens; with mutex_ held

  const std::int64_t windowSeconds_;
  const std::size_t maxTokens_;
  mutable std::mutex mutex_;
  // Tokens and fingerprints are kept as 64-bit SHA-1 prefixes, about 60 bytes a token: a
  // window of WeChat traffic at the cap is ~6 MB. A prefix collision between two tokens only
  // refuses a request; forging a body with a captured body's prefix takes ~2^64 tries.
  std::unordered_map<std::uint64_t, std::uint64_t> tokens_;  // token → fingerprint (0 = none)
  // In arrival order: what to forget first. Timestamps arrive nearly in order; one that came
  // out of order is only kept a little longer than it needs to be.
  std::deque<Remembered> arrivals_;
};

}  // namespace civicdesk::channels
