// Complaint cases: numbers per Shanghai year, atomic registration, the form read back whole.
#include "store/Cases.hpp"

#include <SQLiteCpp/Exception.h>
#include <gtest/gtest.h>

#include "tests/store/StoreTestSupport.hpp"

namespace civicdesk::store::test {
namespace {

using workflows::CaseStatus;
using workflows::ComplaintCase;
using workflows::ComplaintGround;

class CasesTest : public StoreFixture {
 protected:
  ComplaintCase complaint(std::int64_t receivedAt) {
    ComplaintCase c;
    c.form.respondentUnitId = "edu";
    c.form.respondentDetail = "办公室";
    c.form.ground = ComplaintGround::NotUpdating;
    c.form.facts = "区教育局网站的招生信息三年没有更新。";
    c.form.evidence = {{"text", "2023年的招生简章仍挂在首页", ""},
                       {"image", "MEDIA_ID_123", "https://example.invalid/media/123"}};
    c.form.complainant = {"张三", "青溪区幸福路1号", "13800138000", "zhang@example.com", false};
    c.form.admissibility.respondentIsPilotUnit = true;
    c.form.admissibility.reportedElsewhere = false;
    c.receivingUnitId = "gov-office";
    c.status = CaseStatus::Registered;
    c.citizenId = citizenId_;
    c.channel = "wechat";
    c.receivedAt = receivedAt;
    return c;
  }

  ComplaintCase registerCommitted(std::int64_t receivedAt) {
    Transaction tx(store());
    ComplaintCase c = Cases(store()).registerComplaint(complaint(receivedAt));
    tx.commit();
    return c;
  }

  std::int64_t citizenId_ = citizen();
};

TEST(ShanghaiTime, TestHelperIsRight) {
  // Checked with `date -u`: 2026-12-31 15:30 UTC and 16:10 UTC.
  EXPECT_EQ(shanghaiTime(2026, 12, 31, 23, 30), 1798731000);
  EXPECT_EQ(shanghaiTime(2027, 1, 1, 0, 10), 1798733400);
}

TEST_F(CasesTest, NumbersAreSequentialWithinAYear) {
  const ComplaintCase first = registerCommitted(shanghaiTime(2026, 3, 1, 10, 0));
  const ComplaintCase second = registerCommitted(shanghaiTime(2026, 3, 2, 9, 0));
  EXPECT_EQ(first.caseNo, "TS-2026-000001");
  EXPECT_EQ(second.caseNo, "TS-2026-000002");
  EXPECT_GT(first.id, 0);
  EXPECT_NE(second.id, first.id);
}

TEST_F(CasesTest, TheYearIsShanghaisNotUtcs) {
  registerCommitted(shanghaiTime(2026, 3, 1, 10, 0));
  // 23:30 on New Year's Eve in Shanghai is still 2026.
  EXPECT_EQ(registerCommitted(shanghaiTime(2026, 12, 31, 23, 30)).caseNo, "TS-2026-000002");
  // 00:10 on 1 January in Shanghai is 2027, though it is still 2026 in UTC: a new sequence.
  EXPECT_EQ(registerCommitted(shanghaiTime(2027, 1, 1, 0, 10)).caseNo, "TS-2027-000001");
  EXPECT_EQ(registerCommitted(shanghaiTime(2027, 1, 2, 8, 0)).caseNo, "TS-2027-000002");
}

TEST_F(CasesTest, SequenceSurvivesReopen) {
  registerCommitted(kNow);
  reopen();
  EXPECT_EQ(registerCommitted(kNow).caseNo, "TS-2026-000002");
}

TEST_F(CasesTest, RegistrationNeedsATransaction) {
  EXPECT_THROW(Cases(store()).registerComplaint(complaint(kNow)), std::logic_error);
  EXPECT_EQ(Cases(store()).count(), 0);
}

TEST_F(CasesTest, RolledBackRegistrationLeavesNoCase) {
  std::string caseNo;
  {
    Transaction tx(store());
    caseNo = Cases(store()).registerComplaint(complaint(kNow)).caseNo;
  }
  EXPECT_EQ(Cases(store()).count(), 0);
  EXPECT_FALSE(Cases(store()).byNumber(caseNo));
  // The number went back with the rest: nothing was half-written.
  EXPECT_EQ(registerCommitted(kNow).caseNo, "TS-2026-000001");
}

TEST_F(CasesTest, FailedInsertLeavesNoCaseAndNoCounter) {
  ComplaintCase bad = complaint(kNow);
  bad.citizenId = 999;  // no such citizen: the insert fails after the number was taken
  {
    Transaction tx(store());
    EXPECT_THROW(Cases(store()).registerComplaint(bad), SQLite::Exception);
  }
  EXPECT_EQ(Cases(store()).count(), 0);
  EXPECT_EQ(store().db().execAndGet("SELECT COUNT(*) FROM case_counters").getInt(), 0);
}

TEST_F(CasesTest, ByNumberReadsBackTheWholeCase) {
  const ComplaintCase stored = registerCommitted(kNow);
  reopen();
  const auto loaded = Cases(store()).byNumber(stored.caseNo);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->id, stored.id);
  EXPECT_EQ(loaded->caseNo, "TS-2026-000001");
  EXPECT_EQ(loaded->receivingUnitId, "gov-office");
  EXPECT_EQ(loaded->status, CaseStatus::Registered);
  EXPECT_EQ(loaded->citizenId, citizenId_);
  EXPECT_EQ(loaded->channel, "wechat");
  EXPECT_EQ(loaded->receivedAt, kNow);

