#pragma once
#include <string>
#include <vector>

namespace civicdesk::store {

// One schema step, from store/migrations/NNNN_name.sql (embedded at build time).
struct Migration {
  int version;
  std::string name;
  std::string sql;
};

const std::vector<Migration>& embeddedMigrations();

}  // namespace civicdesk::store
