#include "bot/Config.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <utility>

#include <nlohmann/json.hpp>

namespace civicdesk::bot {

namespace fs = std::filesystem;

EnvLookup processEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());  // NOLINT(concurrency-mt-unsafe): read at start
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

std::string defaultConfigPath() {
  return std::string(CIVICDESK_SOURCE_DIR) + "/config/civicdesk.json";
}

namespace {

Expected<bool, std::string> parseListen(const std::string& text, Config& config) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return unexpected("listen must be host:port, got '" + text + "'");
  }
  const std::string port = text.substr(colon + 1);
  if (port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos) {
    return unexpected("listen port must be a number 0-65535, got '" + port + "'");
  }
  int value = std::stoi(port);
  if (value > 65535) return unexpected("listen port must be 0-65535, got '" + port + "'");
  config.listenHost = text.substr(0, colon);
  config.listenPort = value;
  return true;
}

Expected<int, std::string> parseInt(const std::string& name, const std::string& text, int min,
                                    int max) {
  if (text.empty() || text.size() > 9 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return unexpected(name + " must be a whole number, got '" + text + "'");
  }
  int value = std::stoi(text);
  if (value < min || value > max) {
    return unexpected(name + " must be between " + std::to_string(min) + " and " +
                      std::to_string(max));
  }
  return value;
}

std::string resolvePath(const fs::path& base, const std::string& value) {
  if (value.empty()) return value;
  fs::path p(value);
  return p.is_absolute() ? p.string() : (base / p).lexically_normal().string();
}

// "a, b,c" → {"a","b","c"}; empty items dropped.
std::vector<std::string> splitList(const std::string& text) {
  std::vector<std::string> out;
  std::string item;
  auto flush = [&] {
    const auto b = item.find_first_not_of(' ');
    const auto e = item.find_last_not_of(' ');
    if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
    item.clear();
  };
  for (char c : text) {
    if (c == ',') {
      flush();
    } else {
      item += c;
    }
  }
  flush();
  return out;
}

Expected<bool, std::string> parseBool(const std::string& name, const std::string& v) {
  if (v == "1" || v == "true" || v == "yes") return true;
  if (v == "0" || v == "false" || v == "no" || v.empty()) return false;
  return unexpected(name + " must be true or false, got '" + v + "'");
}

template <class T>
void readIfPresent(const nlohmann::json& object, const char* key, T& target) {
  if (object.contains(key) && !object.at(key).is_null()) target = object.at(key).get<T>();
}

}  // namespace

