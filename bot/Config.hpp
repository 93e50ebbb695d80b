#pragma once
// Every setting of the service. Read from a JSON file (the demo district's by default), then
// overridden by CIVICDESK_* environment variables, so a deployment can keep secrets out of
// files. Relative paths in a file are relative to that file's folder.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "channels/wechat/WeChatConfig.hpp"
#include "channels/wecom/WeComAppSender.hpp"
#include "util/Expected.hpp"

namespace civicdesk::bot {

// SMS (PROTOCOLS.md §3). Each part is on when its secret is set.
struct SmsSettings {
  // Twilio-compatible gateway: inbound webhook /sms/twilio (signed with the auth token over
  // publicUrl) and outbound REST API. On when authToken is set.
  std::string accountSid;
  std::string authToken;
  std::string fromNumber;  // our number, E.164
  std::string apiBase = "https://api.twilio.com";
  // Aliyun / Tencent pushes: /sms/aliyun/{token}, /sms/tencent/{token}; on when set.
  std::string aliyunPathToken;
  std::string tencentPathToken;
  std::vector<std::string> pushAllowList;  // peer addresses allowed to push; empty: any
  int replyBudgetMs = 10000;               // Twilio waits 15 s in all
};

// Email (PROTOCOLS.md §4).
struct EmailSettings {
  std::string mailgunSigningKey;  // /email/mailgun on when set
  std::string mimeToken;          // /email/mime (Bearer) on when set
  std::string smtpUrl;            // smtp://host:587 (STARTTLS) or smtps://host:465; empty: none
  std::string smtpUsername;
  std::string smtpPassword;
  std::string smtpCaFile;  // empty: the system's trust store
  bool smtpRequireTls = true;
  std::string fromAddress;  // our address, e.g. xinxi@qingxi.gov.example
  std::string fromName;  // From display name, e.g. "青溪区政务公开办"; empty: the address only
};

struct Config {
  std::string listenHost = "127.0.0.1";
  int listenPort = 8080;  // 0: any free port (tests)
  std::string dataDir = "var";
  std::string templatesFile;  // texts citizens read (zh-CN)
  std::string unitsFile;      // the district's unit directory
  std::string calendarFile;   // official holidays and make-up working days
  std::string remindersFile;  // reminder ladders per deadline rule
  nlohmann::json deadlineRules = nlohmann::json::object();  // overrides of the statutory periods
  std::string adminToken;                                   // empty: admin endpoints refused
  int httpThreads = 64;  // handler threads for the HTTP routes that may block (HttpServer.hpp)
  std::int64_t dialogIdleResetSeconds = 24 * 3600;
  int wechatReplyBudgetMs = 4000;  // WeChat waits 5 s; answer `success` after this
  // Per-sender limit on chat messages (RateLimiter.hpp); a burst of 0 turns it off.
  int rateLimitBurst = 20;
  int rateLimitPerMinute = 30;
  bool wechatEnabled = true;
  channels::WeChatConfig wechat;
  std::string wecomRobotBaseUrl;      // WeCom group robots for staff notices; empty: none
  channels::WeComAppConfig wecomApp;  // WeCom application messages; corpId empty: none
  std::string publicUrl;              // the external base URL platforms call (Twilio signatures)
  SmsSettings sms;
  EmailSettings email;
  std::string hotlineToken;  // POST /hotline/transcripts (Bearer) on when set
  std::string source;        // where it came from, for the start-up log

  std::string databasePath() const { return dataDir + "/civicdesk.db"; }
};

// Looks a variable up; injectable so tests need not touch the process environment.
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
EnvLookup processEnvironment();

// The file the service uses when none is given: the demo district in the source tree.
std::string defaultConfigPath();

// Reads `path` then applies the environment. Errors name the file and the setting.
Expected<Config, std::string> loadConfig(const std::string& path, const EnvLookup& env);

}  // namespace civicdesk::bot
