#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "bot/Config.hpp"
#include "bot/ReplyWindow.hpp"
#include "tests/support/TempDir.hpp"

namespace civicdesk::bot {
namespace {

EnvLookup envOf(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const std::string& name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

TEST(Config, TheDemoConfigurationLoadsWithItsDefaults) {
  auto config = loadConfig(defaultConfigPath(), envOf({}));
  ASSERT_TRUE(config) << config.error();
  EXPECT_EQ(config->listenHost, "127.0.0.1");
  EXPECT_EQ(config->listenPort, 8080);
  EXPECT_EQ(config->dataDir, "var");
  EXPECT_EQ(config->databasePath(), "var/civicdesk.db");
  // Paths in the file are relative to the file's folder.
  EXPECT_EQ(config->templatesFile,
            std::string(CIVICDESK_SOURCE_DIR) + "/config/templates.zh-CN.json");
  EXPECT_EQ(config->unitsFile, std::string(CIVICDESK_SOURCE_DIR) + "/config/units.json");
  EXPECT_TRUE(config->wechat.encodingAesKey.empty());
}

TEST(Config, EnvironmentOverridesTheFile) {
  auto config =
      loadConfig(defaultConfigPath(), envOf({{"CIVICDESK_LISTEN", "0.0.0.0:9090"},
                                             {"CIVICDESK_DATA_DIR", "/srv/civicdesk"},
                                             {"CIVICDESK_WECHAT_TOKEN", "tok"},
                                             {"CIVICDESK_WECHAT_APPID", "wxabc"},
                                             {"CIVICDESK_WECHAT_AES_KEY", "k"},
                                             {"CIVICDESK_WECHAT_SECRET", "s"},
                                             {"CIVICDESK_WECHAT_API_BASE", "http://127.0.0.1:1"},
                                             {"CIVICDESK_HTTP_THREADS", "16"},
                                             {"CIVICDESK_RATE_LIMIT_BURST", "0"},
                                             {"CIVICDESK_RATE_LIMIT_PER_MINUTE", "90"},
                                             {"CIVICDESK_WECHAT_REPLY_BUDGET_MS", "3000"},
                                             {"CIVICDESK_WECHAT_MAX_CLOCK_SKEW_SECONDS", "0"}}));
  ASSERT_TRUE(config) << config.error();
  EXPECT_EQ(config->wechat.maxClockSkewSeconds, 0);  // the freshness check off
  EXPECT_EQ(config->httpThreads, 16);
  EXPECT_EQ(config->rateLimitBurst, 0);  // the limit off
  EXPECT_EQ(config->rateLimitPerMinute, 90);
  EXPECT_EQ(config->wechatReplyBudgetMs, 3000);
  EXPECT_EQ(config->listenHost, "0.0.0.0");
  EXPECT_EQ(config->listenPort, 9090);
  EXPECT_EQ(config->databasePath(), "/srv/civicdesk/civicdesk.db");
  EXPECT_EQ(config->wechat.token, "tok");
  EXPECT_EQ(config->wechat.appId, "wxabc");
  EXPECT_EQ(config->wechat.encodingAesKey, "k");
  EXPECT_EQ(config->wechat.appSecret, "s");
  EXPECT_EQ(config->wechat.apiBase, "http://127.0.0.1:1");
}

TEST(Config, BadValuesNameTheSetting) {
  for (const auto& [name, value] :
       // A list, not a map: the same variable appears with more than one bad value.
       std::vector<std::pair<std::string, std::string>>{
           {"CIVICDESK_LISTEN", "localhost"},
           {"CIVICDESK_LISTEN", "127.0.0.1:99999"},
           {"CIVICDESK_HTTP_THREADS", "many"},
           {"CIVICDESK_WECHAT_REPLY_BUDGET_MS", "6000"},
           {"CIVICDESK_WECHAT_SECURE_MODE", "maybe"},
           {"CIVICDESK_WECHAT_MAX_CLOCK_SKEW_SECONDS", "-5"},
           {"CIVICDESK_WECHAT_MAX_CLOCK_SKEW_SECONDS", "86401"},
           {"CIVICDESK_RATE_LIMIT_BURST", "-1"},
           {"CIVICDESK_RATE_LIMIT_PER_MINUTE", "0"},
           {"CIVICDESK_RATE_LIMIT_PER_MINUTE", "lots"}}) {
    auto config = loadConfig(defaultConfigPath(), envOf({{name, value}}));
    ASSERT_FALSE(config) << name << "=" << value;
    EXPECT_NE(config.error().find(name), std::string::npos) << config.error();
  }
}

TEST(Config, AFileThatIsNotJsonIsRefusedWithItsPath) {
  testing::TempDir dir;
  std::ofstream(dir.file("bad.json")) << "{ not json";
  auto config = loadConfig(dir.file("bad.json"), envOf({}));
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().find("bad.json"), std::string::npos);
}

TEST(Config, WeChatWithoutATokenIsRefused) {
  testing::TempDir dir;
  std::ofstream(dir.file("c.json"))
      << R"({"templates":"t.json","units":"u.json","calendar":"c.json","reminders":"r.json","wechat":{"token":""}})";
  auto config = loadConfig(dir.file("c.json"), envOf({}));
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().find("token"), std::string::npos);
}

TEST(Config, StaffNotificationChannelsComeFromTheEnvironmentToo) {
  auto config = loadConfig(defaultConfigPath(),
                           envOf({{"CIVICDESK_WECOM_ROBOT_BASE_URL", "http://127.0.0.1:9"},
                                  {"CIVICDESK_WECOM_CORP_ID", "ww123"},
                                  {"CIVICDESK_WECOM_CORP_SECRET", "s"},
                                  {"CIVICDESK_WECOM_AGENT_ID", "1000002"},
                                  {"CIVICDESK_WECHAT_NOTICE_TEMPLATE_ID", "tmpl"}}));
  ASSERT_TRUE(config) << config.error();
  EXPECT_EQ(config->wecomRobotBaseUrl, "http://127.0.0.1:9");
  EXPECT_EQ(config->wecomApp.corpId, "ww123");
  EXPECT_EQ(config->wecomApp.corpSecret, "s");
  EXPECT_EQ(config->wecomApp.agentId, 1000002);
  EXPECT_EQ(config->wechat.noticeTemplateId, "tmpl");
  EXPECT_FALSE(loadConfig(defaultConfigPath(), envOf({{"CIVICDESK_WECOM_AGENT_ID", "x"}})));
}

TEST(Config, SecureModeNeedsTheAesKey) {
  auto without = loadConfig(defaultConfigPath(), envOf({{"CIVICDESK_WECHAT_SECURE_MODE", "true"}}));
  ASSERT_FALSE(without);
  EXPECT_NE(without.error().find("CIVICDESK_WECHAT_AES_KEY"), std::string::npos);
  auto with = loadConfig(
      defaultConfigPath(),
      envOf({{"CIVICDESK_WECHAT_SECURE_MODE", "true"},
             {"CIVICDESK_WECHAT_AES_KEY", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"}}));
  ASSERT_TRUE(with) << with.error();
  EXPECT_TRUE(with->wechat.requireEncryption);
}

TEST(ReplyWindow, TheFirstToDecideWins) {
  ReplyWindow passiveFirst;
  EXPECT_TRUE(passiveFirst.claimPassive());
  EXPECT_FALSE(passiveFirst.giveUp());  // handler must wait for the commit
  ReplyWindow lateFirst;
  EXPECT_TRUE(lateFirst.giveUp());
  EXPECT_FALSE(lateFirst.claimPassive());  // dispatcher must queue the replies
}

}  // namespace
}  // namespace civicdesk::bot
