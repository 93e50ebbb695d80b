#include "channels/wechat/WeChatSender.hpp"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <optional>
#include <stdexcept>
#include <utility>

#include "channels/PlatformAnswer.hpp"
#include "channels/wechat/WeChatNotice.hpp"

namespace civicdesk::channels {

namespace {

using nlohmann::json;
using platform::httpFailure;
using platform::longField;
using platform::retryable;

// Codes meaning "the access_token is bad", not "the message is bad" (§1.7).
bool isWeChatTokenRejection(long code) {
  return code == 40001 || code == 40014 || code == 42001;
}

// Codes that may pass on their own: -1 system busy, 45009 daily quota, 45011 rate limit.
// Every other errcode is WeChat's verdict on this message (45015 outside the 48 h window,
// 45047 too many sends, 40003 bad OpenID, malformed content...), and sending it again would
// get the same answer.
bool isWeChatTransient(long code) {
  return code == -1 || code == 45009 || code == 45011;
}

// The customer-service window is closed for this citizen: 45015 (48 h since their last
// message, or unsubscribed) or 45047 (the sends their last message allowed are used up). A
// template message is not bound to that window.
bool isWindowClosed(const std::string& code) {
  return code == "45015" || code == "45047";
}

constexpr std::string_view kCustomSend = "/cgi-bin/message/custom/send";
constexpr std::string_view kTemplateSend = "/cgi-bin/message/template/send";

// A string field that tolerates a wrong type (see platform::longField).
std::string stringField(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

WeChatSender::WeChatSender(WeChatConfig config, std::function<Clock::time_point()> now)
    : config_(std::move(config)), tokens_([this] { return fetchToken(); }, std::move(now)) {
  if (config_.appId.empty() || config_.appSecret.empty()) {
    throw std::invalid_argument("WeChatSender needs the AppID and AppSecret");
  }

  // Parsed here so a typo fails at start-up rather than on the first complaint that needs
  // an answer.
  endpoint_ = HttpEndpoint(config_.apiBase, "apiBase", {kConnectTimeout, kReadTimeout});
}

Expected<std::string, SendError> WeChatSender::send(const std::string& to, const Reply& reply) {
  if (to.empty()) return unexpected(SendError{false, "no-recipient", "no OpenID to send to"});
  if (reply.text.empty()) return unexpected(SendError{false, "empty-text", "nothing to send"});
  // Raw UTF-8 (ensure_ascii off); invalid UTF-8 becomes U+FFFD instead of throwing.
  const std::string body =
      json{{"touser", to}, {"msgtype", "text"}, {"text", {{"content", reply.text}}}}.dump(
          -1, ' ', false, json::error_handler_t::replace);
  Expected<std::string, SendError> sent =
      postWithToken(kCustomSend, body, "customer-service send", reply.idempotencyKey);
  if (sent || !isWindowClosed(sent.error().code) || config_.noticeTemplateId.empty()) return sent;

  // Outside the window: the customer-service API will keep refusing, so try the template.
  const std::string what = "template send (window closed, " + sent.error().code + ")";
  return postWithToken(kTemplateSend, renderTemplateBody(to, config_.noticeTemplateId, reply.text),
                       what, reply.idempotencyKey);
}

std::string WeChatSender::renderTemplateBody(const std::string& openid,
                                             const std::string& templateId, std::string_view text) {
  const NoticeFields fields = splitNotice(text);
  const json data = {{"first", {{"value", fields.first}}},
                     {"keyword1", {{"value", fields.caseNumber}}},
                     {"remark", {{"value", fields.remark}}}};
  return json{{"touser", openid}, {"template_id", templateId}, {"data", data}}.dump(
      -1, ' ', false, json::error_handler_t::replace);
}

Expected<std::string, SendError> WeChatSender::postWithToken(std::string_view apiPath,
                                                             const std::string& body,
                                                             std::string_view what,
                                                             const std::string& idempotencyKey) {
  // A rejected token is refetched and the call made once more (AccessTokenCache::withToken).
  return tokens_.withToken([&](const std::string& token, bool& rejected) {
    return postMessage(token, apiPath, body, what, idempotencyKey, rejected);
  });
}

Expected<AccessTokenCache::Fetched, SendError> WeChatSender::fetchToken() const {
  httplib::Client client = endpoint_.makeClient();
  const std::string path = endpoint_.path(
      "/cgi-bin/token?grant_type=client_credential&appid=" + percentEncode(config_.appId) +
      "&secret=" + percentEncode(config_.appSecret));
  httplib::Result result = client.Get(path);
  if (!result || result->status != 200) return unexpected(httpFailure(result, "token request"));

  const json answer = json::parse(result->body, nullptr, false);
  if (answer.is_discarded() || !answer.is_object()) {
    return unexpected(retryable("bad-response", "token request: not a JSON object"));
  }
  const auto token = answer.find("access_token");
  if (token == answer.end() || !token->is_string() || token->get<std::string>().empty()) {
    // Wrong AppSecret, an IP not on the whitelist, quota: fixed by an administrator, not by
    // dropping the message, so still retryable.
    const std::string code = std::to_string(longField(answer, "errcode").value_or(0));
    return unexpected(retryable(
        code, "token refused: errcode " + code + " " + redact(stringField(answer, "errmsg"), "")));
  }
  const std::chrono::seconds expiresIn(longField(answer, "expires_in").value_or(7200));
  return AccessTokenCache::Fetched{token->get<std::string>(),
                                   AccessTokenCache::lifetimeFor(expiresIn, kTokenMargin)};
}

Expected<std::string, SendError> WeChatSender::postMessage(
    const std::string& token, std::string_view apiPath, const std::string& body,
    std::string_view what, const std::string& idempotencyKey, bool& rejected) const {
  httplib::Client client = endpoint_.makeClient();
  const std::string path =
      endpoint_.path(std::string(apiPath) + "?access_token=" + percentEncode(token));
  // Not a WeChat feature (WeChat ignores the header): what a deduping proxy or fake reads.
  httplib::Headers headers;
  if (!idempotencyKey.empty()) headers.emplace("X-Idempotency-Key", idempotencyKey);
  httplib::Result result = client.Post(path, headers, body, "application/json; charset=utf-8");
  if (!result || result->status != 200) return unexpected(httpFailure(result, what));

  const json answer = json::parse(result->body, nullptr, false);
  const std::optional<long> errcode =
      answer.is_object() ? longField(answer, "errcode") : std::nullopt;
  if (!errcode) return unexpected(retryable("bad-response", std::string(what) + ": no errcode"));
  const long code = *errcode;
  if (code == 0) {
    const auto msgid = answer.find("msgid");
    if (msgid == answer.end()) return std::string();
    return msgid->is_string() ? msgid->get<std::string>() : msgid->dump();
  }
  rejected = isWeChatTokenRejection(code);
  const std::string message = std::string(what) + ": errcode " + std::to_string(code) + " " +
                              redact(stringField(answer, "errmsg"), token);
  return unexpected(SendError{rejected || isWeChatTransient(code), std::to_string(code), message});
}

std::string WeChatSender::redact(std::string text, const std::string& token) const {
  // WeChat's errmsg is not known to echo credentials, but it is text we do not control and it
  // ends up in logs: make sure neither the secret nor the token can ride along.
  for (const std::string* secret : {&config_.appSecret, &token}) {
    if (secret->empty()) continue;
    for (std::size_t at = text.find(*secret); at != std::string::npos;
         at = text.find(*secret, at + 3)) {
      text.replace(at, secret->size(), "***");
    }
  }
  return text;
}

}  // namespace civicdesk::channels
