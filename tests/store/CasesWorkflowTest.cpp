// The complaint workflow's side of Cases: the 0002 -> 0003 upgrade, status and workflow state
// round trips, parent links, and the case lists of a unit and of everyone.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <typeinfo>
#include <vector>

#include "store/Cases.hpp"
#include "store/Migrations.hpp"
#include "tests/store/StoreTestSupport.hpp"
#include "workflows/complaints/CaseStatus.hpp"

namespace civicdesk::store::test {
namespace {

using workflows::CaseStatus;
using workflows::ComplaintCase;
using workflows::ComplaintGround;

// Statuses by their stored names, so these tests do not depend on the enumerator spellings.
CaseStatus status(const char* name) {
  const auto parsed = workflows::caseStatusFromString(name);
  if (!parsed) throw std::logic_error(std::string("no CaseStatus named ") + name);
  return *parsed;
}

// std::out_of_range and std::invalid_argument are std::logic_errors too: EXPECT_THROW with
// std::logic_error would accept them. This accepts a plain std::logic_error only.
template <typename F>
void expectPlainLogicError(F&& f) {
  try {
    f();
    ADD_FAILURE() << "nothing thrown";
  } catch (const std::logic_error& e) {
    EXPECT_EQ(typeid(e), typeid(std::logic_error)) << e.what();
  }
}

std::vector<std::string> numbers(const std::vector<ComplaintCase>& cases) {
  std::vector<std::string> out;
  for (const auto& c : cases) out.push_back(c.caseNo);
  return out;
}

class CasesWorkflowTest : public StoreFixture {
 protected:
  ComplaintCase complaint(std::int64_t receivedAt, const std::string& receiving = "gov-office",
                          const std::string& respondent = "edu") {
    ComplaintCase c;
    c.form.respondentUnitId = respondent;
    c.form.ground = ComplaintGround::NotUpdating;
    c.form.facts = "区教育局网站的招生信息三年没有更新。";
    c.form.complainant = {"张三", "青溪区幸福路1号", "13800138000", "", true};
    c.receivingUnitId = receiving;
    c.status = CaseStatus::Received;
    c.citizenId = citizenId_;
    c.channel = "wechat";
    c.receivedAt = receivedAt;
    return c;
  }

  ComplaintCase add(std::int64_t receivedAt, const std::string& receiving = "gov-office",
                    const std::string& respondent = "edu") {
    Transaction tx(store());
    ComplaintCase c =
        Cases(store()).registerComplaint(complaint(receivedAt, receiving, respondent));
    tx.commit();
    return c;
  }

  void update(std::int64_t id, CaseStatus s, const std::string& json, std::int64_t now) {
    Transaction tx(store());
    Cases(store()).update(id, s, json, now);
    tx.commit();
  }

  void link(std::int64_t child, std::int64_t parent) {
    Transaction tx(store());
    Cases(store()).linkParent(child, parent);
    tx.commit();
  }

  std::int64_t column(const char* name, std::int64_t id) {
    SQLite::Statement query(store().db(),
                            std::string("SELECT ") + name + " FROM cases WHERE id = ?");
    query.bind(1, id);
    query.executeStep();
    return query.isColumnNull(0) ? -1 : query.getColumn(0).getInt64();
  }

