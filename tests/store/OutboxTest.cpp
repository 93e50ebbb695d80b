// Durable sends: idempotent enqueue, claim once, lease expiry after a crash, backoff, dead.
#include "store/Outbox.hpp"

#include <gtest/gtest.h>

#include "tests/store/StoreTestSupport.hpp"

namespace civicdesk::store::test {
namespace {

class OutboxTest : public StoreFixture {
 protected:
  OutboxItem item(const std::string& key, std::int64_t nextAttemptAt = 0) {
    OutboxItem i;
    i.channel = "wechat";
    i.recipient = "oCitizen1";
    i.text = "您的投诉已受理";
    i.idempotencyKey = key;
    i.citizenId = citizenId_;
    i.nextAttemptAt = nextAttemptAt;
    return i;
  }
  std::int64_t citizenId_ = citizen();
};

TEST_F(OutboxTest, EnqueueIsIdempotentByKey) {
  Outbox outbox(store());
  const std::int64_t id = outbox.enqueue(item("reply:1:0"), kNow);
  OutboxItem again = item("reply:1:0");
  again.text = "a different text";
  EXPECT_EQ(outbox.enqueue(again, kNow + 5), id);
  EXPECT_NE(outbox.enqueue(item("reply:1:1"), kNow), id);
  EXPECT_EQ(outbox.countByStatus("pending"), 2);

  const auto stored = outbox.get(id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->text, "您的投诉已受理");  // the first enqueue wins
  EXPECT_EQ(stored->status, "pending");
  EXPECT_EQ(stored->attempts, 0);
  EXPECT_EQ(stored->nextAttemptAt, kNow);
  EXPECT_EQ(stored->citizenId, citizenId_);
  EXPECT_FALSE(stored->caseId);
}

TEST_F(OutboxTest, EmptyKeyIsRefused) {
  EXPECT_THROW(Outbox(store()).enqueue(item(""), kNow), std::invalid_argument);
}

TEST_F(OutboxTest, ClaimDueClaimsOnce) {
  Outbox outbox(store());
  const std::int64_t a = outbox.enqueue(item("a"), kNow);
  const std::int64_t b = outbox.enqueue(item("b"), kNow);
  const auto claimed = outbox.claimDue(kNow, 10);
  ASSERT_EQ(claimed.size(), 2u);
  EXPECT_EQ(claimed[0].id, a);
  EXPECT_EQ(claimed[1].id, b);
  EXPECT_EQ(claimed[0].status, "sending");
  EXPECT_EQ(claimed[0].attempts, 1);
  EXPECT_EQ(claimed[0].text, "您的投诉已受理");
  EXPECT_TRUE(outbox.claimDue(kNow, 10).empty());  // a second sender at the same moment
  EXPECT_EQ(outbox.countByStatus("sending"), 2);
}

TEST_F(OutboxTest, ClaimDueTakesTheOldestFirstUpToTheLimit) {
  Outbox outbox(store());
  const std::int64_t later = outbox.enqueue(item("later", kNow + 20), kNow);
  const std::int64_t earlier = outbox.enqueue(item("earlier", kNow + 10), kNow);
  const std::int64_t future = outbox.enqueue(item("future", kNow + 1000), kNow);
  EXPECT_TRUE(outbox.claimDue(kNow, 10).empty());

  auto claimed = outbox.claimDue(kNow + 30, 1);
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].id, earlier);
  claimed = outbox.claimDue(kNow + 30, 10);
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].id, later);
  EXPECT_EQ(outbox.get(future)->status, "pending");
  EXPECT_TRUE(outbox.claimDue(kNow + 30, 0).empty());
}

TEST_F(OutboxTest, ClaimDueRefusesToRunInsideATransaction) {
  Transaction tx(store());
  EXPECT_THROW(Outbox(store()).claimDue(kNow, 10), std::logic_error);
}

TEST_F(OutboxTest, ExpiredLeaseIsClaimedAgainAfterACrash) {
  const std::int64_t id = Outbox(store()).enqueue(item("a"), kNow);
  ASSERT_EQ(Outbox(store()).claimDue(kNow, 10).size(), 1u);
  reopen();  // the sender died mid-send: the row stays 'sending' on disk

  Outbox outbox(store());  // default lease: 60 s
  EXPECT_EQ(outbox.get(id)->status, "sending");
  EXPECT_EQ(outbox.nextDueAt(), kNow + 60);
  EXPECT_TRUE(outbox.claimDue(kNow + 59, 10).empty());
  const auto reclaimed = outbox.claimDue(kNow + 60, 10);
  ASSERT_EQ(reclaimed.size(), 1u);
  EXPECT_EQ(reclaimed[0].id, id);
  EXPECT_EQ(reclaimed[0].attempts, 2);
  EXPECT_TRUE(outbox.claimDue(kNow + 60, 10).empty());
}