  const auto& form = loaded->form;
  EXPECT_EQ(form.respondentUnitId, "edu");
  EXPECT_EQ(form.respondentDetail, "办公室");
  EXPECT_EQ(form.ground, ComplaintGround::NotUpdating);
  EXPECT_EQ(form.facts, "区教育局网站的招生信息三年没有更新。");
  ASSERT_EQ(form.evidence.size(), 2u);
  EXPECT_EQ(form.evidence[0].kind, "text");
  EXPECT_EQ(form.evidence[0].content, "2023年的招生简章仍挂在首页");
  EXPECT_EQ(form.evidence[1].kind, "image");
  EXPECT_EQ(form.evidence[1].content, "MEDIA_ID_123");
  EXPECT_EQ(form.evidence[1].url, "https://example.invalid/media/123");
  EXPECT_EQ(form.complainant.name, "张三");
  EXPECT_EQ(form.complainant.address, "青溪区幸福路1号");
  EXPECT_EQ(form.complainant.phone, "13800138000");
  EXPECT_EQ(form.complainant.email, "zhang@example.com");
  EXPECT_FALSE(form.complainant.wantsReply);
  EXPECT_EQ(form.admissibility.respondentIsPilotUnit, std::optional<bool>(true));
  EXPECT_EQ(form.admissibility.reportedElsewhere, std::optional<bool>(false));
  EXPECT_FALSE(form.admissibility.concernsDisclosure.has_value());
}

TEST_F(CasesTest, ReceivedStatusRoundTrips) {
  ComplaintCase c = complaint(kNow);
  c.status = CaseStatus::Received;
  Transaction tx(store());
  const std::string caseNo = Cases(store()).registerComplaint(c).caseNo;
  tx.commit();
  EXPECT_EQ(Cases(store()).byNumber(caseNo)->status, CaseStatus::Received);
}

TEST_F(CasesTest, UnknownNumberIsNullopt) {
  EXPECT_FALSE(Cases(store()).byNumber("TS-2026-000001"));
}

TEST_F(CasesTest, ByCitizenListsTheirCasesInOrderOfReceipt) {
  const std::int64_t other = citizen("oOther");
  registerCommitted(kNow + 100);
  ComplaintCase theirs = complaint(kNow + 50);
  theirs.citizenId = other;
  {
    Transaction tx(store());
    Cases(store()).registerComplaint(theirs);
    tx.commit();
  }
  registerCommitted(kNow);

  const auto mine = Cases(store()).byCitizen(citizenId_);
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].receivedAt, kNow);
  EXPECT_EQ(mine[0].caseNo, "TS-2026-000003");
  EXPECT_EQ(mine[1].caseNo, "TS-2026-000001");
  EXPECT_EQ(Cases(store()).byCitizen(other).size(), 1u);
  EXPECT_TRUE(Cases(store()).byCitizen(424242).empty());
  EXPECT_EQ(Cases(store()).count(), 3);
}

}  // namespace
}  // namespace civicdesk::store::test
