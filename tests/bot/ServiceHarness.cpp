#include "tests/bot/ServiceHarness.hpp"

#include <chrono>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include <SQLiteCpp/Statement.h>

#include "bot/staff/StaffTokens.hpp"
#include "store/Staff.hpp"
#include "store/Store.hpp"

namespace civicdesk::testing {

namespace {
// 2026-11-27 10:00 in Shanghai.
workflows::TimePoint testStart() {
  return workflows::TimePoint(std::chrono::seconds(1795744800));
}
}  // namespace

ServiceHarness::ServiceHarness(Env env)
    : api_(kTestAppId, kTestSecret), clock_(testStart()), env_(std::move(env)) {
  env_.emplace("CIVICDESK_LISTEN", "127.0.0.1:0");
  env_.emplace("CIVICDESK_DATA_DIR", dir_.path().string());
  env_.emplace("CIVICDESK_WECHAT_TOKEN", kTestToken);
  env_.emplace("CIVICDESK_WECHAT_APPID", kTestAppId);
  env_.emplace("CIVICDESK_WECHAT_SECRET", kTestSecret);
  env_.emplace("CIVICDESK_WECHAT_API_BASE", api_.baseUrl());
  env_.emplace("CIVICDESK_HTTP_THREADS", "8");
  env_.emplace("CIVICDESK_ADMIN_TOKEN", kTestAdminToken);
  env_.emplace("CIVICDESK_WECOM_ROBOT_BASE_URL", robots_.baseUrl());
  // The demo directory, with a robot for every unit.
  std::ifstream in(std::string(CIVICDESK_SOURCE_DIR) + "/config/units.json");
  auto units = nlohmann::json::parse(in);
  for (auto& unit : units.at("units")) {
    const std::string key = kRobotKeyPrefix + unit.at("id").get<std::string>();
    unit["wecomRobotKey"] = key;
    // Staff mailboxes too: used only when a test configures SMTP.
    unit["staffEmail"] = "staff-" + unit.at("id").get<std::string>() + "@qingxi-demo.gov.cn";
    robots_.addKey(key);
  }
  std::ofstream(dir_.file("units.json")) << units.dump(2);
  env_.emplace("CIVICDESK_UNITS", dir_.file("units.json"));
}

ServiceHarness::~ServiceHarness() {
  stop();
}

void ServiceHarness::start() {
  auto lookup = [this](const std::string& name) -> std::optional<std::string> {
    auto it = env_.find(name);
    if (it == env_.end()) return std::nullopt;
    return it->second;
  };
  auto config = bot::loadConfig(bot::defaultConfigPath(), lookup);
  if (!config) throw std::runtime_error(config.error());
  if (!deadlineRules_.is_null()) config->deadlineRules = deadlineRules_;
  log_ = std::make_unique<bot::Log>(logCapture_.stream(), bot::Log::Level::Debug);
  service_ = std::make_unique<bot::Service>(*config, clock_, *log_, &clock_);
  port_ = service_->start();
}

void ServiceHarness::stop() {
  if (service_) service_->stop();
  service_.reset();
}

std::string ServiceHarness::addStaff(const std::string& name, const std::string& role,
                                     const std::string& unit) {
  const std::string token = bot::newStaffToken();
  store::StaffMember member;
  member.name = name;
  member.role = role;
  member.unitId = unit;
  member.tokenHash = bot::hashStaffToken(token);
  std::lock_guard lock(service_->storeMutex());
  store::Staff(service_->store()).add(member, clock_.nowSeconds());
  return token;
}

long long ServiceHarness::count(const std::string& sql) {
  std::lock_guard lock(service_->storeMutex());
  SQLite::Statement query(service_->store().db(), sql);
  if (!query.executeStep()) return 0;
  return query.getColumn(0).getInt64();
}

}  // namespace civicdesk::testing
