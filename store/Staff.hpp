#pragma once
// Staff members who use the staff API, found by the hash of their token. The store never sees a
// token, only its hash (the bot hashes with SHA-256 before asking).
//
// Writes never open a transaction of their own: call them inside the caller's Transaction, the
// one that records the event about the change. Each is one statement, so atomic by itself.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/Store.hpp"

namespace civicdesk::store {

struct StaffMember {
  std::int64_t id = 0;
  std::string name;
  // handler, unit_head, leader, receiving_department, leading_group_office, admin (the
  // table's CHECK refuses anything else).
  std::string role;
  std::string unitId;
  std::string tokenHash;  // SHA-256 of the token, as the bot encodes it; never the token
  std::int64_t createdAt = 0;
  bool disabled = false;
};

class Staff {
 public:
  explicit Staff(Store& store) : store_(store) {}
  // Inserts an enabled member created at `now` and returns the id (id, createdAt and disabled
  // of `member` are ignored). Throws SQLite::Exception for a hash already in use, an unknown
  // role, an empty name or hash.
  std::int64_t add(const StaffMember& member, std::int64_t now);
  // The enabled member with this token hash; a disabled member is not returned (their token
  // no longer opens anything).
  std::optional<StaffMember> byTokenHash(const std::string& hash);
  // The member with this id, disabled or not (records naming them must still resolve).
  std::optional<StaffMember> get(std::int64_t id);
  // Every member, disabled included, by id.
  std::vector<StaffMember> all();
  // Disables a member; returns whether anything changed (false for an unknown id or a member
  // already disabled). There is no enabling again: issue a new token as a new member.
  bool disable(std::int64_t id);

 private:
  Store& store_;
};

}  // namespace civicdesk::store
