// Crash safety (issue 7): the real `civicdesk serve` binary under load, killed with SIGKILL at
// random moments and restarted on the same data folder, then checked against the store and
// the fake WeChat API:
//   - every message that was answered 200 is stored, once;
//   - no case twice, none registered twice from one message or one citizen;
//   - every outbox row is sent, and reached the fake exactly once (X-Idempotency-Key);
//   - every timer due while the service was down fired once, at the restart.
// Platform retries (the same MsgId) after each restart change nothing.
//
// The kill schedule comes from a seed printed at the start; CIVICDESK_CRASH_SEED=N repeats it
// (the interleaving of threads and kills is not reproducible to the microsecond, the schedule
// and the choices of retried messages are).
#include <gtest/gtest.h>

#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "tests/bot/ComplaintFlow.hpp"
#include "tests/bot/WeChatTestClient.hpp"
#include "tests/support/ChildProcess.hpp"
#include "tests/support/FakeWeChatApi.hpp"
#include "tests/support/TempDir.hpp"
#include "workflows/LocalTime.hpp"

namespace civicdesk::testing {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr const char* kToken = "crash-token";
constexpr const char* kAppId = "wxCRASHAPPID000001";
constexpr const char* kSecret = "crash-secret";
constexpr const char* kAdminToken = "crash-admin-token";

// Monday 2026-11-23 10:00 in Shanghai: the first run's simulated clock.
constexpr std::int64_t kFirstStart = 1795399200;
// Each restart's clock is this much later than the last run's: the outage. Less than a day,
// so a dialog interrupted by a crash is not reset as idle (dialog_idle_reset_seconds), and
// it moves the clock over working-day 09:00 reminders.
constexpr std::int64_t kOutage = 22 * 3600;
// Where the final advance moves the clock: Friday 2026-12-04 10:00, past every deadline the
// runs opened (3 working days to decide on acceptance; the last run starts on Saturday
// 2026-11-28 at the latest), with a few overdue escalations each.
constexpr std::int64_t kFinalTime = kFirstStart + 11 * 86400;
static_assert(kFirstStart + 5 * kOutage + 5 * 86400 < kFinalTime);

constexpr int kClientThreads = 4;
// Each client pauses this long after each answer, as citizens type: the load then spans
// every run rather than using up the citizens in the first ones, and the database stays
// small enough for the final advance to be quick (under ASan too).
constexpr auto kThinkTime = std::chrono::milliseconds(6);
constexpr int kMaxCitizens = 320;
constexpr int kRetriesPerRestart = 8;

// Wall-clock bounds: nothing waits past them, whatever the service does.
constexpr auto kLoadBudget = std::chrono::seconds(30);
constexpr auto kStartTimeout = std::chrono::seconds(20);

std::uint64_t chooseSeed() {
  if (const char* fixed = std::getenv("CIVICDESK_CRASH_SEED"); fixed != nullptr && *fixed) {
    return std::strtoull(fixed, nullptr, 10);
  }
  return std::random_device{}() ^
         static_cast<std::uint64_t>(Clock::now().time_since_epoch().count());
}

std::string openIdOf(int citizen) {
  return "oCRASH" + std::to_string(100000 + citizen);
}

std::uint64_t msgIdOf(int citizen, std::size_t step) {
  return 7000000000ULL + static_cast<std::uint64_t>(citizen) * 100 + step;
}

// The complaint dialog's inputs, with a mobile number of this citizen's own (one number
// shared by everyone would join them into one citizen).
std::vector<std::string> inputsOf(int citizen) {
  std::vector<std::string> inputs = complaintInputs();
  char mobile[16];
  std::snprintf(mobile, sizeof mobile, "139%08d", 10000000 + citizen);
  for (auto& input : inputs) {
    if (input == "138 0013 8000") input = mobile;
  }
  return inputs;
}

struct Acked {
  std::string openId;
  std::string text;
  std::uint64_t msgId = 0;
};

// What the client threads and the killer share: where the service is, and what it
// acknowledged.
class Shared {
 public:
  void up(int port) {
    std::lock_guard lock(mutex_);
    port_ = port;
    changed_.notify_all();
  }
  void down() {
    std::lock_guard lock(mutex_);
    port_ = 0;
  }
  // The port of the running service; 0 when none came up before `until`.
  int waitPort(Clock::time_point until) {
    std::unique_lock lock(mutex_);
    changed_.wait_until(lock, until, [&] { return port_ != 0; });
    return port_;
  }
  void acked(Acked a) {
    std::lock_guard lock(mutex_);
    acked_.push_back(std::move(a));
  }
  std::vector<Acked> ackedSoFar() const {
    std::lock_guard lock(mutex_);
    return acked_;
  }

