// Staff members: found by token hash while enabled, never after being disabled; the table
// refuses a second member with the same hash and a role it does not know.
#include "store/Staff.hpp"

#include <SQLiteCpp/Exception.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/store/StoreTestSupport.hpp"

namespace civicdesk::store::test {
namespace {

// SHA-256 of "token-1" and "token-2" in hex, as the bot would pass them.
const std::string kHash1 = "a1c5d4e2b3f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
const std::string kHash2 = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

StaffMember member(const std::string& hash, const std::string& role = "handler") {
  StaffMember m;
  m.name = "李四";
  m.role = role;
  m.unitId = "edu";
  m.tokenHash = hash;
  return m;
}

using StaffTest = StoreFixture;

TEST_F(StaffTest, AddThenFindByTokenHash) {
  Staff staff(store());
  StaffMember m = member(kHash1, "unit_head");
  m.disabled = true;    // ignored: a new member is enabled
  m.createdAt = 12345;  // ignored: created at `now`
  const std::int64_t id = staff.add(m, kNow);
  EXPECT_GT(id, 0);
  reopen();

  const auto found = Staff(store()).byTokenHash(kHash1);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->name, "李四");
  EXPECT_EQ(found->role, "unit_head");
  EXPECT_EQ(found->unitId, "edu");
  EXPECT_EQ(found->tokenHash, kHash1);
  EXPECT_EQ(found->createdAt, kNow);
  EXPECT_FALSE(found->disabled);
  EXPECT_FALSE(Staff(store()).byTokenHash(kHash2));
  EXPECT_FALSE(Staff(store()).byTokenHash(""));
}

TEST_F(StaffTest, DisabledMemberIsNotFoundByTokenHashButStillByGet) {
  Staff staff(store());
  const std::int64_t id = staff.add(member(kHash1), kNow);
  const std::int64_t other = staff.add(member(kHash2), kNow);
  EXPECT_TRUE(staff.disable(id));
  EXPECT_FALSE(staff.disable(id));    // already disabled
  EXPECT_FALSE(staff.disable(4242));  // unknown
  reopen();

  Staff reopened(store());
  EXPECT_FALSE(reopened.byTokenHash(kHash1));
  EXPECT_TRUE(reopened.byTokenHash(kHash2));
  const auto disabled = reopened.get(id);
  ASSERT_TRUE(disabled);
  EXPECT_TRUE(disabled->disabled);
  EXPECT_FALSE(reopened.get(4242));

  const std::vector<StaffMember> all = reopened.all();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, id);
  EXPECT_TRUE(all[0].disabled);
  EXPECT_EQ(all[1].id, other);
  EXPECT_FALSE(all[1].disabled);
}

TEST_F(StaffTest, DuplicateTokenHashIsRefused) {
  Staff staff(store());
  staff.add(member(kHash1), kNow);
  EXPECT_THROW(staff.add(member(kHash1, "admin"), kNow), SQLite::Exception);
  // Even when the first holder is disabled: a hash names one member forever.
  staff.disable(staff.byTokenHash(kHash1)->id);
  EXPECT_THROW(staff.add(member(kHash1), kNow), SQLite::Exception);
  EXPECT_EQ(staff.all().size(), 1u);
}

TEST_F(StaffTest, EveryKnownRoleIsAcceptedAndABadRoleIsRefusedByTheCheck) {
  Staff staff(store());
  int n = 0;
  for (const char* role : {"handler", "unit_head", "leader", "receiving_department",
                           "leading_group_office", "admin"}) {
    EXPECT_NO_THROW(staff.add(member("hash-" + std::to_string(++n), role), kNow)) << role;
  }
  for (const char* role : {"superuser", "", "Handler"}) {
    try {
      staff.add(member("hash-bad", role), kNow);
      ADD_FAILURE() << "role '" << role << "' was accepted";
    } catch (const SQLite::Exception& e) {
      EXPECT_NE(std::string(e.what()).find("CHECK constraint failed"), std::string::npos)
          << e.what();
    }
  }
  EXPECT_EQ(staff.all().size(), 6u);
}

TEST_F(StaffTest, EmptyNameOrHashIsRefused) {
  Staff staff(store());
  StaffMember noName = member(kHash1);
  noName.name.clear();
  EXPECT_THROW(staff.add(noName, kNow), SQLite::Exception);
  EXPECT_THROW(staff.add(member(""), kNow), SQLite::Exception);
  EXPECT_TRUE(staff.all().empty());
}

TEST_F(StaffTest, AddInsideARolledBackTransactionLeavesNoMember) {
  {
    Transaction tx(store());
    Staff(store()).add(member(kHash1), kNow);
  }
  EXPECT_FALSE(Staff(store()).byTokenHash(kHash1));
}

}  // namespace
}  // namespace civicdesk::store::test