TEST_F(OutboxTest, LeaseExpiringOnTheLastAttemptBuriesTheRow) {
  Outbox outbox(store(), OutboxPolicy{.maxAttempts = 2});
  const std::int64_t id = outbox.enqueue(item("poison"), kNow);
  ASSERT_EQ(outbox.claimDue(kNow, 10).size(), 1u);
  ASSERT_EQ(outbox.claimDue(kNow + 60, 10).size(), 1u);  // crash 1, re-claimed: attempt 2
  EXPECT_TRUE(outbox.claimDue(kNow + 120, 10).empty());  // crash 2: no third try
  const auto row = outbox.get(id);
  EXPECT_EQ(row->status, "dead");
  EXPECT_NE(row->lastError.find("lease expired"), std::string::npos);
}

TEST_F(OutboxTest, FailuresBackOffExponentiallyThenDie) {
  Outbox outbox(store());  // 5 s, doubling, 8 attempts
  const std::int64_t id = outbox.enqueue(item("a"), kNow);
  std::int64_t now = kNow;
  for (std::int64_t expectedDelay : {5, 10, 20, 40, 80, 160, 320}) {
    ASSERT_EQ(outbox.claimDue(now, 10).size(), 1u) << "at delay " << expectedDelay;
    outbox.markFailed(id, "45015 timeout", true, now);
    const auto row = outbox.get(id);
    EXPECT_EQ(row->status, "pending");
    EXPECT_EQ(row->nextAttemptAt, now + expectedDelay);
    EXPECT_EQ(row->lastError, "45015 timeout");
    EXPECT_EQ(outbox.nextDueAt(), now + expectedDelay);
    EXPECT_TRUE(outbox.claimDue(now + expectedDelay - 1, 10).empty());
    now += expectedDelay;
  }
  ASSERT_EQ(outbox.claimDue(now, 10).size(), 1u);
  outbox.markFailed(id, "45015 timeout", true, now);  // the 8th attempt
  const auto row = outbox.get(id);
  EXPECT_EQ(row->status, "dead");
  EXPECT_EQ(row->attempts, 8);
  EXPECT_FALSE(outbox.nextDueAt());
  EXPECT_TRUE(outbox.claimDue(now + 100000, 10).empty());
}

TEST_F(OutboxTest, BackoffIsCapped) {
  Outbox outbox(store(), OutboxPolicy{.maxAttempts = 10, .maxBackoffSeconds = 30});
  const std::int64_t id = outbox.enqueue(item("a"), kNow);
  std::int64_t now = kNow;
  for (std::int64_t expectedDelay : {5, 10, 20, 30, 30}) {
    ASSERT_EQ(outbox.claimDue(now, 10).size(), 1u);
    outbox.markFailed(id, "busy", true, now);
    EXPECT_EQ(outbox.get(id)->nextAttemptAt, now + expectedDelay);
    now += expectedDelay;
  }
}

TEST_F(OutboxTest, NonRetryableFailureIsDeadAtOnce) {
  Outbox outbox(store());
  const std::int64_t id = outbox.enqueue(item("a"), kNow);
  ASSERT_EQ(outbox.claimDue(kNow, 10).size(), 1u);
  outbox.markFailed(id, "43004 unsubscribed", false, kNow);
  const auto row = outbox.get(id);
  EXPECT_EQ(row->status, "dead");
  EXPECT_EQ(row->attempts, 1);
  EXPECT_EQ(row->lastError, "43004 unsubscribed");
  EXPECT_EQ(outbox.countByStatus("dead"), 1);
}

