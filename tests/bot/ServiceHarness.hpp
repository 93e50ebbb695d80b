#pragma once
// The real service, in-process, on an ephemeral loopback port, with a temporary database and
// a simulated clock (movable like `serve --simulated-clock`). The WeChat API it calls for late
// replies is a FakeWeChatApi, and the units' WeCom group robots a FakeWeComRobot, on loopback.
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "bot/Log.hpp"
#include "bot/Service.hpp"
#include "tests/support/FakeWeChatApi.hpp"
#include "tests/support/FakeWeComRobot.hpp"
#include "tests/support/LogCapture.hpp"
#include "tests/support/TempDir.hpp"
#include "workflows/Clock.hpp"

namespace civicdesk::testing {

inline constexpr const char* kTestToken = "test-token";
inline constexpr const char* kTestAppId = "wxTESTAPPID0000001";
inline constexpr const char* kTestAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
inline constexpr const char* kTestSecret = "test-secret";
inline constexpr const char* kTestAdminToken = "test-admin-token";
// Every unit of the demo directory gets a WeCom robot with this key prefix + its id.
inline constexpr const char* kRobotKeyPrefix = "robot-";

using Env = std::map<std::string, std::string>;

class ServiceHarness {
 public:
  // `env` overrides (CIVICDESK_*), on top of the harness defaults.
  explicit ServiceHarness(Env env = {});
  ~ServiceHarness();

  void start();
  void stop();
  void restart() {
    stop();
    start();
  }

  // Overrides of the statutory periods ("deadline_rules" of the config file) for the next
  // start().
  void setDeadlineRules(nlohmann::json rules) { deadlineRules_ = std::move(rules); }
  // Changes settings for the next start() (as an operator would between restarts).
  void setEnv(const Env& values) {
    for (const auto& [k, v] : values) env_[k] = v;
  }

  int port() const { return port_; }
  bot::Service& service() { return *service_; }
  workflows::SettableClock& clock() { return clock_; }
  FakeWeChatApi& wechatApi() { return api_; }
  FakeWeComRobot& robots() { return robots_; }
  const TempDir& dir() const { return dir_; }
  // What the service logged so far; may be read while it runs.
  std::string logs() const { return logCapture_.text(); }
  // A staff member with a fresh token (as `civicdesk staff add` issues); returns the token.
  std::string addStaff(const std::string& name, const std::string& role, const std::string& unit);

  // A one-value SQL query against the service's database (through its own connection).
  long long count(const std::string& sql);

 private:
  nlohmann::json deadlineRules_;  // null: the config file's
  TempDir dir_;
  FakeWeChatApi api_;
  FakeWeComRobot robots_;
  workflows::SettableClock clock_;
  std::map<std::string, std::string> env_;
  LogCapture logCapture_;
  std::unique_ptr<bot::Log> log_;
  std::unique_ptr<bot::Service> service_;
  int port_ = 0;
};

}  // namespace civicdesk::testing
