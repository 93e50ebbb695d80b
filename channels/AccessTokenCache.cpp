#include "channels/AccessTokenCache.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace civicdesk::channels {

AccessTokenCache::AccessTokenCache(Fetch fetch, std::function<Clock::time_point()> now)
    : fetch_(std::move(fetch)), now_(std::move(now)) {
  if (!fetch_) throw std::invalid_argument("AccessTokenCache needs a fetch function");
  if (!now_) throw std::invalid_argument("AccessTokenCache needs a clock");
}

Expected<std::string, SendError> AccessTokenCache::get() {
  std::lock_guard<std::mutex> lock(mutex_);
  const Clock::time_point now = now_();
  if (cached_ && now < cached_->refreshAt) return cached_->token;
  Expected<Fetched, SendError> fetched = fetch_();
  if (!fetched) return unexpected(fetched.error());
  // Counted from before the request: errs towards refreshing early.
  cached_ = Cached{fetched->token, now + fetched->lifetime};
  return fetched->token;
}

void AccessTokenCache::forget(const std::string& token) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (cached_ && cached_->token == token) cached_.reset();
}

std::chrono::seconds AccessTokenCache::lifetimeFor(std::chrono::seconds expiresIn,
                                                   std::chrono::seconds margin) {
  expiresIn = std::max(expiresIn, std::chrono::seconds::zero());
  return expiresIn > 2 * margin ? expiresIn - margin : expiresIn / 2;
}

}  // namespace civicdesk::channels
