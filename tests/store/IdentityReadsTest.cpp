// The identity read log (RULES.md §1 Art. 14): reads are recorded, listed per case, and can
// be neither changed nor removed.
#include "store/IdentityReads.hpp"

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <string>

#include "store/Staff.hpp"
#include "tests/store/StoreTestSupport.hpp"

namespace civicdesk::store::test {
namespace {

class IdentityReadsTest : public StoreFixture {
 protected:
  std::int64_t addCase(const std::string& no) {
    SQLite::Statement insert(
        store().db(),
        "INSERT INTO cases(case_no, status, citizen_id, channel, respondent_unit_id, "
        "  receiving_unit_id, form_json, received_at) "
        "VALUES (?, 'registered', ?, 'wechat', 'edu', 'gov-office', '{}', 0) RETURNING id");
    insert.bind(1, no);
    insert.bind(2, citizenId_);
    insert.executeStep();
    const std::int64_t id = insert.getColumn(0).getInt64();
    insert.reset();
    return id;
  }

  std::int64_t addStaff() {
    StaffMember m;
    m.name = "王五";
    m.role = "handler";
    m.unitId = "gov-office";
    m.tokenHash = "hash-of-token";
    return Staff(store()).add(m, kNow);
  }

  static IdentityRead read(std::optional<std::int64_t> staffId, const std::string& actor,
                           std::int64_t caseId, std::int64_t at) {
    IdentityRead r;
    r.staffId = staffId;
    r.actor = actor;
    r.caseId = caseId;
    r.purpose = "联系投诉人补充材料";
    r.at = at;
    return r;
  }

  std::int64_t citizenId_ = citizen();
};

TEST_F(IdentityReadsTest, AppendAndListPerCaseInOrder) {
  const std::int64_t caseA = addCase("TS-2026-000001");
  const std::int64_t caseB = addCase("TS-2026-000002");
  const std::int64_t staffId = addStaff();
  IdentityReads reads(store());
  const std::int64_t first =
      reads.append(read(staffId, "staff:" + std::to_string(staffId), caseA, kNow));
  const std::int64_t system = reads.append(read(std::nullopt, "system", caseA, kNow));
  reads.append(read(staffId, "staff:1", caseB, kNow + 1));
  reopen();

  IdentityReads reopened(store());
  EXPECT_EQ(reopened.count(), 3);
  const auto forA = reopened.forCase(caseA);
  ASSERT_EQ(forA.size(), 2u);
  EXPECT_EQ(forA[0].id, first);
  EXPECT_EQ(forA[0].staffId, std::optional<std::int64_t>(staffId));
  EXPECT_EQ(forA[0].actor, "staff:" + std::to_string(staffId));
  EXPECT_EQ(forA[0].caseId, caseA);
  EXPECT_EQ(forA[0].purpose, "联系投诉人补充材料");
  EXPECT_EQ(forA[0].at, kNow);
  EXPECT_EQ(forA[1].id, system);
  EXPECT_FALSE(forA[1].staffId);
  EXPECT_EQ(reopened.forCase(caseB).size(), 1u);
  EXPECT_TRUE(reopened.forCase(4242).empty());
}

TEST_F(IdentityReadsTest, UpdateAndDeleteRaise) {
  const std::int64_t caseId = addCase("TS-2026-000001");
  IdentityReads reads(store());
  reads.append(read(std::nullopt, "system", caseId, kNow));

  try {
    store().db().exec("UPDATE identity_reads SET purpose = 'nothing to see'");
    ADD_FAILURE() << "UPDATE was allowed";
  } catch (const SQLite::Exception& e) {
    EXPECT_NE(std::string(e.what()).find("append-only"), std::string::npos) << e.what();
  }
  try {
    store().db().exec("DELETE FROM identity_reads");
    ADD_FAILURE() << "DELETE was allowed";
  } catch (const SQLite::Exception& e) {
    EXPECT_NE(std::string(e.what()).find("append-only"), std::string::npos) << e.what();
  }
  EXPECT_EQ(reads.count(), 1);
  EXPECT_EQ(reads.forCase(caseId)[0].purpose, "联系投诉人补充材料");
}

TEST_F(IdentityReadsTest, UnknownCaseOrStaffAndEmptyFieldsAreRefused) {
  const std::int64_t caseId = addCase("TS-2026-000001");
  IdentityReads reads(store());
  EXPECT_THROW(reads.append(read(std::nullopt, "system", 4242, kNow)), SQLite::Exception);
  EXPECT_THROW(reads.append(read(4242, "staff:4242", caseId, kNow)), SQLite::Exception);
  EXPECT_THROW(reads.append(read(std::nullopt, "", caseId, kNow)), SQLite::Exception);
  IdentityRead noPurpose = read(std::nullopt, "system", caseId, kNow);
  noPurpose.purpose.clear();
  EXPECT_THROW(reads.append(noPurpose), SQLite::Exception);
  EXPECT_EQ(reads.count(), 0);
}

TEST_F(IdentityReadsTest, ARolledBackReadLeavesNoRecord) {
  const std::int64_t caseId = addCase("TS-2026-000001");
  {
    Transaction tx(store());
    IdentityReads(store()).append(read(std::nullopt, "system", caseId, kNow));
  }
  EXPECT_EQ(IdentityReads(store()).count(), 0);
}

}  // namespace
}  // namespace civicdesk::store::test