  std::int64_t citizenId_ = citizen();
};

// A database written by a binary that knew only 0001 and 0002, with a case in it, opens with
// 0003 applied: the case is intact and has the new columns' defaults.
TEST(CasesMigration, UpgradesA0002DatabaseKeepingCasesWithDefaults) {
  civicdesk::testing::TempDir dir;
  const std::string path = dir.file("old.db");
  const auto& migrations = embeddedMigrations();
  ASSERT_GE(migrations.size(), 3u);
  ASSERT_EQ(migrations[1].name, "0002_timers_and_deadlines");
  {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec("PRAGMA journal_mode=WAL");
    raw.exec("PRAGMA foreign_keys=ON");
    raw.exec(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at INTEGER NOT NULL) STRICT");
    raw.exec(migrations[0].sql);
    raw.exec(migrations[1].sql);
    raw.exec(
        "INSERT INTO schema_migrations VALUES (1, '0001_initial', 0), "
        "(2, '0002_timers_and_deadlines', 0)");
    raw.exec("INSERT INTO citizens(id, created_at) VALUES (7, 0)");
    raw.exec(
        "INSERT INTO cases(id, case_no, status, citizen_id, channel, respondent_unit_id, "
        "  receiving_unit_id, form_json, received_at, registered_at) "
        "VALUES (5, 'TS-2025-000042', 'registered', 7, 'wechat', 'edu', 'gov-office', "
        "  '{\"respondentUnitId\":\"edu\",\"facts\":\"旧案\"}', 100, 100)");
    raw.exec(
        "INSERT INTO deadlines(case_id, rule_id, due_at, provisional, body_json, created_at, "
        "  updated_at) VALUES (5, 'complaint.conclusion', 200, 0, '{}', 100, 100)");
    ASSERT_FALSE(raw.tableExists("staff_members"));
  }

  Store store(path);
  EXPECT_EQ(store.schemaVersion(), embeddedMigrations().back().version);
  EXPECT_EQ(
      store.db().execAndGet("SELECT name FROM schema_migrations WHERE version = 3").getString(),
      "0003_staff_and_case_workflow");
  EXPECT_TRUE(store.db().tableExists("staff_members"));
  EXPECT_TRUE(store.db().tableExists("investigation_tasks"));
  EXPECT_TRUE(store.db().tableExists("identity_reads"));

  Cases cases(store);
  const auto old = cases.byId(5);
  ASSERT_TRUE(old);
  EXPECT_EQ(old->caseNo, "TS-2025-000042");
  EXPECT_EQ(old->status, CaseStatus::Registered);
  EXPECT_EQ(old->form.facts, "旧案");
  EXPECT_EQ(old->receivedAt, 100);
  EXPECT_EQ(cases.workflowJson(5), "{}");
  EXPECT_FALSE(cases.parentOf(5));
  EXPECT_TRUE(store.db().execAndGet("SELECT updated_at FROM cases WHERE id = 5").isNull());
  EXPECT_EQ(store.db().execAndGet("SELECT COUNT(*) FROM deadlines WHERE case_id = 5").getInt(), 1);
  // The old case takes part in the new workflow.
  {
    Transaction tx(store);
    cases.update(5, CaseStatus::Registered, R"({"step":"migrated"})", 300);
    tx.commit();
  }
  EXPECT_EQ(cases.workflowJson(5), R"({"step":"migrated"})");
  EXPECT_EQ(cases.forUnit("edu", false).size(), 1u);
}

TEST_F(CasesWorkflowTest, NewCaseHasEmptyWorkflowStateAndNoParent) {
  const ComplaintCase c = add(kNow);
  EXPECT_EQ(Cases(store()).workflowJson(c.id), "{}");
  EXPECT_FALSE(Cases(store()).parentOf(c.id));
  EXPECT_EQ(column("updated_at", c.id), -1);
}

TEST_F(CasesWorkflowTest, UpdateAndByIdRoundTripIncludingWorkflowJson) {
  const ComplaintCase c = add(kNow);
  const std::string json =
      R"({"accepted":{"by":"staff:3","at":1772330500},"note":"需补充材料","tasks":[1,2]})";
  update(c.id, CaseStatus::Registered, json, kNow + 60);
  reopen();

  Cases cases(store());
  const auto loaded = cases.byId(c.id);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->caseNo, c.caseNo);
  EXPECT_EQ(loaded->status, CaseStatus::Registered);
  EXPECT_EQ(loaded->receivingUnitId, "gov-office");
  EXPECT_EQ(loaded->form.respondentUnitId, "edu");
  EXPECT_EQ(loaded->form.complainant.name, "张三");
  EXPECT_EQ(nlohmann::json::parse(cases.workflowJson(c.id)), nlohmann::json::parse(json));
  EXPECT_EQ(column("updated_at", c.id), kNow + 60);
  // Registered for the first time by this update: its registration time is the update's.
  EXPECT_EQ(column("registered_at", c.id), kNow + 60);

