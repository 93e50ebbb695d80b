#include "channels/wecom/WeComRobotSender.hpp"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <utility>

#include "channels/HttpEndpoint.hpp"
#include "channels/PlatformAnswer.hpp"
#include "util/Utf8.hpp"

namespace civicdesk::channels {

namespace {

using nlohmann::json;

// 45009: WeCom's frequency limit (another client on the same robot, or clock drift): passes
// by itself. 93000 is a bad or deleted key; 40008/40058 a message WeCom will never accept;
// an errcode we do not know is treated as a verdict too, so a bad message cannot loop.
bool isRobotTransient(long code) {
  return code == 45009;
}

// How a key may appear in text that ends up in logs: its last 4 characters, and only when
// the key is long enough that those 4 give nothing away (real keys are 36-character UUIDs).
std::string maskedKey(const std::string& key) {
  return key.size() >= 16 ? "..." + key.substr(key.size() - 4) : "...";
}

// WeCom's errmsg is not known to echo the key, but it is text we do not control.
std::string redact(std::string text, const std::string& key) {
  if (key.empty()) return text;
  for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at)) {
    text.replace(at, key.size(), "***");
  }
  return text;
}

std::optional<long> errcodeOf(const json& answer) {
  if (!answer.is_object()) return std::nullopt;
  const auto it = answer.find("errcode");
  if (it == answer.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<long>();
}

std::string errmsgOf(const json& answer) {
  const auto it = answer.find("errmsg");
  return it != answer.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

WeComRobotSender::WeComRobotSender(WeComRobotConfig config, std::function<Clock::time_point()> now)
    : config_(std::move(config)), now_(std::move(now)) {
  if (config_.maxPerMinute < 1) throw std::invalid_argument("maxPerMinute must be at least 1");
  if (!now_) throw std::invalid_argument("WeComRobotSender needs a clock");

  // Parsed here so a typo in the configuration fails at start-up, not at the first reminder.
  endpoint_ = HttpEndpoint(config_.baseUrl, "baseUrl", {kConnectTimeout, kReadTimeout});
}

std::string WeComRobotSender::renderBody(std::string_view text) {
  const std::string content = utf8::sanitize(text);
  if (content.size() <= kMarkdownMaxBytes) {
    return json{{"msgtype", "markdown"}, {"markdown", {{"content", content}}}}.dump();
  }
  // Too long for markdown. Cutting markdown could leave a half <font> tag, link or mention
  // that WeCom then renders wrongly or rejects; plain text shows whatever is left literally.
  // The cut keeps whole characters (a split one would make the JSON invalid UTF-8 and the
  // tail unreadable), and "…" tells staff that the full notice is in CivicDesk.
  return json{{"msgtype", "text"},
              {"text", {{"content", utf8::truncateBytes(content, kTextMaxBytes)}}}}
      .dump();
}

std::chrono::seconds WeComRobotSender::reserveSlot(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  const Clock::time_point now = now_();
  std::deque<Clock::time_point>& times = sentAt_[key];
  while (!times.empty() && now - times.front() >= kWindow) times.pop_front();
  if (times.size() < static_cast<std::size_t>(config_.maxPerMinute)) {
    // Counted before the request and kept even if it fails: the server may have counted it.
    times.push_back(now);
    return std::chrono::seconds::zero();
  }
  const auto wait = times.front() + kWindow - now;
  return std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(wait));
}

Expected<std::string, SendError> WeComRobotSender::send(const std::string& key,
                                                        const Reply& reply) {
  if (key.empty()) return unexpected(SendError{false, "no-recipient", "no robot key"});
  if (reply.text.empty()) return unexpected(SendError{false, "empty-text", "nothing to send"});

  // Refused here, never sent to be dropped: WeCom discards what is over its limit, while a
  // retryable error keeps the notice in the outbox until the window has room.
  if (const std::chrono::seconds wait = reserveSlot(key); wait > std::chrono::seconds::zero()) {
    return unexpected(SendError{true, "rate_limited",
                                "robot limit " + std::to_string(config_.maxPerMinute) +
                                    "/min; retry after " + std::to_string(wait.count()) + "s",
                                static_cast<int>(wait.count())});
  }

  const std::string who = "robot " + maskedKey(key) + ": ";
  httplib::Client client = endpoint_.makeClient();
  const std::string path = endpoint_.path("/cgi-bin/webhook/send?key=" + percentEncode(key));
  httplib::Result result = client.Post(path, renderBody(reply.text), "application/json");

  // Transport failures and any non-200 (5xx, or a proxy's 4xx while it is misconfigured)
  // are retryable: someone can fix them, and the notice must not be lost meanwhile.
  if (!result || result->status != 200) {
    return unexpected(platform::httpFailure(result, "robot " + maskedKey(key)));
  }
  const json answer = json::parse(result->body, nullptr, false);
  const std::optional<long> errcode = errcodeOf(answer);
  if (!errcode) return unexpected(SendError{true, "bad-response", who + "no errcode"});
  if (*errcode == 0) return std::string();
  const std::string code = std::to_string(*errcode);
  return unexpected(SendError{isRobotTransient(*errcode), code,
                              who + "errcode " + code + " " + redact(errmsgOf(answer), key)});
}

}  // namespace civicdesk::channels