Expected<Config, std::string> loadConfig(const std::string& path, const EnvLookup& env) {
  Config config;
  config.source = path;
  std::ifstream in(path);
  if (!in) return unexpected("cannot read configuration file " + path);
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    return unexpected(path + " is not valid JSON: " + e.what());
  }
  const fs::path base = fs::absolute(path).parent_path();
  try {
    std::string listen = "127.0.0.1:8080";
    readIfPresent(json, "listen", listen);
    if (auto ok = parseListen(listen, config); !ok) return unexpected(path + ": " + ok.error());
    readIfPresent(json, "data_dir", config.dataDir);
    readIfPresent(json, "templates", config.templatesFile);
    readIfPresent(json, "units", config.unitsFile);
    readIfPresent(json, "calendar", config.calendarFile);
    readIfPresent(json, "reminders", config.remindersFile);
    if (json.contains("deadline_rules")) config.deadlineRules = json.at("deadline_rules");
    readIfPresent(json, "admin_token", config.adminToken);
    readIfPresent(json, "http_threads", config.httpThreads);
    readIfPresent(json, "dialog_idle_reset_seconds", config.dialogIdleResetSeconds);
    if (json.contains("rate_limit")) {
      const auto& r = json.at("rate_limit");
      readIfPresent(r, "burst", config.rateLimitBurst);
      readIfPresent(r, "per_minute", config.rateLimitPerMinute);
    }
    if (json.contains("wechat")) {
      const auto& w = json.at("wechat");
      readIfPresent(w, "enabled", config.wechatEnabled);
      readIfPresent(w, "token", config.wechat.token);
      readIfPresent(w, "appid", config.wechat.appId);
      readIfPresent(w, "aes_key", config.wechat.encodingAesKey);
      readIfPresent(w, "app_secret", config.wechat.appSecret);
      readIfPresent(w, "api_base", config.wechat.apiBase);
      readIfPresent(w, "reply_budget_ms", config.wechatReplyBudgetMs);
      readIfPresent(w, "secure_mode", config.wechat.requireEncryption);
      readIfPresent(w, "max_clock_skew_seconds", config.wechat.maxClockSkewSeconds);
      readIfPresent(w, "notice_template_id", config.wechat.noticeTemplateId);
    }
    if (json.contains("wecom")) {
      const auto& w = json.at("wecom");
      readIfPresent(w, "robot_base_url", config.wecomRobotBaseUrl);
      if (w.contains("app")) {
        const auto& app = w.at("app");
        readIfPresent(app, "base_url", config.wecomApp.baseUrl);
        readIfPresent(app, "corp_id", config.wecomApp.corpId);
        readIfPresent(app, "corp_secret", config.wecomApp.corpSecret);
        readIfPresent(app, "agent_id", config.wecomApp.agentId);
      }
    }
    readIfPresent(json, "public_url", config.publicUrl);
    if (json.contains("sms")) {
      const auto& s = json.at("sms");
      readIfPresent(s, "twilio_account_sid", config.sms.accountSid);
      readIfPresent(s, "twilio_auth_token", config.sms.authToken);
      readIfPresent(s, "twilio_from", config.sms.fromNumber);
      readIfPresent(s, "twilio_api_base", config.sms.apiBase);
      readIfPresent(s, "aliyun_path_token", config.sms.aliyunPathToken);
      readIfPresent(s, "tencent_path_token", config.sms.tencentPathToken);
      readIfPresent(s, "push_allow_list", config.sms.pushAllowList);
      readIfPresent(s, "reply_budget_ms", config.sms.replyBudgetMs);
    }
    if (json.contains("email")) {
      const auto& e = json.at("email");
      readIfPresent(e, "mailgun_signing_key", config.email.mailgunSigningKey);
      readIfPresent(e, "mime_token", config.email.mimeToken);
      readIfPresent(e, "smtp_url", config.email.smtpUrl);
      readIfPresent(e, "smtp_username", config.email.smtpUsername);
      readIfPresent(e, "smtp_password", config.email.smtpPassword);
      readIfPresent(e, "smtp_ca_file", config.email.smtpCaFile);
      readIfPresent(e, "smtp_require_tls", config.email.smtpRequireTls);
      readIfPresent(e, "from_address", config.email.fromAddress);
      readIfPresent(e, "from_name", config.email.fromName);
    }
    readIfPresent(json, "hotline_token", config.hotlineToken);
  } catch (const nlohmann::json::exception& e) {
    return unexpected(path + ": a setting has the wrong type: " + e.what());
  }
  // Paths in the file are relative to the file; data_dir stays relative to where the service
  // runs, so `var/` is next to the checkout a newcomer works in.
  config.templatesFile = resolvePath(base, config.templatesFile);
  config.unitsFile = resolvePath(base, config.unitsFile);
  config.calendarFile = resolvePath(base, config.calendarFile);
  config.remindersFile = resolvePath(base, config.remindersFile);

  // The environment wins over the file.
  if (auto v = env("CIVICDESK_LISTEN")) {
    if (auto ok = parseListen(*v, config); !ok)
      return unexpected("CIVICDESK_LISTEN: " + ok.error());
  }
  // Settings that are plain text: the variable wins over the file.
  for (auto [name, target] :
       {std::pair{"CIVICDESK_DATA_DIR", &config.dataDir},
        std::pair{"CIVICDESK_TEMPLATES", &config.templatesFile},
        std::pair{"CIVICDESK_UNITS", &config.unitsFile},
        std::pair{"CIVICDESK_CALENDAR", &config.calendarFile},
        std::pair{"CIVICDESK_REMINDERS", &config.remindersFile},
        std::pair{"CIVICDESK_ADMIN_TOKEN", &config.adminToken},
        std::pair{"CIVICDESK_WECHAT_TOKEN", &config.wechat.token},
        std::pair{"CIVICDESK_WECHAT_APPID", &config.wechat.appId},
        std::pair{"CIVICDESK_WECHAT_AES_KEY", &config.wechat.encodingAesKey},
        std::pair{"CIVICDESK_WECHAT_SECRET", &config.wechat.appSecret},
        std::pair{"CIVICDESK_WECHAT_API_BASE", &config.wechat.apiBase},
        std::pair{"CIVICDESK_WECOM_ROBOT_BASE_URL", &config.wecomRobotBaseUrl},
        std::pair{"CIVICDESK_WECOM_APP_BASE_URL", &config.wecomApp.baseUrl},
        std::pair{"CIVICDESK_WECOM_CORP_ID", &config.wecomApp.corpId},
        std::pair{"CIVICDESK_WECOM_CORP_SECRET", &config.wecomApp.corpSecret},
        std::pair{"CIVICDESK_WECHAT_NOTICE_TEMPLATE_ID", &config.wechat.noticeTemplateId},
        std::pair{"CIVICDESK_PUBLIC_URL", &config.publicUrl},
        std::pair{"CIVICDESK_TWILIO_ACCOUNT_SID", &config.sms.accountSid},
        std::pair{"CIVICDESK_TWILIO_AUTH_TOKEN", &config.sms.authToken},
        std::pair{"CIVICDESK_TWILIO_FROM", &config.sms.fromNumber},
        std::pair{"CIVICDESK_TWILIO_API_BASE", &config.sms.apiBase},
        std::pair{"CIVICDESK_SMS_ALIYUN_TOKEN", &config.sms.aliyunPathToken},
        std::pair{"CIVICDESK_SMS_TENCENT_TOKEN", &config.sms.tencentPathToken},
        std::pair{"CIVICDESK_MAILGUN_SIGNING_KEY", &config.email.mailgunSigningKey},
        std::pair{"CIVICDESK_EMAIL_MIME_TOKEN", &config.email.mimeToken},
        std::pair{"CIVICDESK_SMTP_URL", &config.email.smtpUrl},
        std::pair{"CIVICDESK_SMTP_USERNAME", &config.email.smtpUsername},
        std::pair{"CIVICDESK_SMTP_PASSWORD", &config.email.smtpPassword},
        std::pair{"CIVICDESK_SMTP_CA_FILE", &config.email.smtpCaFile},
        std::pair{"CIVICDESK_EMAIL_FROM", &config.email.fromAddress},
        std::pair{"CIVICDESK_EMAIL_FROM_NAME", &config.email.fromName},
        std::pair{"CIVICDESK_HOTLINE_TOKEN", &config.hotlineToken}}) {
    if (auto v = env(name)) *target = *v;
  }
  // Settings that are whole numbers, with the range each variable accepts.
  struct WholeNumber {
    const char* name;
    int* target;
    int min;
    int max;
  };
  for (const auto& [name, target, min, max] :
       {WholeNumber{"CIVICDESK_HTTP_THREADS", &config.httpThreads, 2, 1024},
        WholeNumber{"CIVICDESK_RATE_LIMIT_BURST", &config.rateLimitBurst, 0, 100000},
        WholeNumber{"CIVICDESK_RATE_LIMIT_PER_MINUTE", &config.rateLimitPerMinute, 1, 1000000},
        WholeNumber{"CIVICDESK_WECHAT_REPLY_BUDGET_MS", &config.wechatReplyBudgetMs, 1, 4900},
        WholeNumber{"CIVICDESK_WECHAT_MAX_CLOCK_SKEW_SECONDS", &config.wechat.maxClockSkewSeconds,
                    0, 86400}}) {
    if (auto v = env(name)) {
      auto n = parseInt(name, *v, min, max);
      if (!n) return unexpected(n.error());
      *target = *n;
    }
  }
  if (auto v = env("CIVICDESK_WECOM_AGENT_ID")) {
    auto n = parseInt("CIVICDESK_WECOM_AGENT_ID", *v, 1, 999999999);
    if (!n) return unexpected(n.error());
    config.wecomApp.agentId = *n;
  }
  if (auto v = env("CIVICDESK_WECHAT_SECURE_MODE")) {
    auto b = parseBool("CIVICDESK_WECHAT_SECURE_MODE", *v);
    if (!b) return unexpected(b.error());
    config.wechat.requireEncryption = *b;
  }

  if (auto v = env("CIVICDESK_SMS_PUSH_ALLOW")) config.sms.pushAllowList = splitList(*v);
  if (auto v = env("CIVICDESK_SMTP_REQUIRE_TLS")) {
    auto b = parseBool("CIVICDESK_SMTP_REQUIRE_TLS", *v);
    if (!b) return unexpected(b.error());
    config.email.smtpRequireTls = *b;
  }

  if (!config.sms.authToken.empty() && config.sms.accountSid.empty()) {
    return unexpected(
        "the Twilio webhook checks the AccountSid of every request: set sms.twilio_account_sid "
        "(CIVICDESK_TWILIO_ACCOUNT_SID) with the auth token");
  }
  if (!config.sms.authToken.empty() && config.publicUrl.empty()) {
    return unexpected(
        "Twilio signatures are checked over the URL Twilio calls: set public_url "
        "(CIVICDESK_PUBLIC_URL) with the Twilio auth token");
  }
  if (!config.email.smtpUrl.empty() && config.email.fromAddress.empty()) {
    return unexpected("SMTP needs our sender address (email.from_address or CIVICDESK_EMAIL_FROM)");
  }
  if (config.templatesFile.empty()) return unexpected(path + ": 'templates' is required");
  if (config.unitsFile.empty()) return unexpected(path + ": 'units' is required");
  if (config.calendarFile.empty()) return unexpected(path + ": 'calendar' is required");
  if (config.remindersFile.empty()) return unexpected(path + ": 'reminders' is required");
  if (!config.deadlineRules.is_object()) {
    return unexpected(path + ": 'deadline_rules' must be an object of rule overrides");
  }
  if (config.wechatEnabled && config.wechat.token.empty()) {
    return unexpected("the WeChat channel needs a token (wechat.token or CIVICDESK_WECHAT_TOKEN)");
  }
  if (config.wechatEnabled && config.wechat.requireEncryption &&
      config.wechat.encodingAesKey.empty()) {
    return unexpected("WeChat secure mode needs the EncodingAESKey (CIVICDESK_WECHAT_AES_KEY)");
  }
  if (config.wechat.maxClockSkewSeconds < 0 || config.wechat.maxClockSkewSeconds > 86400) {
    return unexpected("wechat.max_clock_skew_seconds must be 0 (not checked) to 86400");
  }
  if (config.httpThreads < 2) return unexpected("http_threads must be at least 2");
  if (config.rateLimitBurst < 0 || config.rateLimitPerMinute < 1) {
    return unexpected(
        "rate_limit: burst must be 0 (off) or more, per_minute at least 1 (messages per sender)");
  }
  return config;
}

}  // namespace civicdesk::bot