  {
    Transaction tx(store());
    cases.update(c.id, CaseStatus::Registered, "{}", kNow + 120);
    tx.commit();
  }
  EXPECT_EQ(cases.workflowJson(c.id), "{}");
  EXPECT_EQ(column("updated_at", c.id), kNow + 120);
  EXPECT_EQ(column("registered_at", c.id), kNow + 60);  // the first registration stands
}

TEST_F(CasesWorkflowTest, LifecycleStatusesRoundTrip) {
  const ComplaintCase c = add(kNow);
  for (const char* name : {"accepted", "not_accepted", "investigating", "transferred", "concluded",
                           "feedback_sent", "archived", "received", "registered"}) {
    update(c.id, status(name), "{}", kNow);
    const auto loaded = Cases(store()).byId(c.id);
    ASSERT_TRUE(loaded) << name;
    EXPECT_EQ(loaded->status, status(name)) << name;
    EXPECT_EQ(store().db().execAndGet("SELECT status FROM cases").getString(), name);
  }
}

TEST_F(CasesWorkflowTest, ByIdOfUnknownCaseIsNullopt) {
  EXPECT_FALSE(Cases(store()).byId(42));
}

TEST_F(CasesWorkflowTest, UpdateOfUnknownCaseThrowsOutOfRange) {
  Transaction tx(store());
  EXPECT_THROW(Cases(store()).update(42, CaseStatus::Registered, "{}", kNow), std::out_of_range);
  EXPECT_THROW(Cases(store()).workflowJson(42), std::out_of_range);
}

TEST_F(CasesWorkflowTest, WritesNeedATransaction) {
  const ComplaintCase c = add(kNow);
  const ComplaintCase d = add(kNow);
  expectPlainLogicError([&] { Cases(store()).update(c.id, CaseStatus::Registered, "{}", kNow); });
  expectPlainLogicError([&] { Cases(store()).linkParent(d.id, c.id); });
  EXPECT_EQ(Cases(store()).byId(c.id)->status, CaseStatus::Received);
  EXPECT_FALSE(Cases(store()).parentOf(d.id));
}

TEST_F(CasesWorkflowTest, InvalidWorkflowJsonIsRefused) {
  const ComplaintCase c = add(kNow);
  update(c.id, CaseStatus::Received, R"({"kept":true})", kNow);
  for (const char* bad : {"not json", "{\"open\":", "", "[1,2]", "\"text\"", "42"}) {
    Transaction tx(store());
    EXPECT_THROW(Cases(store()).update(c.id, CaseStatus::Registered, bad, kNow + 1),
                 SQLite::Exception)
        << bad;
  }
  EXPECT_EQ(Cases(store()).workflowJson(c.id), R"({"kept":true})");
  EXPECT_EQ(Cases(store()).byId(c.id)->status, CaseStatus::Received);
}

TEST_F(CasesWorkflowTest, LinkParentAndParentOf) {
  const ComplaintCase parent = add(kNow);
  const ComplaintCase child = add(kNow + 1, "edu", "health");
  link(child.id, parent.id);
  reopen();
  EXPECT_EQ(Cases(store()).parentOf(child.id), std::optional<std::int64_t>(parent.id));
  EXPECT_FALSE(Cases(store()).parentOf(parent.id));
  EXPECT_FALSE(Cases(store()).parentOf(4242));
  link(child.id, parent.id);  // a retried step changes nothing
  EXPECT_EQ(Cases(store()).parentOf(child.id), std::optional<std::int64_t>(parent.id));
}

TEST_F(CasesWorkflowTest, LinkParentRefusesLoopsSecondParentsAndUnknownCases) {
  const ComplaintCase a = add(kNow);
  const ComplaintCase b = add(kNow);
  const ComplaintCase c = add(kNow);
  link(b.id, a.id);
  link(c.id, b.id);

  Transaction tx(store());
  Cases cases(store());
  EXPECT_THROW(cases.linkParent(a.id, a.id), std::invalid_argument);
  EXPECT_THROW(cases.linkParent(a.id, c.id), std::invalid_argument);  // a -> c -> b -> a
  expectPlainLogicError([&] { cases.linkParent(c.id, a.id); });       // c already has b
  EXPECT_THROW(cases.linkParent(4242, a.id), std::out_of_range);
  EXPECT_THROW(cases.linkParent(a.id, 4242), std::out_of_range);
  EXPECT_FALSE(cases.parentOf(a.id));
  EXPECT_EQ(cases.parentOf(c.id), std::optional<std::int64_t>(b.id));
  // The table refuses a self-link even from a hand-written query.
  EXPECT_THROW(store().db().exec("UPDATE cases SET parent_case_id = id"), SQLite::Exception);
}

TEST_F(CasesWorkflowTest, ForUnitFindsByReceivingAndByRespondentUnitNewestFirst) {
  const ComplaintCase received = add(kNow, "edu", "health");          // edu receives it
  const ComplaintCase against = add(kNow + 10, "gov-office", "edu");  // against edu
  add(kNow + 20, "gov-office", "health");                             // not edu's
  const ComplaintCase both = add(kNow + 5, "edu", "edu");

  EXPECT_EQ(numbers(Cases(store()).forUnit("edu", false)),
            (std::vector<std::string>{against.caseNo, both.caseNo, received.caseNo}));
  EXPECT_EQ(Cases(store()).forUnit("health", false).size(), 2u);
  EXPECT_EQ(Cases(store()).forUnit("gov-office", false).size(), 2u);
  EXPECT_TRUE(Cases(store()).forUnit("nobody", true).empty());
}

TEST_F(CasesWorkflowTest, ForUnitExcludesArchivedCasesUnlessAsked) {
  const ComplaintCase open = add(kNow, "edu", "health");
  const ComplaintCase archived = add(kNow + 10, "gov-office", "edu");
  const ComplaintCase concluded = add(kNow + 20, "edu", "edu");
  update(archived.id, status("archived"), "{}", kNow + 30);
  update(concluded.id, status("concluded"), "{}", kNow + 30);

  EXPECT_EQ(numbers(Cases(store()).forUnit("edu", false)),
            (std::vector<std::string>{concluded.caseNo, open.caseNo}));
  EXPECT_EQ(numbers(Cases(store()).forUnit("edu", true)),
            (std::vector<std::string>{concluded.caseNo, archived.caseNo, open.caseNo}));
}

TEST_F(CasesWorkflowTest, AllIsNewestFirstLimitedAndExcludesArchivedUnlessAsked) {
  const ComplaintCase first = add(kNow);
  const ComplaintCase second = add(kNow + 10);
  const ComplaintCase third = add(kNow + 20);
  update(second.id, status("archived"), "{}", kNow + 30);

  Cases cases(store());
  EXPECT_EQ(numbers(cases.all(false, 10)), (std::vector<std::string>{third.caseNo, first.caseNo}));
  EXPECT_EQ(numbers(cases.all(true, 10)),
            (std::vector<std::string>{third.caseNo, second.caseNo, first.caseNo}));
  EXPECT_EQ(numbers(cases.all(true, 2)), (std::vector<std::string>{third.caseNo, second.caseNo}));
  EXPECT_TRUE(cases.all(true, 0).empty());
  EXPECT_TRUE(cases.all(true, -1).empty());
}

TEST_F(CasesWorkflowTest, UnitListUsesTheUnitIndexes) {
  std::string plan;
  SQLite::Statement explain(
      store().db(),
      "EXPLAIN QUERY PLAN SELECT id FROM cases WHERE kind = 'complaint' "
      "AND (receiving_unit_id = ?1 OR respondent_unit_id = ?1) AND (?2 OR status <> ?3) "
      "ORDER BY received_at DESC, id DESC LIMIT ?4");
  while (explain.executeStep()) plan += explain.getColumn(3).getString() + "\n";
  EXPECT_NE(plan.find("cases_by_receiving_unit"), std::string::npos) << plan;
  EXPECT_NE(plan.find("cases_by_respondent_unit"), std::string::npos) << plan;
}

}  // namespace
}  // namespace civicdesk::store::test
