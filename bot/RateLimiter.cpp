#include "bot/RateLimiter.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace civicdesk::bot {

RateLimiter::RateLimiter(Limits limits) : limits_(limits) {
  if (!(limits_.burst >= 1) || !(limits_.perMinute > 0) || limits_.maxSenders == 0) {
    throw std::invalid_argument(
        "rate limit: burst must be at least 1, the rate per minute above 0, and at least one "
        "sender tracked");
  }
}

double RateLimiter::refilled(const Bucket& bucket, Clock::time_point now) const {
  const double minutes = std::chrono::duration<double, std::ratio<60>>(
                             std::max(now - bucket.updated, Clock::duration::zero()))
                             .count();
  return std::min(limits_.burst, bucket.tokens + minutes * limits_.perMinute);
}

void RateLimiter::makeRoom(Clock::time_point now) {
  // Full buckets carry no information: forget them.
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    if (refilled(it->second, now) >= limits_.burst) {
      it = buckets_.erase(it);
    } else {
      ++it;
    }
  }
  if (buckets_.size() < limits_.maxSenders) return;
  // Everyone tracked is still being limited (a flood of distinct senders): drop the stalest.
  auto oldest = std::min_element(
      buckets_.begin(), buckets_.end(),
      [](const auto& a, const auto& b) { return a.second.updated < b.second.updated; });
  buckets_.erase(oldest);
}

RateLimiter::Decision RateLimiter::admit(const std::string& sender, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto found = buckets_.find(sender);
  if (found == buckets_.end()) {
    if (buckets_.size() >= limits_.maxSenders) makeRoom(now);
    buckets_.emplace(sender, Bucket{limits_.burst - 1, now});
    return {};
  }
  Bucket& bucket = found->second;
  bucket.tokens = refilled(bucket, now);
  bucket.updated = std::max(bucket.updated, now);
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return {};
  }
  const double secondsToOne = (1 - bucket.tokens) * 60.0 / limits_.perMinute;
  return {false, std::chrono::seconds(static_cast<std::int64_t>(std::ceil(secondsToOne)))};
}

std::size_t RateLimiter::trackedSenders() const {
  std::lock_guard lock(mutex_);
  return buckets_.size();
}

}  // namespace civicdesk::bot
