#pragma once
// Proactive SMS through Twilio's REST API (PROTOCOLS.md §3.3): one Messages.json POST per SMS
// part of a reply, for the outbox. Safe to call from several threads.
//
// A reply longer than one SMS is several messages, and one of them can fail after others
// went out. The outbox retries a row as a whole, so the sender remembers, per recipient and
// text, the parts Twilio accepted (and their sids) when it returns a retryable error after a
// partial send; a retry of the same reply to the same number sends only the parts still
// missing and returns all the sids. The memory is taken by the send that uses it (a
// concurrent identical send starts afresh), kept kResumeKeep and at most kResumeMax entries,
// and lives in this process only: after a restart a retry sends every part again. Parts are
// numbered "(i/n)", so such a duplicate reads as a repeat, never as a different answer.
// When a later part is refused for good (21610 unsubscribed...), the error is non-retryable
// and names the parts that did go out.
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "channels/ChannelSender.hpp"
#include "channels/HttpEndpoint.hpp"
#include "channels/sms/TwilioConfig.hpp"

namespace civicdesk::channels {

class TwilioSender final : public ChannelSender {
 public:
  using Clock = std::chrono::steady_clock;

  static constexpr std::chrono::seconds kConnectTimeout{5};
  static constexpr std::chrono::seconds kReadTimeout{15};
  static constexpr std::chrono::hours kResumeKeep{24};
  static constexpr std::size_t kResumeMax = 1000;
  static constexpr int kMaxRetryAfterSeconds = 3600;

  // Throws std::invalid_argument when accountSid, authToken or fromNumber is empty, apiBase
  // is not http(s)://host[:port][/prefix], or statusCallbackUrl is set but not http(s).
  // `now` ages the resume memory (a manual clock in tests).
  explicit TwilioSender(TwilioConfig config, std::function<Clock::time_point()> now = &Clock::now);

  std::string_view name() const override { return "sms"; }

  // Sends each part of splitForSms(reply.text) to `to` (E.164), in order: form To, From,
  // Body and StatusCallback (when configured), HTTP Basic AccountSid:AuthToken. Ok → the
  // parts' sids joined by ','. Errors: network, 429 (retryAfterSeconds from Retry-After),
  // 5xx and 401/20003 (our credentials, fixable by an operator without losing the queue)
  // are retryable; any other 4xx is not, with Twilio's code (21211 invalid To, 21610
  // unsubscribed, ...) or "http-NNN" when it gave none. Empty `to` or text → not retryable.
  //
  // With reply.idempotencyKey set, part i of n carries the header
  // I-Twilio-Idempotency-Token: {key}:{i}/{n}, the same on every attempt, so a gateway that
  // dedupes on it creates each part once. Twilio names that header on the webhooks it sends;
  // its Messages API is not documented to dedupe on it, so against Twilio itself a part whose
  // success we could not record (a crash before the outbox commit) is sent again.
  Expected<std::string, SendError> send(const std::string& to, const Reply& reply) override;

  // The form body of one part (exposed for tests).
  std::string renderBody(const std::string& to, const std::string& body) const;

 private:
  // One Messages.json POST; ok → the new message's sid. `idempotencyToken`, when not empty,
  // goes in an I-Twilio-Idempotency-Token header (see send()).
  Expected<std::string, SendError> sendPart(const std::string& to, const std::string& body,
                                            const std::string& idempotencyToken);
  std::vector<std::string> takeProgress(const std::string& key);
  void keepProgress(const std::string& key, std::vector<std::string> sids);

  TwilioConfig config_;
  HttpEndpoint endpoint_;
  std::function<Clock::time_point()> now_;

  struct Progress {
    std::vector<std::string> sids;  // of parts 1..k, in order
    Clock::time_point keptAt;
  };
  std::mutex mutex_;
  std::map<std::string, Progress> progress_;  // key: recipient + sha256 of the text
};

}  // namespace civicdesk::channels
