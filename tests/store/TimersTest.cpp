// Durable timers: idempotent scheduling, due order, and the exactly-once timer loop (a batch
// commits with its effects or not at all), across failures, crashes and downtime.
#include "store/Timers.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/Deadlines.hpp"
#include "store/Outbox.hpp"
#include "tests/store/StoreTestSupport.hpp"

namespace civicdesk::store::test {
namespace {

class TimersTest : public StoreFixture {
 protected:
  static TimerRecord timer(const std::string& key, std::int64_t dueAt,
                           std::optional<std::int64_t> deadlineId = std::nullopt) {
    TimerRecord t;
    t.kind = "reminder.staff";
    t.deadlineId = deadlineId;
    t.dueAt = dueAt;
    t.idempotencyKey = key;
    t.payloadJson = R"({"unit":"edu"})";
    return t;
  }

  std::int64_t schedule(const std::string& key, std::int64_t dueAt) {
    return Timers(store()).schedule(timer(key, dueAt), kNow);
  }

  // The effect the real loop has: one staff notice through the outbox, keyed by the timer.
  static void notifyStaff(Store& store, const TimerRecord& t, std::int64_t now) {
    OutboxItem item;
    item.channel = "wecom";
    item.recipient = "staff:edu";
    item.text = "投诉处理期限将至";
    item.idempotencyKey = "timer:" + std::to_string(t.id);
    Outbox(store).enqueue(item, now);
  }

