// Investigation tasks: the round trip, answering once, and a unit's open tasks by due date.
#include "store/InvestigationTasks.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/store/StoreTestSupport.hpp"

namespace civicdesk::store::test {
namespace {

std::vector<std::int64_t> ids(const std::vector<InvestigationTaskRecord>& tasks) {
  std::vector<std::int64_t> out;
  for (const auto& t : tasks) out.push_back(t.id);
  return out;
}

class InvestigationTasksTest : public StoreFixture {
 protected:
  // A minimal complaint row: these tests are about tasks, not about case registration.
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

  static InvestigationTaskRecord task(std::int64_t caseId, const std::string& unit,
                                      std::int64_t dueAt) {
    InvestigationTaskRecord t;
    t.caseId = caseId;
    t.unitId = unit;
    t.request = "请说明网站招生信息未更新的原因。";
    t.dueAt = dueAt;
    return t;
  }

  std::int64_t citizenId_ = citizen();
};

TEST_F(InvestigationTasksTest, AddAndGetRoundTrip) {
  const std::int64_t caseId = addCase("TS-2026-000001");
  InvestigationTaskRecord t = task(caseId, "edu", kNow + 5 * kDay);
  t.status = "answered";  // ignored: a new task is open
  t.answer = "ignored";
  t.answeredAt = kNow;
  const std::int64_t id = InvestigationTasks(store()).add(t, kNow);
  reopen();

  const auto stored = InvestigationTasks(store()).get(id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->id, id);
  EXPECT_EQ(stored->caseId, caseId);
  EXPECT_EQ(stored->unitId, "edu");
  EXPECT_EQ(stored->request, "请说明网站招生信息未更新的原因。");
  EXPECT_EQ(stored->dueAt, kNow + 5 * kDay);
  EXPECT_EQ(stored->status, "open");
  EXPECT_EQ(stored->answer, "");
  EXPECT_EQ(stored->createdAt, kNow);
  EXPECT_FALSE(stored->answeredAt);
  EXPECT_FALSE(InvestigationTasks(store()).get(4242));
}

TEST_F(InvestigationTasksTest, UnknownCaseIsRefused) {
  EXPECT_THROW(InvestigationTasks(store()).add(task(4242, "edu", kNow), kNow), SQLite::Exception);
}

TEST_F(InvestigationTasksTest, AnswerOnlyOnce) {
  const std::int64_t caseId = addCase("TS-2026-000001");
  InvestigationTasks tasks(store());
  const std::int64_t id = tasks.add(task(caseId, "edu", kNow + kDay), kNow);

  EXPECT_TRUE(tasks.answer(id, "已于3月2日更新。", kNow + 3600));
  EXPECT_FALSE(tasks.answer(id, "第二次回答", kNow + 7200));  // the first answer stands
  EXPECT_FALSE(tasks.answer(4242, "unknown", kNow));

  const auto answered = tasks.get(id);
  ASSERT_TRUE(answered);
  EXPECT_EQ(answered->status, "answered");
  EXPECT_EQ(answered->answer, "已于3月2日更新。");
  EXPECT_EQ(answered->answeredAt, std::optional<std::int64_t>(kNow + 3600));
}

TEST_F(InvestigationTasksTest, CancelledTaskCannotBeAnswered) {
  const std::int64_t caseId = addCase("TS-2026-000001");
  InvestigationTasks tasks(store());
  const std::int64_t id = tasks.add(task(caseId, "edu", kNow + kDay), kNow);
  SQLite::Statement cancel(store().db(),
                           "UPDATE investigation_tasks SET status = 'cancelled' WHERE id = ?");
  cancel.bind(1, id);
  cancel.exec();
  EXPECT_FALSE(tasks.answer(id, "too late", kNow));
  EXPECT_EQ(tasks.get(id)->status, "cancelled");
  EXPECT_FALSE(tasks.get(id)->answeredAt);
}

TEST_F(InvestigationTasksTest, TheTableKeepsAnsweredAtAndAnswerConsistent) {
  const std::int64_t caseId = addCase("TS-2026-000001");
  const std::int64_t id = InvestigationTasks(store()).add(task(caseId, "edu", kNow), kNow);
  SQLite::Statement noTime(store().db(),
                           "UPDATE investigation_tasks SET status = 'answered', answer = 'x' "
                           "WHERE id = ?");
  noTime.bind(1, id);
  EXPECT_THROW(noTime.exec(), SQLite::Exception);
  SQLite::Statement badStatus(store().db(),
                              "UPDATE investigation_tasks SET status = 'done' WHERE id = ?");
  badStatus.bind(1, id);
  EXPECT_THROW(badStatus.exec(), SQLite::Exception);
}

TEST_F(InvestigationTasksTest, OpenForUnitIsEarliestDueFirstAndOnlyOpenOnes) {
  const std::int64_t caseA = addCase("TS-2026-000001");
  const std::int64_t caseB = addCase("TS-2026-000002");
  InvestigationTasks tasks(store());
  const std::int64_t late = tasks.add(task(caseA, "edu", kNow + 9 * kDay), kNow);
  const std::int64_t soon = tasks.add(task(caseB, "edu", kNow + 2 * kDay), kNow);
  const std::int64_t middle = tasks.add(task(caseA, "edu", kNow + 5 * kDay), kNow);
  const std::int64_t answered = tasks.add(task(caseB, "edu", kNow + 1 * kDay), kNow);
  const std::int64_t otherUnit = tasks.add(task(caseA, "health", kNow + 1 * kDay), kNow);
  ASSERT_TRUE(tasks.answer(answered, "done", kNow));

  EXPECT_EQ(ids(tasks.openForUnit("edu")), (std::vector<std::int64_t>{soon, middle, late}));
  EXPECT_EQ(ids(tasks.openForUnit("health")), (std::vector<std::int64_t>{otherUnit}));
  EXPECT_TRUE(tasks.openForUnit("nobody").empty());
  EXPECT_EQ(ids(tasks.forCase(caseA)), (std::vector<std::int64_t>{late, middle, otherUnit}));
  EXPECT_EQ(ids(tasks.forCase(caseB)), (std::vector<std::int64_t>{soon, answered}));
}

TEST_F(InvestigationTasksTest, OpenForUnitUsesTheIndexWithoutASort) {
  std::string plan;
  SQLite::Statement explain(store().db(),
                            "EXPLAIN QUERY PLAN SELECT * FROM investigation_tasks "
                            "WHERE unit_id = ? AND status = 'open' ORDER BY due_at, id");
  while (explain.executeStep()) plan += explain.getColumn(3).getString() + "\n";
  EXPECT_NE(plan.find("investigation_tasks_by_unit (unit_id=? AND status=?)"), std::string::npos)
      << plan;
  EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;
}

}  // namespace
}  // namespace civicdesk::store::test
