#include "channels/wecom/WeComAppSender.hpp"
#include "channels/PlatformAnswer.hpp"
#include "util/AsciiText.hpp"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <utility>

#include "util/Utf8.hpp"

namespace civicdesk::channels {

namespace {

using nlohmann::json;
using platform::httpFailure;
using platform::longField;
using platform::retryable;

constexpr std::chrono::seconds kMinute{60};
constexpr std::chrono::seconds kHour{3600};

// In WeCom 40014 and 42001 mean "this access_token is bad" (40001 is a bad secret, at
// gettoken): refetch and try once more.
bool isWeComTokenRejection(long code) {
  return code == 40014 || code == 42001;
}

// May pass on their own: -1 system busy, 45009 frequency limit. Any other errcode is WeCom's
// verdict on this message (81013 no valid recipient, 40056 bad agentid, 40008 bad type...).
bool isWeComAppTransient(long code) {
  return code == -1 || code == 45009;
}

// A string field; a list, should WeCom ever send one, joined with '|' as touser is.
std::string listField(const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (!it->is_array()) return "";
  std::string joined;
  for (const json& item : *it) {
    if (!joined.empty()) joined += '|';
    joined += item.is_string() ? item.get<std::string>() : item.dump();
  }
  return joined;
}

std::vector<std::string> split(std::string_view list) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t bar = list.find('|'); bar != std::string_view::npos;
       bar = list.find('|', start)) {
    parts.emplace_back(list.substr(start, bar - start));
    start = bar + 1;
  }
  parts.emplace_back(list.substr(start));
  return parts;
}

// WeCom UserIDs: 1-64 of letters, digits, '_', '-', '.', '@'. Checked so that a stray
// separator or space fails here, as a bad recipient, rather than as a half-delivered send.
bool isUserId(const std::string& id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '-' || c == '.' || c == '@';
  });
}

bool isPartyId(const std::string& id) {
  return !id.empty() && id.size() <= 10 &&
         std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isdigit(c); });
}

// How long until fewer than `max` of `times` (oldest first) lie within `window` of `now`.
WeComAppSender::Clock::duration untilRoom(
    const std::deque<WeComAppSender::Clock::time_point>& times,
    WeComAppSender::Clock::time_point now, WeComAppSender::Clock::duration window,
    std::size_t max) {
  const auto firstInside = std::upper_bound(times.begin(), times.end(), now - window);
  const auto inside = static_cast<std::size_t>(times.end() - firstInside);
  if (inside < max) return WeComAppSender::Clock::duration::zero();
  return *(firstInside + static_cast<std::ptrdiff_t>(inside - max)) + window - now;
}

}  // namespace

WeComAppSender::WeComAppSender(WeComAppConfig config, PartialDeliveryHandler onPartial,
                               std::function<Clock::time_point()> now)
    : config_(std::move(config)),
      onPartial_(std::move(onPartial)),
      now_(std::move(now)),
      tokens_([this] { return fetchToken(); }, now_) {
  if (config_.corpId.empty() || config_.corpSecret.empty()) {
    throw std::invalid_argument("WeComAppSender needs the corpId and the application's secret");
  }
  if (config_.agentId < 1) throw std::invalid_argument("WeComAppSender needs the agentId");
  if (config_.maxPerMinutePerMember < 1 || config_.maxPerHourPerMember < 1) {
    throw std::invalid_argument("WeComAppSender limits must be at least 1");
  }
  // Parsed here so a typo fails at start-up, not at the first task notice.
  endpoint_ = HttpEndpoint(config_.baseUrl, "baseUrl", {kConnectTimeout, kReadTimeout});
}

