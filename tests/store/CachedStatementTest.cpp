// The prepared-statement cache: reuse, nesting, and that an idle statement holds nothing open.
#include "store/CachedStatement.hpp"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include "store/Store.hpp"
#include "tests/store/StoreTestSupport.hpp"

namespace civicdesk::store::test {
namespace {

using CachedStatementTest = StoreFixture;

constexpr const char* kCountCitizens = "SELECT COUNT(*) FROM citizens";

std::int64_t countCitizens(Store& store) {
  CachedStatement count(store, kCountCitizens);
  count.executeStep();
  return count.getColumn(0).getInt64();
}

TEST_F(CachedStatementTest, TheSameTextIsPreparedOnceAndGivesFreshResultsEachTime) {
  const auto before = store().statements().prepared();
  EXPECT_EQ(countCitizens(store()), 0);
  citizen("oA");
  EXPECT_EQ(countCitizens(store()), 1);
  citizen("oB");
  EXPECT_EQ(countCitizens(store()), 2);
  // citizen() prepares its own statements once too; the count was prepared exactly once.
  const auto afterFirstRound = store().statements().prepared();
  EXPECT_GT(afterFirstRound, before);
  citizen("oC");
  EXPECT_EQ(countCitizens(store()), 3);
  EXPECT_EQ(store().statements().prepared(), afterFirstRound);
}

TEST_F(CachedStatementTest, BindingsDoNotLeakIntoTheNextUse) {
  citizen("oA");
  const char* sql = "SELECT COUNT(*) FROM citizens WHERE id = ?";
  {
    CachedStatement byId(store(), sql);
    byId.bind(1, static_cast<std::int64_t>(1));
    ASSERT_TRUE(byId.executeStep());
    EXPECT_EQ(byId.getColumn(0).getInt64(), 1);
  }
  CachedStatement unbound(store(), sql);
  ASSERT_TRUE(unbound.executeStep());
  EXPECT_EQ(unbound.getColumn(0).getInt64(), 0);  // id = NULL matches nothing
}

TEST_F(CachedStatementTest, ASecondUseWhileTheFirstIsSteppingGetsItsOwnCopy) {
  citizen("oA");
  citizen("oB");
  const char* sql = "SELECT id FROM citizens ORDER BY id";
  CachedStatement outer(store(), sql);
  int pairs = 0;
  while (outer.executeStep()) {
    CachedStatement inner(store(), sql);  // would restart the outer loop if shared
    while (inner.executeStep()) ++pairs;
  }
  EXPECT_EQ(pairs, 4);
  EXPECT_GE(store().statements().idle(), 1u);
}

TEST_F(CachedStatementTest, AHalfReadQueryHandedBackHoldsNoSnapshotOpen) {
  citizen("oA");
  citizen("oB");
  {
    CachedStatement ids(store(), "SELECT id FROM citizens ORDER BY id");
    ASSERT_TRUE(ids.executeStep());  // one row read, one left: a read transaction is open
  }
  // Another connection writes; an open snapshot on ours would hide the new row.
  {
    SQLite::Database other(path(), SQLite::OPEN_READWRITE);
    other.exec("INSERT INTO citizens(created_at) VALUES (1)");
  }
  EXPECT_EQ(countCitizens(store()), 3);
  EXPECT_FALSE(store().inTransaction());
}

TEST_F(CachedStatementTest, BadSqlThrowsAndCachesNothing) {
  const auto idle = store().statements().idle();
  EXPECT_THROW(CachedStatement(store(), "SELECT nonsense FROM nowhere"), SQLite::Exception);
  EXPECT_EQ(store().statements().idle(), idle);
}

}  // namespace
}  // namespace civicdesk::store::test
