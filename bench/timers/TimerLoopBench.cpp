// How long one pass of the timer loop takes with a million pending timers: the question is
// whether runDue stays index-driven (cost grows with the timers due, not with the timers
// stored). Target: under 50 ms a pass with 1,000 due.
//
//   cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DCIVICDESK_TESTS=OFF
//   cmake --build build-release --target timer_loop_bench
//   build-release/bench/timers/timer_loop_bench [timers=1000000] [due=1000] [passes=7]
//                                               [limit=1000]
//
// Builds a fresh database under /tmp (WAL, synchronous=FULL, as in production), prints the
// setup time, the median of several passes of each kind, and the query plans; deletes the
// database at exit. The pass with timers due is write-bound (each fired timer rewrites one
// table page, then COMMIT fsyncs and the WAL auto-checkpoint copies the pages back), so its
// figure follows the disk; compare figures from one run, as ratios (PERF-NOTES).
#include <unistd.h>

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/Outbox.hpp"
#include "store/Store.hpp"
#include "store/Timers.hpp"

namespace {

using civicdesk::store::Outbox;
using civicdesk::store::OutboxItem;
using civicdesk::store::Store;
using civicdesk::store::TimerRecord;
using civicdesk::store::Timers;
using civicdesk::store::Transaction;
using Clock = std::chrono::steady_clock;

constexpr std::int64_t kNow = 1772330400;  // 2026-03-01 10:00 in Shanghai
constexpr std::int64_t kDay = 24 * 3600;
constexpr std::int64_t kTwoYears = 2 * 365 * kDay;
constexpr std::int64_t kInsertBatch = 100000;  // rows per setup transaction

// The query of Timers::due() and Timers::nextDueAt(), for EXPLAIN QUERY PLAN.
constexpr const char* kDueQuery =
    "SELECT id, kind, deadline_id, due_at, status, idempotency_key, payload_json, fired_at "
    "FROM timers WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ?";
constexpr const char* kNextDueQuery =
    "SELECT due_at FROM timers WHERE status = 'pending' ORDER BY due_at LIMIT 1";

struct Options {
  std::int64_t timers = 1000000;
  std::int64_t due = 1000;
  int passes = 7;
  int limit = 1000;  // runDue's batch size
};

// The database, its WAL and shared-memory files, removed however main() ends.
struct TempDb {
  std::string path = "/tmp/civicdesk-timer-bench-" + std::to_string(::getpid()) + ".db";
  TempDb() { remove(); }
  ~TempDb() { remove(); }
  void remove() const {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
};

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

void printTimes(const std::string& what, const std::vector<double>& ms) {
  std::printf("  %-44s median %8.3f ms   (min %.3f, max %.3f, %zu passes)\n", what.c_str(),
              median(ms), *std::min_element(ms.begin(), ms.end()),
              *std::max_element(ms.begin(), ms.end()), ms.size());
}

// `timers` pending timers: `due` of them spread evenly through the ids and due in the last 3
// days, the others due at random over the next 2 years. One prepared statement, a few big
// transactions: the setup measures the bulk load, not per-row commits.
void populate(Store& store, const Options& o) {
  std::mt19937_64 random(20260301);
  const std::int64_t dueEvery =
      std::max<std::int64_t>(o.timers / std::max<std::int64_t>(o.due, 1), 1);
  std::int64_t dueMade = 0;
  for (std::int64_t first = 0; first < o.timers; first += kInsertBatch) {
    Transaction tx(store);
    {
      SQLite::Statement insert(
          store.db(),
          "INSERT INTO timers(kind, due_at, status, idempotency_key, payload_json, created_at) "
          "VALUES ('reminder.staff', ?, 'pending', ?, '{\"unit\":\"edu\"}', ?)");
      for (std::int64_t i = first; i < std::min(first + kInsertBatch, o.timers); ++i) {
        const bool isDue = i % dueEvery == 0 && dueMade < o.due;
        const std::int64_t dueAt = isDue
                                       ? kNow - 1 - static_cast<std::int64_t>(random() % (3 * kDay))
                                       : kNow + 1 + static_cast<std::int64_t>(random() % kTwoYears);
        if (isDue) ++dueMade;
        insert.bind(1, dueAt);
        insert.bind(2, "bench:" + std::to_string(i));
        insert.bind(3, kNow - kDay);
        insert.exec();
        insert.reset();
      }
    }
    tx.commit();
  }
}

// The effect of a staff reminder: one outbox row keyed by the timer.
void enqueueReminder(Store& store, const TimerRecord& t) {
  OutboxItem item;
  item.channel = "wecom";
  item.recipient = "staff:edu";
  item.text = "投诉处理期限将至";
  item.idempotencyKey = "timer:" + std::to_string(t.id);
  Outbox(store).enqueue(item, kNow);
}

// Puts the timers a pass fired back to pending and drops their outbox rows, so the next pass
// does the same work. Not timed.
void rearm(Store& store, const std::vector<std::int64_t>& fired) {
  Transaction tx(store);
  {
    SQLite::Statement update(store.db(),
                             "UPDATE timers SET status = 'pending', fired_at = NULL WHERE id = ?");
    for (std::int64_t id : fired) {
      update.bind(1, id);
      update.exec();
      update.reset();
    }
  }
  store.db().exec("DELETE FROM outbox");
  tx.commit();
}

using Effect = std::function<void(Store&, const TimerRecord&)>;

// Passes of runDue at kNow, each expected to fire `expectFired` timers; with `rearm`, the
// fired timers are made pending again between passes so every pass does the same work.
std::vector<double> timeRunDue(Store& store, const Options& o, const Effect& effect,
                               bool rearmEachPass, std::int64_t expectFired) {
  std::vector<double> ms;
  for (int pass = 0; pass < o.passes; ++pass) {
    std::vector<std::int64_t> fired;
    const auto start = Clock::now();
    const int n = civicdesk::store::runDue(store, kNow, o.limit, [&](const TimerRecord& t) {
      effect(store, t);
      fired.push_back(t.id);
    });
    ms.push_back(msSince(start));
    if (n != expectFired) {
      throw std::runtime_error("pass " + std::to_string(pass) + " fired " + std::to_string(n) +
                               " timers, expected " + std::to_string(expectFired));
    }
    if (rearmEachPass) rearm(store, fired);
  }
  return ms;
}

std::vector<double> timeQuery(const Options& o, const std::function<void()>& query) {
  std::vector<double> ms;
  for (int pass = 0; pass < o.passes; ++pass) {
    const auto start = Clock::now();
    query();
    ms.push_back(msSince(start));
  }
  return ms;
}

void printPlan(Store& store, const char* label, const char* sql) {
  SQLite::Statement explain(store.db(), std::string("EXPLAIN QUERY PLAN ") + sql);
  std::printf("  %s\n", label);
  while (explain.executeStep()) std::printf("    %s\n", explain.getColumn(3).getString().c_str());
}

Options parse(int argc, char** argv) {
  Options o;
  if (argc > 1) o.timers = std::atoll(argv[1]);
  if (argc > 2) o.due = std::atoll(argv[2]);
  if (argc > 3) o.passes = std::atoi(argv[3]);
  if (argc > 4) o.limit = std::atoi(argv[4]);
  if (o.timers <= 0 || o.due < 0 || o.due > o.timers || o.passes <= 0 || o.limit <= 0) {
    std::fprintf(stderr, "usage: %s [timers=1000000] [due=1000] [passes=7] [limit=1000]\n",
                 argv[0]);
    std::exit(2);
  }
  return o;
}

}  // namespace

int run(const Options& o, const char* program) {
  const std::int64_t expectFired = std::min<std::int64_t>(o.due, o.limit);
  const std::string lim = std::to_string(o.limit);
  TempDb db;
#ifndef NDEBUG
  std::printf("WARNING: assertions on (not a Release build): figures are not representative\n");
#endif
  {
    Store store(db.path);
    std::printf("database: %s (WAL, synchronous=FULL)\n", db.path.c_str());

    const auto start = Clock::now();
    populate(store, o);
    std::printf(
        "setup: %lld pending timers (%lld due now, the rest over 2 years) in %.2f s, "
        "%.1f MB\n",
        static_cast<long long>(o.timers), static_cast<long long>(o.due), msSince(start) / 1000,
        static_cast<double>(std::filesystem::file_size(db.path) +
                            std::filesystem::file_size(db.path + "-wal")) /
            1e6);

    Timers timers(store);
    const Effect nothing = [](Store&, const TimerRecord&) {};
    std::printf("\nwith %lld due (each pass fires %lld; re-armed between passes):\n",
                static_cast<long long>(o.due), static_cast<long long>(expectFired));
    printTimes("due(now, " + lim + ") query alone",
               timeQuery(o, [&] { (void)timers.due(kNow, o.limit); }));
    printTimes("runDue(now, " + lim + "), effect does nothing",
               timeRunDue(store, o, nothing, true, expectFired));
    printTimes("runDue(now, " + lim + "), effect: Outbox::enqueue",
               timeRunDue(store, o, enqueueReminder, true, expectFired));

    // Fire them for good: from now on nothing is due until the first of the 2-year spread.
    const auto enqueue = [&](const TimerRecord& t) { enqueueReminder(store, t); };
    while (civicdesk::store::runDue(store, kNow, o.limit, enqueue) > 0) {
    }
    std::printf("\nwith nothing due:\n");
    printTimes("runDue(now, " + lim + ")", timeRunDue(store, o, enqueueReminder, false, 0));
    printTimes("due(now, " + lim + ") query alone",
               timeQuery(o, [&] { (void)timers.due(kNow, o.limit); }));
    printTimes("nextDueAt()", timeQuery(o, [&] { (void)timers.nextDueAt(); }));
    printTimes("countByStatus(\"pending\")",
               timeQuery(o, [&] { (void)timers.countByStatus("pending"); }));
    std::printf("pending timers left: %lld\n",
                static_cast<long long>(timers.countByStatus("pending")));

    std::printf("\nEXPLAIN QUERY PLAN\n");
    printPlan(store, "due():", kDueQuery);
    printPlan(store, "nextDueAt():", kNextDueQuery);
  }
  std::printf("\nreproduce (Release build, target timer_loop_bench): %s %lld %lld %d %d\n", program,
              static_cast<long long>(o.timers), static_cast<long long>(o.due), o.passes, o.limit);
  return 0;
}

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  try {
    return run(o, argv[0]);
  } catch (const std::exception& e) {  // run() has unwound: the database files are gone
    std::fprintf(stderr, "timer_loop_bench: %s\n", e.what());
    return 1;
  }
}