std::optional<WeComAppSender::Recipients> WeComAppSender::parseRecipients(std::string_view to,
                                                                          std::string& why) {
  Recipients recipients;
  std::string_view list;
  if (to.starts_with("user:")) {
    list = to.substr(5);
  } else if (to.starts_with("party:")) {
    recipients.party = true;
    list = to.substr(6);
  } else {
    why = "recipient must be user:<UserID> or party:<department id>";
    return std::nullopt;
  }
  recipients.ids = split(list);
  const std::size_t max = recipients.party ? kMaxParties : kMaxUsers;
  if (recipients.ids.size() > max) {
    why = "more than " + std::to_string(max) + " recipients";
    return std::nullopt;
  }
  for (const std::string& id : recipients.ids) {
    if (!recipients.party && ascii::lower(id) == "@all") {
      why = "@all is refused: a notice goes to named people";
      return std::nullopt;
    }
    if (recipients.party ? !isPartyId(id) : !isUserId(id)) {
      why = recipients.party ? "a department id is not a number" : "a UserID is malformed";
      return std::nullopt;
    }
  }
  return recipients;
}

std::string WeComAppSender::renderBody(const Recipients& recipients, long agentId,
                                       std::string_view text) {
  std::string content = utf8::sanitize(text);
  content = utf8::truncateBytes(content, kTextMaxBytes);
  std::string joined;
  for (const std::string& id : recipients.ids) {
    if (!joined.empty()) joined += '|';
    joined += id;
  }
  return json{{recipients.party ? "toparty" : "touser", joined},
              {"msgtype", "text"},
              {"agentid", agentId},
              {"text", {{"content", content}}}}
      .dump();
}

std::chrono::seconds WeComAppSender::reserveSlots(const Recipients& recipients) {
  std::lock_guard<std::mutex> lock(rateMutex_);
  const Clock::time_point now = now_();
  const auto perMinute = static_cast<std::size_t>(config_.maxPerMinutePerMember);
  const auto perHour = static_cast<std::size_t>(config_.maxPerHourPerMember);
  std::vector<std::deque<Clock::time_point>*> members;
  Clock::duration wait = Clock::duration::zero();
  for (const std::string& id : recipients.ids) {
    // UserIDs are case-insensitive at WeCom (it answers them lowercased): one member, one
    // budget, however a caller spells it.
    auto& times = sentAt_[recipients.party ? "party:" + id : "user:" + ascii::lower(id)];
    while (!times.empty() && now - times.front() >= kHour) times.pop_front();
    wait = std::max(
        {wait, untilRoom(times, now, kMinute, perMinute), untilRoom(times, now, kHour, perHour)});
    // "user:a|A" is one member and one message.
    if (std::find(members.begin(), members.end(), &times) == members.end()) {
      members.push_back(&times);
    }
  }
  if (wait > Clock::duration::zero()) {
    return std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(wait));
  }
  // All or none: a send refused for one member must not use up the others' budget. Kept
  // whatever then happens to the request: WeCom may have counted it, and erring towards
  // waiting is what keeps a notice from being dropped.
  for (auto* times : members) times->push_back(now);
  return std::chrono::seconds::zero();
}

Expected<std::string, SendError> WeComAppSender::send(const std::string& to, const Reply& reply) {
  std::string why;
  const std::optional<Recipients> recipients = parseRecipients(to, why);
  if (!recipients) return unexpected(SendError{false, "bad-recipient", why});
  if (reply.text.empty()) return unexpected(SendError{false, "empty-text", "nothing to send"});

  // Refused here rather than sent to be dropped: WeCom discards what is over its limit
  // without saying so, while a deferred row waits in the outbox until there is room.
  if (const std::chrono::seconds wait = reserveSlots(*recipients);
      wait > std::chrono::seconds::zero()) {
    return unexpected(SendError{
        true, "rate_limited",
        "wecom-app: a recipient's limit of " + std::to_string(config_.maxPerMinutePerMember) +
            "/min or " + std::to_string(config_.maxPerHourPerMember) +
            "/h is used up; retry after " + std::to_string(wait.count()) + "s",
        static_cast<int>(wait.count())});
  }

  const std::string body = renderBody(*recipients, config_.agentId, reply.text);
  // A rejected token is refetched and the send made once more (AccessTokenCache::withToken).
  return tokens_.withToken(
      [&](const std::string& token, bool& rejected) { return post(token, to, body, rejected); });
}

