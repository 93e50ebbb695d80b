#pragma once
// Per-person staff notices (a task assigned, a deadline near) through a WeCom application
// message (应用消息, PROTOCOLS.md §2.1-2.2). The group robot (WeComRobotSender) reaches a
// unit's group; this reaches named people or a department, in their own chat with the app.
//
// Recipients: `to` is "user:<UserID>[|<UserID>...]" (≤1000) or "party:<dept id>[|...]"
// (≤100). "@all" is refused: a per-person notice must never reach the whole organisation by
// a typo. Holds the access_token cache and the per-member rate limit; safe to call from
// several threads. The corp secret and the token never appear in an error message.
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "channels/AccessTokenCache.hpp"
#include "channels/ChannelSender.hpp"
#include "channels/HttpEndpoint.hpp"

namespace civicdesk::channels {

struct WeComAppConfig {
  std::string baseUrl = "https://qyapi.weixin.qq.com";  // scheme://host[:port][/prefix]
  std::string corpId;                                   // 企业ID
  std::string corpSecret;  // the application's Secret (the token is per application); secret
  long agentId = 0;        // the application's AgentId
  // WeCom silently drops what an app sends one member over 30/min or 1000/h (§2.2); lower
  // them to leave headroom.
  int maxPerMinutePerMember = 30;
  int maxPerHourPerMember = 1000;
};

// A send that WeCom accepted for some recipients only (errcode 0 with invaliduser...): the
// notice did not reach everyone it was meant for, which someone should look at. WeCom's own
// lists, '|'-joined, user ids lowercased by WeCom.
struct PartialDelivery {
  std::string to;  // as given to send()
  std::string msgid;
  std::string invalidUsers;
  std::string invalidParties;
  std::string unlicensedUsers;  // valid users the corp has no licence for: not delivered
};

class WeComAppSender final : public ChannelSender {
 public:
  using Clock = std::chrono::steady_clock;
  using PartialDeliveryHandler = std::function<void(const PartialDelivery&)>;

  static constexpr std::chrono::seconds kTokenMargin{300};  // as WeChatSender's
  static constexpr std::chrono::seconds kConnectTimeout{5};
  static constexpr std::chrono::seconds kReadTimeout{10};
  static constexpr std::size_t kTextMaxBytes = 2048;  // text.content; WeCom cuts longer ones
  static constexpr std::size_t kMaxUsers = 1000;      // touser (§2.2)
  static constexpr std::size_t kMaxParties = 100;     // toparty (§2.2)

  // Throws std::invalid_argument for a bad baseUrl, an empty corpId or corpSecret, an
  // agentId below 1 or a limit below 1. `onPartial` is told of partial deliveries (the
  // service logs them), on the sending thread; `now` drives the token cache and the rate
  // limit.
  explicit WeComAppSender(WeComAppConfig config, PartialDeliveryHandler onPartial = {},
                          std::function<Clock::time_point()> now = &Clock::now);

  std::string_view name() const override { return "wecom-app"; }

  // A text message (see renderBody for why text) to `to`. Ok → WeCom's msgid (for recall),
  // also when some recipients were invalid (then onPartial is called). Not retryable:
  // bad-recipient (`to` malformed; WeCom not called), 81013 (every recipient invalid, the
  // message names them), 40056 (bad agentid) and other verdicts. Retryable: rate_limited
  // (a member's quota is used up, retryAfterSeconds says when; WeCom not called), network
  // failures, HTTP errors, -1 (busy), 45009 (frequency), and token trouble: a token WeCom
  // calls invalid or expired (40014, 42001) is refetched and the send made once more.
  Expected<std::string, SendError> send(const std::string& to, const Reply& reply) override;

  struct Recipients {
    bool party = false;            // toparty rather than touser
    std::vector<std::string> ids;  // as given
  };
  // `to` parsed and checked, or nullopt with `why` set.
  static std::optional<Recipients> parseRecipients(std::string_view to, std::string& why);

  // The message/send body. Always msgtype "text": markdown is not shown to staff who read
  // WeCom messages in WeChat (the 微工作台 plug-in, §2.2) and needs escaping of our free
  // text; textcard requires a url, which a notice does not always have. Text renders
  // everywhere, with line breaks. Longer than 2048 bytes: cut on a character boundary, "…"
  // appended (WeCom would cut it anywhere).
  static std::string renderBody(const Recipients& recipients, long agentId, std::string_view text);

 private:
  // Takes one slot for every member, or none: how long until all have room.
  std::chrono::seconds reserveSlots(const Recipients& recipients);
  Expected<AccessTokenCache::Fetched, SendError> fetchToken() const;
  Expected<std::string, SendError> post(const std::string& token, const std::string& to,
                                        const std::string& body, bool& rejected) const;
  std::string redact(std::string text, const std::string& token) const;

  WeComAppConfig config_;
  HttpEndpoint endpoint_;
  PartialDeliveryHandler onPartial_;
  std::function<Clock::time_point()> now_;
  AccessTokenCache tokens_;  // on now_'s clock

  std::mutex rateMutex_;
  // Per member ("user:<lowercased id>", or "party:<id>" standing for its members, whom we
  // cannot see), send times of the last hour, oldest first.
  std::map<std::string, std::deque<Clock::time_point>> sentAt_;
};

}  // namespace civicdesk::channels
