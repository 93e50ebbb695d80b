#include "channels/email/ReplayGuard.hpp"

namespace civicdesk::channels::email {

ReplayGuard::ReplayGuard(std::int64_t windowSeconds, std::size_t maxTokens)
    : windowSeconds_(windowSeconds), maxTokens_(maxTokens == 0 ? 1 : maxTokens) {}

void ReplayGuard::evict(std::int64_t now) {
  // A token whose timestamp is older than the window would be refused as stale: forget it.
  while (!byTimestamp_.empty() && byTimestamp_.begin()->first < now - windowSeconds_) {
    tokens_.erase(byTimestamp_.begin()->second);
    byTimestamp_.erase(byTimestamp_.begin());
  }
}

bool ReplayGuard::firstUse(std::string_view token, std::int64_t timestamp, std::int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  evict(now);
  std::string key(token);
  if (tokens_.count(key) > 0) return false;
  while (byTimestamp_.size() >= maxTokens_) {  // the cap: forget the oldest first
    tokens_.erase(byTimestamp_.begin()->second);
    byTimestamp_.erase(byTimestamp_.begin());
  }
  tokens_.insert(key);
  byTimestamp_.emplace(timestamp, std::move(key));
  return true;
}

std::size_t ReplayGuard::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return tokens_.size();
}

}  // namespace civicdesk::channels::email