TEST_F(OutboxTest, SentRowsAreDoneAndLateFailuresAreIgnored) {
  Outbox outbox(store());
  const std::int64_t id = outbox.enqueue(item("a"), kNow);
  ASSERT_EQ(outbox.claimDue(kNow, 10).size(), 1u);
  outbox.markSent(id, "msgid-77", kNow + 1);
  outbox.markFailed(id, "late report", true, kNow + 2);

  reopen();
  Outbox reopened(store());
  const auto row = reopened.get(id);
  EXPECT_EQ(row->status, "sent");
  EXPECT_EQ(row->providerId, "msgid-77");
  EXPECT_EQ(row->lastError, "");
  EXPECT_TRUE(reopened.claimDue(kNow + 100000, 10).empty());
  EXPECT_FALSE(reopened.nextDueAt());
  EXPECT_EQ(reopened.countByStatus("sent"), 1);
}

TEST_F(OutboxTest, UnknownIdsThrow) {
  Outbox outbox(store());
  EXPECT_FALSE(outbox.get(4242));
  EXPECT_THROW(outbox.markSent(4242, "x", kNow), std::out_of_range);
  EXPECT_THROW(outbox.markFailed(4242, "x", true, kNow), std::out_of_range);
}

TEST_F(OutboxTest, NextDueAtIsTheEarliestPendingRow) {
  Outbox outbox(store());
  EXPECT_FALSE(outbox.nextDueAt());
  outbox.enqueue(item("b", kNow + 300), kNow);
  outbox.enqueue(item("a", kNow + 100), kNow);
  EXPECT_EQ(outbox.nextDueAt(), kNow + 100);
  outbox.enqueue(item("c"), kNow);  // due now
  EXPECT_EQ(outbox.nextDueAt(), kNow);
}

TEST_F(OutboxTest, EnqueueCommitsOrRollsBackWithTheCallersTransaction) {
  {
    Transaction tx(store());
    Outbox(store()).enqueue(item("rolled-back"), kNow);
  }
  EXPECT_EQ(Outbox(store()).countByStatus("pending"), 0);
}

}  // namespace
}  // namespace civicdesk::store::test

namespace civicdesk::store::test {
namespace {

class OutboxDeferTest : public StoreFixture {};

TEST_F(OutboxDeferTest, ARateLimitedRowWaitsWithoutUsingUpItsAttempts) {
  Outbox outbox(store(), OutboxPolicy{2, 5, 3600, 60});  // two attempts only
  OutboxItem i;
  i.channel = "wecom-robot";
  i.recipient = "robot-office";
  i.text = "【逾期督办】";
  i.idempotencyKey = "timer:1";
  const std::int64_t id = outbox.enqueue(i, kNow);
  // Deferred ten times over: still pending, attempts untouched, never dead.
  for (int round = 0; round < 10; ++round) {
    const std::int64_t at = kNow + round * 60;
    auto claimed = outbox.claimDue(at, 10);
    ASSERT_EQ(claimed.size(), 1u) << round;
    outbox.defer(id, at + 60, "robot limit 20/min; retry after 60s");
    EXPECT_TRUE(outbox.claimDue(at + 59, 10).empty());  // not before the platform allows
  }
  auto row = outbox.get(id);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->status, "pending");
  EXPECT_EQ(row->attempts, 0);
  EXPECT_EQ(row->nextAttemptAt, kNow + 9 * 60 + 60);
}

}  // namespace
}  // namespace civicdesk::store::test

namespace civicdesk::store::test {
namespace {

class OutboxDeadTest : public StoreFixture {};

TEST_F(OutboxDeadTest, DeadRowsAreListedAndCanBeRetriedAfterTheCauseIsFixed) {
  Outbox outbox(store(), OutboxPolicy{1, 5, 3600, 60});
  OutboxItem i;
  i.channel = "wechat";
  i.recipient = "oGone";
  i.text = "您的投诉已受理";
  i.idempotencyKey = "citizen:TS-2026-000001:accepted";
  const std::int64_t id = outbox.enqueue(i, kNow);
  ASSERT_EQ(outbox.claimDue(kNow, 10).size(), 1u);
  outbox.markFailed(id, "45015 response out of time limit", false, kNow);
  const auto dead = outbox.listByStatus("dead", 10);
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].lastError, "45015 response out of time limit");
  EXPECT_FALSE(outbox.retry(id + 100, kNow));
  EXPECT_TRUE(outbox.retry(id, kNow + 60));
  EXPECT_FALSE(outbox.retry(id, kNow + 60));  // pending now, not dead
  auto row = outbox.get(id);
  EXPECT_EQ(row->status, "pending");
  EXPECT_EQ(row->attempts, 0);
  EXPECT_EQ(outbox.claimDue(kNow + 60, 10).size(), 1u);
}

}  // namespace
}  // namespace civicdesk::store::test
