#pragma once
// Proactive sends over the official account's customer-service API (客服消息,
// PROTOCOLS.md §1.7): the answer WeChat's 5-second passive reply could not carry, and notices
// (acceptance, extension, feedback) that may come days after the citizen's last message. Those
// fall outside the 48 h window; with WeChatConfig::noticeTemplateId set they go out as a
// template message (模板消息) instead. Holds the access_token cache; safe to call from several
// threads at once.
#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "channels/AccessTokenCache.hpp"
#include "channels/ChannelSender.hpp"
#include "channels/HttpEndpoint.hpp"
#include "channels/wechat/WeChatConfig.hpp"

namespace civicdesk::channels {

class WeChatSender final : public ChannelSender {
 public:
  using Clock = std::chrono::steady_clock;

  // Refetch the token this long before WeChat says it expires, so a token is never used in
  // its last minutes (and a slow send never races the expiry).
  static constexpr std::chrono::seconds kTokenMargin{300};
  static constexpr std::chrono::seconds kConnectTimeout{5};
  static constexpr std::chrono::seconds kReadTimeout{10};

  // Throws std::invalid_argument when config.apiBase is not http(s)://host[:port][/prefix], or
  // the AppID/AppSecret are empty. `now` drives the token cache (a fake clock in tests).
  explicit WeChatSender(WeChatConfig config, std::function<Clock::time_point()> now = &Clock::now);

  std::string_view name() const override { return "wechat"; }

  // A text customer-service message to the OpenID `to`. Ok → WeChat's msgid when it gives one,
  // else "". Errors: 45015 (outside the 48 h window), 45047 (too many sends), 40003 (bad
  // OpenID) and other verdicts of WeChat are not retryable; network failures, HTTP 5xx, -1
  // (system busy), 45009/45011 (quota/rate) and token trouble are. A token WeChat calls
  // invalid or expired (40001, 40014, 42001) is refetched and the send tried once more.
  //
  // On 45015/45047 with a notice template configured, the text is sent as that template
  // (fields per splitNotice) and the result is the template send's: Ok → its msgid; errors
  // classified as above (43004 not subscribed, 40037 bad template id: not retryable; -1:
  // retryable), the message saying it followed a closed window.
  //
  // reply.idempotencyKey, when set, is sent as an X-Idempotency-Key header with either call.
  // WeChat documents no idempotency header for these APIs and ignores it; a proxy or a test
  // fake can dedupe on it. Against real WeChat, a send whose success we could not record (a
  // crash between its answer and the outbox commit) is sent again: a duplicate message.
  Expected<std::string, SendError> send(const std::string& to, const Reply& reply) override;

  // The template/send body for `text` to `openid` (exposed for tests and previews).
  static std::string renderTemplateBody(const std::string& openid, const std::string& templateId,
                                        std::string_view text);

 private:
  Expected<AccessTokenCache::Fetched, SendError> fetchToken() const;
  // POSTs `body` to `apiPath` ("/cgi-bin/message/custom/send"), refetching a rejected token
  // once. `what` names the call in error messages; `idempotencyKey`, when not empty, goes in
  // an X-Idempotency-Key header (see send()).
  Expected<std::string, SendError> postWithToken(std::string_view apiPath, const std::string& body,
                                                 std::string_view what,
                                                 const std::string& idempotencyKey);
  // One POST; `rejected` is set when WeChat refused the token rather than the message.
  Expected<std::string, SendError> postMessage(const std::string& token, std::string_view apiPath,
                                               const std::string& body, std::string_view what,
                                               const std::string& idempotencyKey,
                                               bool& rejected) const;
  std::string redact(std::string text, const std::string& token) const;

  WeChatConfig config_;
  HttpEndpoint endpoint_;
  AccessTokenCache tokens_;
};

}  // namespace civicdesk::channels
