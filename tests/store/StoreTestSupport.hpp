#pragma once
// What the store suites share: a Store on a real file in a fresh folder, and Shanghai times.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "store/Citizens.hpp"
#include "store/Store.hpp"
#include "tests/support/TempDir.hpp"

namespace civicdesk::store::test {

inline constexpr std::int64_t kHour = 3600;
inline constexpr std::int64_t kDay = 24 * kHour;

// Unix seconds of a wall-clock time in Asia/Shanghai (UTC+8, no daylight saving).
inline std::int64_t shanghaiTime(int y, unsigned m, unsigned d, int hour, int minute) {
  using namespace std::chrono;
  const auto utc = sys_days{year{y} / month{m} / day{d}} + hours{hour} + minutes{minute} - hours{8};
  return duration_cast<seconds>(utc.time_since_epoch()).count();
}

// A fixture with a store at <tempdir>/data/civicdesk.db; reopen() closes and opens it again
// (what a restart does), so tests can check that data is really on disk.
class StoreFixture : public ::testing::Test {
 protected:
  StoreFixture() : path_(dir_.file("data/civicdesk.db")), store_(std::make_unique<Store>(path_)) {}

  Store& store() { return *store_; }
  const std::string& path() const { return path_; }
  void close() { store_.reset(); }
  void reopen() {
    store_.reset();
    store_ = std::make_unique<Store>(path_);
  }
  std::int64_t citizen(const std::string& address = "oCitizen1") {
    return Citizens(store()).ensure("wechat", address, kNow);
  }

  static constexpr std::int64_t kNow = 1772330400;  // 2026-03-01 10:00 in Shanghai

 private:
  civicdesk::testing::TempDir dir_;
  std::string path_;
  std::unique_ptr<Store> store_;
};

}  // namespace civicdesk::store::test
