// Background checkpoints: the WAL's pages reach the database file without the writer's help.
#include "store/Checkpointer.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "store/Store.hpp"
#include "tests/store/StoreTestSupport.hpp"

namespace civicdesk::store::test {
namespace {

using namespace std::chrono_literals;
using CheckpointerTest = StoreFixture;

void writeManyPages(Store& store, int transactions) {
  const std::string filler(3000, 'x');  // about one page per row
  for (int t = 0; t < transactions; ++t) {
    Transaction tx(store);
    for (int i = 0; i < 20; ++i) {
      CachedStatement insert(store,
                             "INSERT INTO events(case_id, kind, actor, at, payload_json) "
                             "VALUES (NULL, 'test.filler', 'test', 1, ?)");
      insert.bind(1, "{\"f\":\"" + filler + "\"}");
      insert.exec();
    }
    tx.commit();
  }
}

TEST_F(CheckpointerTest, TheWalReachesTheDatabaseFileWhileTheWriterOnlyCommits) {
  store().checkpointInBackground(20ms);
  const auto before = std::filesystem::file_size(path());
  writeManyPages(store(), 25);  // ~500 pages: under both automatic thresholds
  // Wait for a run that began after the last commit (two more completed runs: one may have
  // been under way during it) and found the WAL wholly in the database file. The WAL may have
  // been restarted from frame 0 during the writes (each time a run had caught up), so how many
  // frames the last run saw says nothing about the total; the file size below does.
  const auto runsAfterWrites = store().checkpointer()->stats().runs + 2;
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  Checkpointer::Stats stats;
  do {
    std::this_thread::sleep_for(20ms);
    stats = store().checkpointer()->stats();
  } while (
      (stats.runs < runsAfterWrites || stats.lastWalFrames == 0 || stats.backlogFrames() != 0) &&
      std::chrono::steady_clock::now() < deadline);
  EXPECT_GE(stats.runs, runsAfterWrites);
  EXPECT_GT(stats.runs, 0u);
  EXPECT_GT(stats.lastWalFrames, 0);
  EXPECT_EQ(stats.backlogFrames(), 0);
  // The database file holds the rows now, not just the WAL.
  EXPECT_GT(std::filesystem::file_size(path()), before + 500 * 3000);
}

TEST_F(CheckpointerTest, WithoutItTheWriterDoesNotCheckpointBelowItsThreshold) {
  // The control of the test above: the same writes leave the database file as it was, so the
  // growth there is the background thread's doing.
  store().db().exec("PRAGMA wal_autocheckpoint=10000");
  const auto before = std::filesystem::file_size(path());
  writeManyPages(store(), 25);
  std::this_thread::sleep_for(100ms);
  EXPECT_LT(std::filesystem::file_size(path()), before + 100 * 1024);
}

TEST_F(CheckpointerTest, DataSurvivesAReopenWithTheCheckpointerRunning) {
  store().checkpointInBackground(10ms);
  writeManyPages(store(), 5);
  reopen();
  EXPECT_EQ(
      store().db().execAndGet("SELECT COUNT(*) FROM events WHERE kind='test.filler'").getInt64(),
      100);
}

}  // namespace
}  // namespace civicdesk::store::test
