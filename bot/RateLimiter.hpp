#pragma once
// Per-sender rate limiting: a flood from one sender (a script, a stuck client, a prankster
// pasting the same message) must not slow down everyone else. Each sender ("wechat:openid",
// "sms:+86138...") has a token bucket: `burst` messages at once, then `perMinute` more per
// minute. A message over the limit is refused before it is stored (HTTP 429), so it costs the
// store nothing and was never acknowledged; the platform may deliver it again later.
//
// The limits are far above what a person types or dictates (default: 20 at once, 30 a
// minute), so a citizen who sends several short messages quickly is never refused.
//
// Memory is bounded: a bucket that has refilled completely is the same as no bucket, so those
// are swept when the table reaches `maxSenders`; if every tracked sender is still limited,
// the oldest is dropped (it gets a fresh bucket, which errs on the side of serving).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace civicdesk::bot {

class RateLimiter {
 public:
  struct Limits {
    double burst = 20;      // messages accepted at once from a quiet sender
    double perMinute = 30;  // sustained rate
    std::size_t maxSenders = 100000;
  };
  using Clock = std::chrono::steady_clock;

  struct Decision {
    bool allowed = true;
    std::chrono::seconds retryAfter{0};  // when refused: until one message is allowed again
  };

  explicit RateLimiter(Limits limits);

  // Takes one token from `sender`'s bucket at time `now`.
  Decision admit(const std::string& sender, Clock::time_point now);
  Decision admit(const std::string& sender) { return admit(sender, Clock::now()); }

  std::size_t trackedSenders() const;
  const Limits& limits() const { return limits_; }

 private:
  struct Bucket {
    double tokens;
    Clock::time_point updated;
  };
  double refilled(const Bucket& bucket, Clock::time_point now) const;
  void makeRoom(Clock::time_point now);

  Limits limits_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace civicdesk::bot
