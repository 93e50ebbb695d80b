// Group commit on a real file: units share a transaction, each is answered after the commit,
// and one unit's failure is its own.
#include "store/GroupCommit.hpp"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "store/Store.hpp"
#include "tests/store/StoreTestSupport.hpp"
#include "util/ThreadName.hpp"

namespace civicdesk::store::test {
namespace {

class GroupCommitTest : public StoreFixture {
 protected:
  // What another process would see: only what is committed.
  std::int64_t committedCitizens() {
    SQLite::Database other(path(), SQLite::OPEN_READONLY);
    return other.execAndGet("SELECT COUNT(*) FROM citizens").getInt64();
  }

  std::mutex storeMutex_;
};

std::int64_t addCitizen(Store& store, std::int64_t createdAt) {
  CachedStatement insert(store, "INSERT INTO citizens(created_at) VALUES (?) RETURNING id");
  insert.bind(1, createdAt);
  insert.executeStep();
  return insert.getColumn(0).getInt64();
}

TEST_F(GroupCommitTest, ConcurrentUnitsShareOneCommitAndEachIsAnsweredAfterIt) {
  GroupCommit commits(store(), storeMutex_);
  std::vector<std::future<std::int64_t>> answers;
  {
    // While the store is busy (a staff request holding it), 100 messages arrive.
    std::lock_guard busy(storeMutex_);
    for (int i = 0; i < 100; ++i) {
      answers.push_back(
          commits.submit([this, i](GroupCommit::Unit&) { return addCitizen(store(), i); }));
    }
  }
  std::vector<std::int64_t> ids;
  for (auto& answer : answers) ids.push_back(answer.get());
  EXPECT_EQ(committedCitizens(), 100);
  for (std::size_t i = 1; i < ids.size(); ++i) EXPECT_EQ(ids[i], ids[i - 1] + 1);  // in order
  const auto stats = commits.stats();
  EXPECT_EQ(stats.units, 100u);
  // 100 messages, at most two commits: whatever the writer took before it blocked on the
  // busy store, then all the rest (how the 100 split between the two is timing).
  EXPECT_LE(stats.batches, 2u);
  EXPECT_GE(stats.largestBatch, 50u);
}

TEST_F(GroupCommitTest, UnitsRunOnTheThreadNamedDeskWriter) {
  // What `top -H` and the load bench's CPU table show for the store's one writer.
  GroupCommit commits(store(), storeMutex_);
  EXPECT_EQ(commits.run([](GroupCommit::Unit&) { return util::thisThreadName(); }), "desk-writer");
}

TEST_F(GroupCommitTest, AFailingUnitRollsBackItsOwnWritesOnly) {
  GroupCommit commits(store(), storeMutex_);
  std::future<std::int64_t> before, failing, after;
  {
    std::lock_guard busy(storeMutex_);
    before = commits.submit([this](GroupCommit::Unit&) { return addCitizen(store(), 1); });
    failing = commits.submit([this](GroupCommit::Unit&) -> std::int64_t {
      addCitizen(store(), 2);
      throw std::runtime_error("the dialog failed half way");
    });
    after = commits.submit([this](GroupCommit::Unit&) { return addCitizen(store(), 3); });
  }
  EXPECT_GT(before.get(), 0);
  EXPECT_THROW(
      {
        try {
          failing.get();
        } catch (const std::runtime_error& e) {
          EXPECT_STREQ(e.what(), "the dialog failed half way");
          throw;
        }
      },
      std::runtime_error);
  EXPECT_GT(after.get(), 0);
  SQLite::Database other(path(), SQLite::OPEN_READONLY);
  EXPECT_EQ(other.execAndGet("SELECT group_concat(created_at) FROM citizens").getString(), "1,3");
}

TEST_F(GroupCommitTest, ADiscardedUnitWritesNothingButAnswersNormally) {
  GroupCommit commits(store(), storeMutex_);
  bool woke = false;
  const auto id = commits.run([this, &woke](GroupCommit::Unit& unit) {
    const auto written = addCitizen(store(), 7);
    unit.afterCommit([&woke] { woke = true; });
    unit.discard();
    return written;
  });
  EXPECT_GT(id, 0);
  EXPECT_EQ(committedCitizens(), 0);
  EXPECT_FALSE(woke);  // nothing was kept, so nothing to announce
}

TEST_F(GroupCommitTest, AfterCommitActionsSeeTheBatchOnDisk) {
  GroupCommit commits(store(), storeMutex_);
  std::int64_t seenByAction = -1;
  commits.run([this, &seenByAction](GroupCommit::Unit& unit) {
    addCitizen(store(), 1);
    unit.afterCommit([this, &seenByAction] { seenByAction = committedCitizens(); });
    return 0;
  });
  EXPECT_EQ(seenByAction, 1);
}

TEST_F(GroupCommitTest, WhenTheCommitFailsEveryUnitOfTheBatchIsTold) {
  GroupCommit commits(store(), storeMutex_);
  // The writer is held inside a first batch while the two units are queued, so both are sure
  // to share the next one (holding the store mutex instead would let the writer take `good`
  // alone before `bad` arrives).
  std::promise<void> writerBusy, release;
  auto blocker = commits.submit([&](GroupCommit::Unit&) {
    writerBusy.set_value();
    release.get_future().wait();
    return 0;
  });
  writerBusy.get_future().wait();
  auto good = commits.submit([this](GroupCommit::Unit&) { return addCitizen(store(), 1); });
  auto bad = commits.submit([this](GroupCommit::Unit&) -> std::int64_t {
    // A foreign key checked only at COMMIT: the whole batch's commit fails.
    store().db().exec("PRAGMA defer_foreign_keys = ON");
    store().db().exec(
        "INSERT INTO contacts(citizen_id, channel, address, created_at) "
        "VALUES (424242, 'wechat', 'oNobody', 1)");
    return 0;
  });
  release.set_value();
  EXPECT_EQ(blocker.get(), 0);
  EXPECT_ANY_THROW(good.get());
  EXPECT_ANY_THROW(bad.get());
  EXPECT_EQ(committedCitizens(), 0);
  // The writer carries on with the next batch.
  EXPECT_GT(commits.run([this](GroupCommit::Unit&) { return addCitizen(store(), 2); }), 0);
  EXPECT_EQ(committedCitizens(), 1);
}

TEST_F(GroupCommitTest, ACallbackHearsTheOutcomeOnceTheBatchIsOnDisk) {
  GroupCommit commits(store(), storeMutex_);
  struct Heard {
    std::optional<std::int64_t> value;
    std::string error;
    std::int64_t committedWhenHeard = -1;
  };
  std::promise<Heard> okHeard, failedHeard;
  commits.submit([this](GroupCommit::Unit&) { return addCitizen(store(), 1); },
                 [&](std::optional<std::int64_t> value, std::exception_ptr error) {
                   Heard heard;
                   heard.value = value;
                   heard.committedWhenHeard = committedCitizens();
                   if (error) heard.error = "unexpected";
                   okHeard.set_value(heard);
                 });
  commits.submit(
      [](GroupCommit::Unit&) -> std::int64_t { throw std::runtime_error("no such unit"); },
      [&](std::optional<std::int64_t> value, std::exception_ptr error) {
        Heard heard;
        heard.value = value;
        try {
          if (error) std::rethrow_exception(error);
        } catch (const std::exception& e) {
          heard.error = e.what();
        }
        failedHeard.set_value(heard);
      });
  const Heard ok = okHeard.get_future().get();
  ASSERT_TRUE(ok.value.has_value());
  EXPECT_GT(*ok.value, 0);
  EXPECT_EQ(ok.error, "");
  EXPECT_EQ(ok.committedWhenHeard, 1);  // another connection already sees the row
  const Heard failed = failedHeard.get_future().get();
  EXPECT_FALSE(failed.value.has_value());
  EXPECT_EQ(failed.error, "no such unit");
}

TEST_F(GroupCommitTest, AUnitCannotWaitForItsOwnBatch) {
  GroupCommit commits(store(), storeMutex_);
  EXPECT_THROW(commits.run([&commits](GroupCommit::Unit&) {
    return commits.run([](GroupCommit::Unit&) { return 1; });
  }),
               std::logic_error);
}

TEST_F(GroupCommitTest, ShutdownRunsWhatIsQueuedAndRefusesWhatComesLater) {
  auto commits = std::make_unique<GroupCommit>(store(), storeMutex_);
  std::vector<std::future<std::int64_t>> answers;
  std::thread stopper;
  {
    std::lock_guard busy(storeMutex_);
    for (int i = 0; i < 10; ++i) {
      answers.push_back(
          commits->submit([this, i](GroupCommit::Unit&) { return addCitizen(store(), i); }));
    }
    // Stopping while the ten wait for the store.
    stopper = std::thread([&commits] { commits->shutdown(); });
  }
  for (auto& answer : answers) EXPECT_GT(answer.get(), 0);
  stopper.join();
  EXPECT_EQ(committedCitizens(), 10);
  commits->shutdown();
  auto late = commits->submit([](GroupCommit::Unit&) { return 1; });
  EXPECT_THROW(late.get(), std::logic_error);
}

TEST_F(GroupCommitTest, ManyThreadsWaitingAtOnceAllGetTheirOwnAnswer) {
  GroupCommit commits(store(), storeMutex_);
  std::vector<std::thread> senders;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 16; ++t) {
    senders.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        const std::int64_t mark = t * 1000 + i;
        const auto id =
            commits.run([this, mark](GroupCommit::Unit&) { return addCitizen(store(), mark); });
        SQLite::Database other(path(), SQLite::OPEN_READONLY);
        SQLite::Statement check(other, "SELECT created_at FROM citizens WHERE id = ?");
        check.bind(1, id);
        if (!check.executeStep() || check.getColumn(0).getInt64() != mark) ++wrong;
      }
    });
  }
  for (auto& sender : senders) sender.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(committedCitizens(), 400);
  EXPECT_LT(commits.stats().batches, 400u);
}

}  // namespace
}  // namespace civicdesk::store::test
