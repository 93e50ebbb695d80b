#include "store/Staff.hpp"

#include <SQLiteCpp/Statement.h>

#include "store/CachedStatement.hpp"
#include "store/SqlSupport.hpp"

namespace civicdesk::store {
namespace {

constexpr const char* kStaffColumns =
    "SELECT id, name, role, unit_id, token_hash, created_at, disabled FROM staff_members ";

StaffMember staffFromRow(const SQLite::Statement& row) {
  StaffMember m;
  m.id = row.getColumn(0).getInt64();
  m.name = row.getColumn(1).getString();
  m.role = row.getColumn(2).getString();
  m.unitId = row.getColumn(3).getString();
  m.tokenHash = row.getColumn(4).getString();
  m.createdAt = row.getColumn(5).getInt64();
  m.disabled = row.getColumn(6).getInt() != 0;
  return m;
}

}  // namespace

std::int64_t Staff::add(const StaffMember& member, std::int64_t now) {
  CachedStatement insert(store_,
                         "INSERT INTO staff_members(name, role, unit_id, token_hash, "
                         "  created_at, disabled) VALUES (?, ?, ?, ?, ?, 0)");
  insert.bind(1, member.name);
  insert.bind(2, member.role);
  insert.bind(3, member.unitId);
  insert.bind(4, member.tokenHash);
  insert.bind(5, now);
  return detail::insertForId(insert, store_.db()).value();
}

std::optional<StaffMember> Staff::byTokenHash(const std::string& hash) {
  CachedStatement query(store_,
                        std::string(kStaffColumns) + "WHERE token_hash = ? AND disabled = 0");
  query.bind(1, hash);
  if (!query.executeStep()) return std::nullopt;
  return staffFromRow(query);
}

std::optional<StaffMember> Staff::get(std::int64_t id) {
  CachedStatement query(store_, std::string(kStaffColumns) + "WHERE id = ?");
  query.bind(1, id);
  if (!query.executeStep()) return std::nullopt;
  return staffFromRow(query);
}

std::vector<StaffMember> Staff::all() {
  CachedStatement query(store_, std::string(kStaffColumns) + "ORDER BY id");
  return detail::readRows(query, staffFromRow);
}

bool Staff::disable(std::int64_t id) {
  CachedStatement update(store_,
                         "UPDATE staff_members SET disabled = 1 WHERE id = ? AND disabled = 0");
  update.bind(1, id);
  return update.exec() == 1;
}

}  // namespace civicdesk::store
