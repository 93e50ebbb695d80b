#include "bot/RecentConversations.hpp"

#include <utility>

namespace civicdesk::bot {

RecentConversations::RecentConversations(std::size_t generationSize)
    : generationSize_(generationSize == 0 ? 1 : generationSize) {}

std::shared_ptr<const RememberedConversation> RecentConversations::find(
    const std::string& key) const {
  std::lock_guard lock(mutex_);
  if (auto it = current_.find(key); it != current_.end()) return it->second;
  if (auto it = previous_.find(key); it != previous_.end()) return it->second;
  return nullptr;
}

void RecentConversations::remember(const std::string& key, std::int64_t version,
                                   dialogs::DialogSnapshot snapshot) {
  auto entry = std::make_shared<const RememberedConversation>(
      RememberedConversation{version, std::move(snapshot)});
  // What this replaces or drops is freed after the lock is released (declared first, destroyed
  // last): a snapshot is a tree of JSON values, a generation up to `generationSize_` of them,
  // and the event loop's find() must not wait for that.
  std::shared_ptr<const RememberedConversation> replaced;
  Generation dropped;
  std::lock_guard lock(mutex_);
  if (auto it = current_.find(key); it != current_.end()) {
    if (it->second->version <= version) replaced = std::exchange(it->second, std::move(entry));
    return;
  }
  if (auto it = previous_.find(key); it != previous_.end() && it->second->version > version) {
    return;
  }
  if (current_.size() >= generationSize_) {
    dropped = std::exchange(previous_, std::move(current_));
    current_ = Generation{};
  }
  current_.emplace(key, std::move(entry));
}

std::size_t RecentConversations::size() const {
  std::lock_guard lock(mutex_);
  return current_.size() + previous_.size();
}

}  // namespace civicdesk::bot
