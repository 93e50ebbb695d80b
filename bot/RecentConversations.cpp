#include "bot/RecentConversations.hpp"

#include <utility>

namespace civicdesk::bot {

RecentConversations::RecentConversations(std::size_t generationSize)
    : generationSize_(generationSize == 0 ? 1 : generationSize) {}

std::shared_ptr<const store::ConversationRecord> RecentConversations::find(
    const std::string& key) const {
  std::lock_guard lock(mutex_);
  if (auto it = current_.find(key); it != current_.end()) return it->second;
  if (auto it = previous_.find(key); it != previous_.end()) return it->second;
  return nullptr;
}

void RecentConversations::remember(store::ConversationRecord record) {
  auto entry = std::make_shared<const store::ConversationRecord>(std::move(record));
  std::lock_guard lock(mutex_);
  if (auto it = current_.find(entry->key); it != current_.end()) {
    if (it->second->version <= entry->version) it->second = std::move(entry);
    return;
  }
  if (auto it = previous_.find(entry->key);
      it != previous_.end() && it->second->version > entry->version) {
    return;
  }
  if (current_.size() >= generationSize_) {
    previous_ = std::move(current_);
    current_ = Generation{};
  }
  current_.emplace(entry->key, std::move(entry));
}

std::size_t RecentConversations::size() const {
  std::lock_guard lock(mutex_);
  return current_.size() + previous_.size();
}

}  // namespace civicdesk::bot
