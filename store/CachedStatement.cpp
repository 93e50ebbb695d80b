#include "store/CachedStatement.hpp"

#include <utility>

#include "store/Store.hpp"

namespace civicdesk::store {

SQLite::Statement StatementCache::take(const std::string& sql) {
  {
    std::lock_guard lock(mutex_);
    auto found = idle_.find(sql);
    if (found != idle_.end() && !found->second.empty()) {
      SQLite::Statement statement = std::move(found->second.back());
      found->second.pop_back();
      return statement;
    }
    ++prepared_;
  }
  // Prepared outside the lock: a syntax error throws here, before anything is cached.
  return SQLite::Statement(db_, sql);
}

void StatementCache::giveBack(SQLite::Statement&& statement) {
  std::lock_guard lock(mutex_);
  auto& copies = idle_[statement.getQuery()];
  if (copies.size() < kCopiesPerText) copies.push_back(std::move(statement));
}

std::size_t StatementCache::idle() const {
  std::lock_guard lock(mutex_);
  std::size_t count = 0;
  for (const auto& [sql, copies] : idle_) count += copies.size();
  return count;
}

std::size_t StatementCache::prepared() const {
  std::lock_guard lock(mutex_);
  return prepared_;
}

CachedStatement::CachedStatement(Store& store, const std::string& sql)
    : SQLite::Statement(store.statements().take(sql)), cache_(store.statements()) {}

CachedStatement::~CachedStatement() {
  try {
    // reset ends a half-read SELECT, so an idle statement holds no read snapshot open.
    reset();
    clearBindings();
    cache_.giveBack(std::move(static_cast<SQLite::Statement&>(*this)));
  } catch (...) {
    // A statement that cannot be reset is not worth keeping; the base destructor finalizes it.
  }
}

}  // namespace civicdesk::store