  std::int64_t outboxRows() {
    return store().db().execAndGet("SELECT COUNT(*) FROM outbox").getInt64();
  }
};

TEST_F(TimersTest, ScheduleIsIdempotentByKey) {
  Timers timers(store());
  const std::int64_t id = timers.schedule(timer("deadline:1:remind-3d", kNow + kDay), kNow);
  // A retried workflow step, even with other values, finds the timer it scheduled before.
  EXPECT_EQ(timers.schedule(timer("deadline:1:remind-3d", kNow + 9 * kDay), kNow + 5), id);
  EXPECT_NE(timers.schedule(timer("deadline:1:remind-1d", kNow + kDay), kNow), id);
  EXPECT_EQ(timers.countByStatus("pending"), 2);

  const auto stored = timers.get(id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->dueAt, kNow + kDay);  // the first schedule wins
  EXPECT_EQ(stored->kind, "reminder.staff");
  EXPECT_EQ(stored->status, "pending");
  EXPECT_EQ(stored->payloadJson, R"({"unit":"edu"})");
  EXPECT_FALSE(stored->deadlineId);
  EXPECT_FALSE(stored->firedAt);
}

TEST_F(TimersTest, ScheduleRefusesAnEmptyKeyAndBadPayload) {
  Timers timers(store());
  EXPECT_THROW(timers.schedule(timer("", kNow), kNow), std::invalid_argument);
  TimerRecord bad = timer("bad-json", kNow);
  bad.payloadJson = "{not json";
  EXPECT_ANY_THROW(timers.schedule(bad, kNow));
  EXPECT_ANY_THROW(timers.schedule(timer("no-such-deadline", kNow, 999), kNow));
  EXPECT_EQ(timers.countByStatus("pending"), 0);
}

TEST_F(TimersTest, DueReturnsOnlyDuePendingTimersInOrder) {
  const std::int64_t later = schedule("later", kNow - 10);
  const std::int64_t earlier = schedule("earlier", kNow - 20);
  const std::int64_t sameTime = schedule("same-time", kNow - 10);  // after `later` by id
  const std::int64_t exactlyNow = schedule("now", kNow);
  schedule("future", kNow + 1);
  const std::int64_t fired = schedule("fired", kNow - 30);
  Timers timers(store());
  ASSERT_TRUE(timers.markFired(fired, kNow));

  std::vector<std::int64_t> ids;
  for (const auto& t : timers.due(kNow, 10)) ids.push_back(t.id);
  EXPECT_EQ(ids, (std::vector<std::int64_t>{earlier, later, sameTime, exactlyNow}));
  ASSERT_EQ(timers.due(kNow, 2).size(), 2u);
  EXPECT_EQ(timers.due(kNow, 2)[1].id, later);
  EXPECT_TRUE(timers.due(kNow, 0).empty());
  EXPECT_TRUE(timers.due(kNow - 21, 10).empty());
}

TEST_F(TimersTest, MarkFiredOnlyFromPending) {
  Timers timers(store());
  const std::int64_t id = schedule("a", kNow);
  EXPECT_TRUE(timers.markFired(id, kNow + 7));
  EXPECT_FALSE(timers.markFired(id, kNow + 8));
  EXPECT_FALSE(timers.markFired(12345, kNow));
  const auto stored = timers.get(id);
  EXPECT_EQ(stored->status, "fired");
  EXPECT_EQ(stored->firedAt, kNow + 7);
}

TEST_F(TimersTest, NextDueAtIsTheEarliestPending) {
  Timers timers(store());
  EXPECT_FALSE(timers.nextDueAt());
  const std::int64_t first = schedule("a", kNow + 50);
  schedule("b", kNow + 100);
  EXPECT_EQ(timers.nextDueAt(), kNow + 50);
  timers.markFired(first, kNow + 50);
  EXPECT_EQ(timers.nextDueAt(), kNow + 100);
}

TEST_F(TimersTest, RunDueFiresEachOnceAndNotAgain) {
  const std::int64_t a = schedule("a", kNow - 5);
  const std::int64_t b = schedule("b", kNow);
  const std::int64_t notYet = schedule("c", kNow + 1);

  std::vector<std::int64_t> seen;
  auto record = [&](const TimerRecord& t) {
    EXPECT_EQ(t.status, "fired");
    EXPECT_EQ(t.firedAt, kNow);
    seen.push_back(t.id);
  };
  EXPECT_EQ(runDue(store(), kNow, 100, record), 2);
  EXPECT_EQ(seen, (std::vector<std::int64_t>{a, b}));
  EXPECT_EQ(runDue(store(), kNow, 100, record), 0);  // the next pass, same moment
  EXPECT_EQ(seen.size(), 2u);

  Timers timers(store());
  EXPECT_EQ(timers.get(a)->status, "fired");
  EXPECT_EQ(timers.get(a)->firedAt, kNow);
  EXPECT_EQ(timers.get(notYet)->status, "pending");
  EXPECT_EQ(timers.nextDueAt(), kNow + 1);
}

TEST_F(TimersTest, RunDueTakesAtMostLimitEarliestFirst) {
  const std::int64_t second = schedule("second", kNow - 2);
  const std::int64_t first = schedule("first", kNow - 3);
  const std::int64_t third = schedule("third", kNow - 1);
  std::vector<std::int64_t> seen;
  auto record = [&](const TimerRecord& t) { seen.push_back(t.id); };
  EXPECT_EQ(runDue(store(), kNow, 2, record), 2);
  EXPECT_EQ(runDue(store(), kNow, 2, record), 1);
  EXPECT_EQ(seen, (std::vector<std::int64_t>{first, second, third}));
}

TEST_F(TimersTest, RunDueRefusesToRunInsideATransaction) {
  schedule("a", kNow);
  {
    Transaction tx(store());
    EXPECT_THROW(runDue(store(), kNow, 10, [](const TimerRecord&) {}), std::logic_error);
  }
  EXPECT_EQ(Timers(store()).countByStatus("pending"), 1);
}

TEST_F(TimersTest, ThrowingEffectRollsBackTheWholeBatch) {
  const std::int64_t good = schedule("good", kNow - 2);
  const std::int64_t bad = schedule("bad", kNow - 1);
  auto failOnBad = [&](const TimerRecord& t) {
    notifyStaff(store(), t, kNow);
    if (t.id == bad) throw std::runtime_error("template missing");
  };
  EXPECT_THROW(runDue(store(), kNow, 10, failOnBad), std::runtime_error);

  // Nothing of the batch is kept: not the first timer's outbox row, not its 'fired'.
  Timers timers(store());
  EXPECT_EQ(timers.get(good)->status, "pending");
  EXPECT_EQ(timers.get(bad)->status, "pending");
  EXPECT_EQ(outboxRows(), 0);
  EXPECT_FALSE(store().inTransaction());

  // Fixed (the template is back): the next pass fires both, once.
  int calls = 0;
  auto notify = [&](const TimerRecord& t) {
    ++calls;
    notifyStaff(store(), t, kNow + 60);
  };
  EXPECT_EQ(runDue(store(), kNow + 60, 10, notify), 2);
  EXPECT_EQ(runDue(store(), kNow + 60, 10, notify), 0);
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(outboxRows(), 2);
  EXPECT_EQ(timers.countByStatus("fired"), 2);
}

// A simulated crash: the loop written out by hand, and the Store destroyed while its
// transaction is still open (no COMMIT, no ROLLBACK of ours): what a restart finds on disk.
TEST_F(TimersTest, UncommittedBatchLeavesTimerPendingThenFiresOnceAfterReopen) {
  const std::int64_t id = schedule("a", kNow - 1);
  store().db().exec("BEGIN IMMEDIATE");
  {
    Timers timers(store());
    for (const auto& t : timers.due(kNow, 10)) {
      ASSERT_TRUE(timers.markFired(t.id, kNow));
      notifyStaff(store(), t, kNow);
    }
  }
  EXPECT_EQ(outboxRows(), 1);  // visible inside the transaction only
  reopen();
  EXPECT_EQ(Timers(store()).get(id)->status, "pending");
  EXPECT_EQ(outboxRows(), 0);

  const auto notify = [&](const TimerRecord& t) { notifyStaff(store(), t, kNow + 5); };
  EXPECT_EQ(runDue(store(), kNow + 5, 10, notify), 1);
  EXPECT_EQ(runDue(store(), kNow + 5, 10, notify), 0);
  reopen();
  EXPECT_EQ(Timers(store()).get(id)->status, "fired");
  EXPECT_EQ(outboxRows(), 1);
  EXPECT_EQ(Outbox(store()).countByStatus("pending"), 1);
  EXPECT_EQ(store().db().execAndGet("SELECT idempotency_key FROM outbox").getString(),
            "timer:" + std::to_string(id));
}

// A real crash: the process dies inside runDue, after the effect wrote its outbox row and
// before COMMIT, with no destructor or ROLLBACK running. The child opens its own Store; ours
// is closed first, because an SQLite connection must not be carried across fork(). "fast"
// (plain fork) so the child works on this test's file, not on a fresh fixture's.
TEST_F(TimersTest, ProcessDyingMidBatchLosesNothingAndDuplicatesNothing) {
  GTEST_FLAG_SET(death_test_style, "fast");
  const std::int64_t id = schedule("a", kNow - 1);
  close();
  EXPECT_EXIT(
      {
        Store child(path());
        runDue(child, kNow, 10, [&](const TimerRecord& t) {
          notifyStaff(child, t, kNow);
          std::_Exit(42);
        });
      },
      ::testing::ExitedWithCode(42), "");
  reopen();
  EXPECT_EQ(Timers(store()).get(id)->status, "pending");
  EXPECT_EQ(outboxRows(), 0);

  const auto notify = [&](const TimerRecord& t) { notifyStaff(store(), t, kNow + 30); };
  EXPECT_EQ(runDue(store(), kNow + 30, 10, notify), 1);
  EXPECT_EQ(runDue(store(), kNow + 30, 10, notify), 0);
  EXPECT_EQ(outboxRows(), 1);
}

TEST_F(TimersTest, TimersDueWhileTheServiceWasDownAllFireOnceInDueOrder) {
  // Scheduled on day 0; the service is down until day 3.
  const std::int64_t day2 = schedule("day2", kNow + 2 * kDay);
  const std::int64_t hour1 = schedule("hour1", kNow + kHour);
  const std::int64_t day1 = schedule("day1", kNow + kDay);
  const std::int64_t day2Twin = schedule("day2-twin", kNow + 2 * kDay);
  const std::int64_t day5 = schedule("day5", kNow + 5 * kDay);

  const std::int64_t restart = kNow + 3 * kDay;
  std::vector<std::int64_t> seen;
  auto notify = [&](const TimerRecord& t) {
    seen.push_back(t.id);
    notifyStaff(store(), t, restart);
  };
  EXPECT_EQ(runDue(store(), restart, 100, notify), 4);
  EXPECT_EQ(seen, (std::vector<std::int64_t>{hour1, day1, day2, day2Twin}));
  EXPECT_EQ(runDue(store(), restart + 1, 100, notify), 0);
  EXPECT_EQ(outboxRows(), 4);
  EXPECT_EQ(Timers(store()).get(day5)->status, "pending");
  EXPECT_EQ(Timers(store()).nextDueAt(), kNow + 5 * kDay);
}

TEST_F(TimersTest, CancelForDeadlineCancelsOnlyItsPendingTimers) {
  DeadlineRecord d;
  d.ruleId = "complaint.conclusion";
  d.dueAt = kNow + 10 * kDay;
  Deadlines deadlines(store());
  const std::int64_t mine = deadlines.insert(d, kNow);
  const std::int64_t other = deadlines.insert(d, kNow);

  Timers timers(store());
  const std::int64_t fired = timers.schedule(timer("mine:early", kNow - 1, mine), kNow);
  const std::int64_t pending = timers.schedule(timer("mine:late", kNow + kDay, mine), kNow);
  const std::int64_t others = timers.schedule(timer("other", kNow + kDay, other), kNow);
  ASSERT_TRUE(timers.markFired(fired, kNow));

  EXPECT_EQ(timers.cancelForDeadline(mine), 1);
  EXPECT_EQ(timers.get(fired)->status, "fired");
  EXPECT_EQ(timers.get(pending)->status, "cancelled");
  EXPECT_EQ(timers.get(others)->status, "pending");
  EXPECT_FALSE(timers.markFired(pending, kNow + kDay));
  EXPECT_EQ(timers.cancelForDeadline(mine), 0);
}

TEST_F(TimersTest, TimerCancelledByAnEarlierEffectOfTheBatchDoesNotRun) {
  DeadlineRecord d;
  d.ruleId = "complaint.conclusion";
  d.dueAt = kNow;
  const std::int64_t deadline = Deadlines(store()).insert(d, kNow - 30 * kDay);
  Timers timers(store());
  const std::int64_t escalation = timers.schedule(timer("esc", kNow - 2, deadline), kNow);
  const std::int64_t reminder = timers.schedule(timer("rem", kNow - 1, deadline), kNow);

  std::vector<std::int64_t> seen;
  // The first effect learns the reply went out and settles the deadline.
  auto effect = [&](const TimerRecord& t) {
    seen.push_back(t.id);
    Deadlines(store()).markMet(deadline, kNow);
  };
  EXPECT_EQ(runDue(store(), kNow, 10, effect), 1);
  EXPECT_EQ(seen, (std::vector<std::int64_t>{escalation}));
  EXPECT_EQ(timers.get(reminder)->status, "cancelled");
}

TEST_F(TimersTest, RecomputedDeadlineIsReArmedUnderANewKey) {
  DeadlineRecord d;
  d.ruleId = "complaint.conclusion";
  d.dueAt = kNow + 10 * kDay;
  Deadlines deadlines(store());
  const std::int64_t id = deadlines.insert(d, kNow);
  Timers timers(store());
  const auto key = [&](std::int64_t dueAt) {
    return "deadline:" + std::to_string(id) + ":due=" + std::to_string(dueAt) + ":remind-3d";
  };
  const std::int64_t old = timers.schedule(timer(key(d.dueAt), d.dueAt - 3 * kDay, id), kNow);

  // Extended by 5 days: the caller cancels the old reminder and schedules the new one.
  const std::int64_t extended = d.dueAt + 5 * kDay;
  {
    Transaction tx(store());
    deadlines.update(id, extended, false, R"({"extended":true})", kNow + kDay);
    timers.cancelForDeadline(id);
    const std::int64_t rearmed =
        timers.schedule(timer(key(extended), extended - 3 * kDay, id), kNow + kDay);
    EXPECT_NE(rearmed, old);
    tx.commit();
  }
  EXPECT_EQ(timers.get(old)->status, "cancelled");
  EXPECT_EQ(timers.nextDueAt(), extended - 3 * kDay);
  // The old key still names the old, cancelled timer: reusing it re-arms nothing.
  EXPECT_EQ(timers.schedule(timer(key(d.dueAt), extended - 3 * kDay, id), kNow + kDay), old);
  EXPECT_EQ(timers.get(old)->status, "cancelled");
}

}  // namespace
}  // namespace civicdesk::store::test