Expected<AccessTokenCache::Fetched, SendError> WeComAppSender::fetchToken() const {
  httplib::Client client = endpoint_.makeClient();
  const std::string path =
      endpoint_.path("/cgi-bin/gettoken?corpid=" + percentEncode(config_.corpId) +
                     "&corpsecret=" + percentEncode(config_.corpSecret));
  httplib::Result result = client.Get(path);
  if (!result || result->status != 200) return unexpected(httpFailure(result, "wecom gettoken"));

  const json answer = json::parse(result->body, nullptr, false);
  if (!answer.is_object()) {
    return unexpected(retryable("bad-response", "wecom gettoken: not a JSON object"));
  }
  const auto token = answer.find("access_token");
  if (token == answer.end() || !token->is_string() || token->get<std::string>().empty()) {
    // A wrong secret or corp id, an IP not on the app's whitelist: an administrator fixes
    // them, and the notice must wait meanwhile rather than be dropped.
    const std::string code = std::to_string(longField(answer, "errcode").value_or(0));
    return unexpected(retryable(code, "wecom gettoken refused: errcode " + code + " " +
                                          redact(listField(answer, "errmsg"), "")));
  }
  const std::chrono::seconds expiresIn(longField(answer, "expires_in").value_or(7200));
  return AccessTokenCache::Fetched{token->get<std::string>(),
                                   AccessTokenCache::lifetimeFor(expiresIn, kTokenMargin)};
}

Expected<std::string, SendError> WeComAppSender::post(const std::string& token,
                                                      const std::string& to,
                                                      const std::string& body,
                                                      bool& rejected) const {
  httplib::Client client = endpoint_.makeClient();
  const std::string path =
      endpoint_.path("/cgi-bin/message/send?access_token=" + percentEncode(token));
  httplib::Result result = client.Post(path, body, "application/json; charset=utf-8");
  if (!result || result->status != 200) return unexpected(httpFailure(result, "wecom-app send"));

  const json answer = json::parse(result->body, nullptr, false);
  const std::optional<long> errcode =
      answer.is_object() ? longField(answer, "errcode") : std::nullopt;
  if (!errcode) return unexpected(retryable("bad-response", "wecom-app send: no errcode"));
  PartialDelivery partial{to, listField(answer, "msgid"), listField(answer, "invaliduser"),
                          listField(answer, "invalidparty"), listField(answer, "unlicenseduser")};
  if (*errcode == 0) {
    if (onPartial_ && (!partial.invalidUsers.empty() || !partial.invalidParties.empty() ||
                       !partial.unlicensedUsers.empty())) {
      onPartial_(partial);
    }
    return partial.msgid;
  }
  rejected = isWeComTokenRejection(*errcode);
  const std::string code = std::to_string(*errcode);
  std::string message =
      "wecom-app send: errcode " + code + " " + redact(listField(answer, "errmsg"), token);
  if (!partial.invalidUsers.empty()) message += "; invaliduser=" + partial.invalidUsers;
  if (!partial.invalidParties.empty()) message += "; invalidparty=" + partial.invalidParties;
  return unexpected(SendError{rejected || isWeComAppTransient(*errcode), code, message});
}

std::string WeComAppSender::redact(std::string text, const std::string& token) const {
  // WeCom's errmsg is text we do not control and it ends up in logs.
  for (const std::string* secret : {&config_.corpSecret, &token}) {
    if (secret->empty()) continue;
    for (std::size_t at = text.find(*secret); at != std::string::npos;
         at = text.find(*secret, at + 3)) {
      text.replace(at, secret->size(), "***");
    }
  }
  return text;
}

}  // namespace civicdesk::channels
