#include "channels/ReplayGuard.hpp"

#include <cstring>

#include "channels/Signature.hpp"

namespace civicdesk::channels {

namespace {

// The first 8 bytes of the SHA-1 of `text`, never 0 (0 marks "no fingerprint").
std::uint64_t digest64(std::string_view text) {
  const std::string digest = sha1(text);
  std::uint64_t value = 0;
  std::memcpy(&value, digest.data(), sizeof value);
  return value == 0 ? 1 : value;
}

}  // namespace

ReplayGuard::ReplayGuard(std::int64_t windowSeconds, std::size_t maxTokens)
    : windowSeconds_(windowSeconds), maxTokens_(maxTokens == 0 ? 1 : maxTokens) {}

void ReplayGuard::forgetOldest() {
  tokens_.erase(arrivals_.front().token);
  arrivals_.pop_front();
}

void ReplayGuard::evict(std::int64_t now) {
  // A token whose timestamp is older than the window would be refused as stale: forget it.
  while (!arrivals_.empty() && arrivals_.front().timestamp < now - windowSeconds_) {
    forgetOldest();
  }
}

bool ReplayGuard::firstUse(std::string_view token, std::int64_t timestamp, std::int64_t now,
                           std::string_view fingerprint) {
  const std::uint64_t key = digest64(token);
  const std::uint64_t print = fingerprint.empty() ? 0 : digest64(fingerprint);
  std::lock_guard<std::mutex> lock(mutex_);
  evict(now);
  if (auto seen = tokens_.find(key); seen != tokens_.end()) {
    return print != 0 && seen->second == print;
  }
  while (arrivals_.size() >= maxTokens_) forgetOldest();  // the cap: oldest first
  tokens_.emplace(key, print);
  arrivals_.push_back({timestamp, key});
  return true;
}

std::size_t ReplayGuard::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return tokens_.size();
}

}  // namespace civicdesk::channels