  std::atomic<bool> windDown{false};  // finish the citizen in hand, start no other
  std::atomic<bool> abandon{false};   // the test failed: stop at once
  std::atomic<int> nextCitizen{0};
  std::atomic<int> failedRequests{0};    // connection errors and non-200 answers
  std::atomic<int> completedDialogs{0};  // citizens whose every message was acknowledged

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  int port_ = 0;
  std::vector<Acked> acked_;
};

// Sends one text as WeChat does; true when it was answered 200 (a connection the service's
// death cut off is an answer never received: false, and WeChat would retry).
bool answered(WeChatTestClient& client, const std::string& openId, const std::string& text,
              std::uint64_t msgId) {
  try {
    return client.sendText(openId, text, msgId).status == 200;
  } catch (const std::exception&) {
    return false;
  }
}

// One client thread: citizens one after the other, each through the whole complaint dialog.
// A message that was not answered 200 is sent again, with the same MsgId, as WeChat retries,
// until it is (the service may be down for a moment).
void clientLoop(Shared& shared, Clock::time_point hardStop) {
  std::unique_ptr<WeChatTestClient> client;
  int clientPort = 0;
  while (!shared.windDown && Clock::now() < hardStop) {
    const int citizen = shared.nextCitizen++;
    if (citizen >= kMaxCitizens) return;
    const std::string openId = openIdOf(citizen);
    const auto inputs = inputsOf(citizen);
    bool complete = true;
    for (std::size_t step = 0; step < inputs.size() && complete; ++step) {
      for (;;) {
        if (shared.abandon || Clock::now() >= hardStop) {
          complete = false;
          break;
        }
        const int port = shared.waitPort(std::min(hardStop, Clock::now() + milliseconds(200)));
        if (port == 0) continue;
        if (port != clientPort) {
          client = std::make_unique<WeChatTestClient>(port, kToken, kAppId);
          clientPort = port;
        }
        if (answered(*client, openId, inputs[step], msgIdOf(citizen, step))) {
          shared.acked({openId, inputs[step], msgIdOf(citizen, step)});
          std::this_thread::sleep_for(kThinkTime);
          break;
        }
        ++shared.failedRequests;
        std::this_thread::sleep_for(milliseconds(20));
      }
    }
    if (complete) ++shared.completedDialogs;
  }
}

std::string isoOf(std::int64_t unixSeconds) {
  return workflows::formatIsoShanghai(unixSeconds);
}

// The service on the fake's API, a simulated clock starting at `start`, on a free port.
std::unique_ptr<ChildProcess> startService(const TempDir& dir, const FakeWeChatApi& api,
                                           std::int64_t start, int run, int& port) {
  const std::map<std::string, std::string> env{
      {"CIVICDESK_LISTEN", "127.0.0.1:0"},
      {"CIVICDESK_DATA_DIR", dir.file("data")},
      {"CIVICDESK_WECHAT_TOKEN", kToken},
      {"CIVICDESK_WECHAT_APPID", kAppId},
      {"CIVICDESK_WECHAT_SECRET", kSecret},
      {"CIVICDESK_WECHAT_API_BASE", api.baseUrl()},
      // Most replies miss so short a window and go by the outbox: rows to deliver, and to
      // deliver once.
      {"CIVICDESK_WECHAT_REPLY_BUDGET_MS", "1"},
      {"CIVICDESK_HTTP_THREADS", "16"},
      {"CIVICDESK_ADMIN_TOKEN", kAdminToken},
  };
  auto child = std::make_unique<ChildProcess>(
      std::vector<std::string>{CIVICDESK_BINARY, "serve", "--simulated-clock", isoOf(start)}, env,
      dir.file("serve-" + std::to_string(run) + ".log"));
  const auto found = child->waitForOutput(std::regex(R"(serving on http://127\.0\.0\.1:(\d+))"),
                                          std::chrono::duration_cast<milliseconds>(kStartTimeout));
  port = found ? std::stoi(*found) : 0;
  return child;
}

// A one-value query.
long long scalar(SQLite::Database& db, const std::string& sql) {
  SQLite::Statement query(db, sql);
  return query.executeStep() ? query.getColumn(0).getInt64() : 0;
}

TEST(CrashSafety, KilledAtRandomMomentsLosesNothingAndDoesNothingTwice) {
  const auto testStarted = Clock::now();
  const std::uint64_t seed = chooseSeed();
  std::printf("[ CrashSafety ] seed=%llu (repeat with CIVICDESK_CRASH_SEED=%llu)\n",
              static_cast<unsigned long long>(seed), static_cast<unsigned long long>(seed));
  std::fflush(stdout);
  RecordProperty("seed", std::to_string(seed));
  std::mt19937_64 random(seed);
  auto between = [&random](int low, int high) {
    return std::uniform_int_distribution<int>(low, high)(random);
  };

  TempDir dir;
  FakeWeChatApi api(kAppId, kSecret);
  Shared shared;
  const int kills = between(3, 5);
  std::vector<std::int64_t> starts;  // each run's simulated start
  for (int run = 0; run <= kills; ++run) starts.push_back(kFirstStart + run * kOutage);

  const auto hardStop = Clock::now() + kLoadBudget;
  std::vector<std::thread> clients;
  for (int i = 0; i < kClientThreads; ++i) {
    clients.emplace_back([&shared, hardStop] { clientLoop(shared, hardStop); });
  }
  struct JoinClients {
    Shared& shared;
    std::vector<std::thread>& threads;
    ~JoinClients() {
      shared.windDown = true;
      shared.abandon = true;
      shared.up(0);
      for (auto& t : threads) {
        if (t.joinable()) t.join();
      }
    }
  } joinClients{shared, clients};

  int retriesSent = 0;
  int retriesAnswered = 0;
  std::unique_ptr<ChildProcess> service;
  int port = 0;
  for (int run = 0; run <= kills; ++run) {
    service = startService(dir, api, starts[static_cast<std::size_t>(run)], run, port);
    ASSERT_NE(port, 0) << "run " << run << " did not start:\n" << service->output();
    shared.up(port);

    if (run > 0) {
      // WeChat's retries of messages already answered (it never saw the answer): the same
      // MsgIds again, which must change nothing.
      auto acked = shared.ackedSoFar();
      std::shuffle(acked.begin(), acked.end(), random);
      WeChatTestClient retrier(port, kToken, kAppId);
      for (std::size_t i = 0; i < acked.size() && i < kRetriesPerRestart; ++i) {
        ++retriesSent;
        if (answered(retrier, acked[i].openId, acked[i].text, acked[i].msgId)) {
          ++retriesAnswered;
        }
      }
    }
    if (run == kills) break;  // the last run is not killed

    const int lifetimeMs = run == 0 ? between(1500, 2500) : between(400, 2000);
    std::this_thread::sleep_for(milliseconds(lifetimeMs));
    shared.down();
    service->kill();
    std::printf("[ CrashSafety ] run %d killed after %d ms; %zu messages acknowledged so far\n",
                run, lifetimeMs, shared.ackedSoFar().size());
    std::fflush(stdout);
  }

  // The last run: let every citizen in hand finish, then move the clock past the deadlines
  // (firing the timers in order and draining the outbox at each step).
  shared.windDown = true;
  for (auto& t : clients) t.join();
  const auto loadEnded = Clock::now();

  httplib::Client admin("127.0.0.1", port);
  admin.set_read_timeout(40, 0);
  const std::int64_t finalTime = kFinalTime;
  auto advanced =
      admin.Post("/admin/clock/advance", {{"Authorization", std::string("Bearer ") + kAdminToken}},
                 nlohmann::json{{"to", isoOf(finalTime)}}.dump(), "application/json");
  ASSERT_TRUE(advanced) << httplib::to_string(advanced.error());
  ASSERT_EQ(advanced->status, 200) << advanced->body;
  const auto advanceEnded = Clock::now();

  service->signal(SIGTERM);
  const auto exitCode = service->waitExit(std::chrono::seconds(15));
  ASSERT_TRUE(exitCode.has_value()) << "the last run did not stop on SIGTERM";
  EXPECT_EQ(*exitCode, 0) << service->output();

  const auto acked = shared.ackedSoFar();
  std::printf(
      "[ CrashSafety ] %d kills; %zu messages acknowledged (%d failed attempts, resent), %d "
      "dialogs complete; %d/%d platform retries answered; load %lld ms, advance %lld ms\n",
      kills, acked.size(), shared.failedRequests.load(), shared.completedDialogs.load(),
      retriesAnswered, retriesSent,
      static_cast<long long>(
          std::chrono::duration_cast<milliseconds>(loadEnded - testStarted).count()),
      static_cast<long long>(
          std::chrono::duration_cast<milliseconds>(advanceEnded - loadEnded).count()));
  EXPECT_EQ(retriesAnswered, retriesSent);
  ASSERT_GT(acked.size(), 0u);

  SQLite::Database db(dir.file("data") + "/civicdesk.db", SQLite::OPEN_READONLY);

  // 1. Every acknowledged message is stored, exactly once.
  {
    SQLite::Statement query(
        db, "SELECT COUNT(*) FROM inbound_messages WHERE channel = 'wechat' AND platform_id = ?");
    int missing = 0;
    for (const auto& a : acked) {
      query.reset();
      query.bind(1, std::to_string(a.msgId));
      query.executeStep();
      const auto count = query.getColumn(0).getInt64();
      if (count != 1) {
        ++missing;
        ADD_FAILURE() << "MsgId " << a.msgId << " (" << a.openId << ", '" << a.text
                      << "') was answered 200 and is stored " << count << " times";
        if (missing > 10) break;
      }
    }
    // Each stored message has an answer recorded with it (none half-written).
    EXPECT_EQ(scalar(db, "SELECT COUNT(*) FROM inbound_messages WHERE answer_mode = 'pending'"), 0);
  }

  // 2. Cases: no number twice, one per citizen (each files one complaint), one registration
  //    event each, never two from one inbound message, numbers without gaps.
  const long long cases = scalar(db, "SELECT COUNT(*) FROM cases");
  EXPECT_GT(cases, 0);
  EXPECT_EQ(scalar(db, "SELECT COUNT(*) - COUNT(DISTINCT case_no) FROM cases"), 0);
  EXPECT_EQ(scalar(db,
                   "SELECT COUNT(*) FROM (SELECT citizen_id FROM cases GROUP BY citizen_id "
                   "HAVING COUNT(*) > 1)"),
            0);
  EXPECT_EQ(scalar(db, "SELECT COUNT(*) FROM events WHERE kind = 'case.registered'"), cases);
  EXPECT_EQ(scalar(db,
                   "SELECT COUNT(*) FROM (SELECT json_extract(payload_json, "
                   "'$.inbound_message_id') AS m FROM events WHERE kind = 'case.registered' "
                   "GROUP BY m HAVING COUNT(*) > 1)"),
            0);
  EXPECT_EQ(scalar(db, "SELECT MAX(CAST(substr(case_no, 9) AS INTEGER)) FROM cases"), cases);
  EXPECT_EQ(scalar(db,
                   "SELECT COUNT(*) FROM cases c WHERE (SELECT COUNT(*) FROM deadlines d "
                   "WHERE d.case_id = c.id) != 1"),
            0);
  // Every complete dialog registered its case (the last message of each is 确认).
  EXPECT_GE(cases, shared.completedDialogs.load());

  // 3. The outbox: every row sent, each delivered to the fake exactly once.
  {
    EXPECT_EQ(scalar(db, "SELECT COUNT(*) FROM outbox WHERE status != 'sent'"), 0);
    SQLite::Statement rows(
        db, "SELECT idempotency_key, recipient, text FROM outbox WHERE channel = 'wechat'");
    std::map<std::string, FakeWeChatApi::SentMessage> expected;
    while (rows.executeStep()) {
      expected[rows.getColumn(0).getString()] = {rows.getColumn(1).getString(),
                                                 rows.getColumn(2).getString()};
    }
    EXPECT_GT(expected.size(), 0u) << "no reply went by the outbox: the test proves little";
    const auto keys = api.sentKeys();
    const auto sent = api.sent();
    ASSERT_EQ(keys.size(), sent.size());
    std::map<std::string, int> deliveries;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      ++deliveries[keys[i]];
      auto row = expected.find(keys[i]);
      if (row == expected.end()) {
        ADD_FAILURE() << "the fake got a message no outbox row holds, key '" << keys[i] << "'";
      } else {
        EXPECT_EQ(sent[i], row->second) << keys[i];
      }
    }
    for (const auto& [key, row] : expected) {
      EXPECT_EQ(deliveries[key], 1)
          << "outbox row " << key << " delivered " << deliveries[key] << " times";
    }
    // A repeated send is possible only for the one row in flight when a run was killed (one
    // delivery worker): the fake recognised it by its key.
    EXPECT_LE(api.duplicateDeliveries(), kills);
    // Each sent row is recorded as an outbound message once.
    EXPECT_EQ(scalar(db, "SELECT COUNT(*) FROM outbound_messages WHERE via = 'outbox'"),
              scalar(db, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'"));
    std::printf(
        "[ CrashSafety ] %lld cases; %zu outbox rows delivered, %d repeated sends "
        "recognised by their key\n",
        cases, expected.size(), api.duplicateDeliveries());
  }

  // 4. Timers: none due is left pending; each fired once (one reminder or escalation event
  //    per fired timer, per deadline and kind); those that came due while the service was
  //    down fired at a restart.
  {
    EXPECT_EQ(scalar(db, "SELECT COUNT(*) FROM timers WHERE status = 'pending' AND due_at <= " +
                             std::to_string(finalTime)),
              0);
    EXPECT_EQ(
        scalar(db, "SELECT COUNT(*) FROM timers WHERE status = 'fired' AND fired_at < due_at"), 0);
    EXPECT_EQ(scalar(db,
                     "SELECT COUNT(*) FROM ("
                     "  SELECT deadline_id, kind, COUNT(*) AS n FROM timers WHERE status = "
                     "'fired' GROUP BY deadline_id, kind) t "
                     "LEFT JOIN ("
                     "  SELECT json_extract(payload_json, '$.deadline_id') AS deadline_id, "
                     "         json_extract(payload_json, '$.timer') AS kind, COUNT(*) AS n "
                     "  FROM events WHERE kind IN ('deadline.reminded', 'deadline.escalated') "
                     "  GROUP BY 1, 2) e USING (deadline_id, kind) "
                     "WHERE e.n IS NULL OR e.n != t.n"),
              0);
    EXPECT_EQ(scalar(db, "SELECT COUNT(*) FROM timers WHERE status = 'fired'"),
              scalar(db,
                     "SELECT COUNT(*) FROM events WHERE kind IN ('deadline.reminded', "
                     "'deadline.escalated')"));

    int duringOutages = 0;
    SQLite::Statement fired(db,
                            "SELECT id, due_at, fired_at FROM timers WHERE status = 'fired' "
                            "AND due_at > ? AND due_at <= ?");
    for (int run = 0; run < kills; ++run) {
      fired.reset();
      fired.bind(1, starts[static_cast<std::size_t>(run)]);
      fired.bind(2, starts[static_cast<std::size_t>(run) + 1]);
      while (fired.executeStep()) {
        ++duringOutages;
        const std::int64_t firedAt = fired.getColumn(2).getInt64();
        const bool atARestart =
            std::find(starts.begin() + run + 1, starts.end(), firedAt) != starts.end();
        EXPECT_TRUE(atARestart) << "timer " << fired.getColumn(0).getInt64() << " due "
                                << isoOf(fired.getColumn(1).getInt64()) << " fired "
                                << isoOf(firedAt) << ", not at the restart after outage "
                                << run + 1;
      }
    }
    std::printf("[ CrashSafety ] %lld timers fired, %d of them due while the service was down\n",
                scalar(db, "SELECT COUNT(*) FROM timers WHERE status = 'fired'"), duringOutages);
    EXPECT_GT(duringOutages, 0) << "no timer came due during an outage: the test proves little";
  }
  std::fflush(stdout);
}

}  // namespace
}  // namespace civicdesk::testing
