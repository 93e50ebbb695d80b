#pragma once
// Inbound email through a Mailgun route (`forward("https://desk.example/email/mailgun")`,
// PROTOCOLS.md §4.1): the parsed-fields post (urlencoded, or multipart/form-data with
// attachments) and the raw `body-mime` variant. Replies go out later by email (the outbox), so
// the answer only tells Mailgun the message was taken.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "channels/ChannelAdapter.hpp"
#include "channels/email/MimeMessage.hpp"

namespace civicdesk::channels {

class ReplayGuard;

namespace email {
struct MailgunForm;
}  // namespace email

// Holds a secret (the webhook signing key): never log a MailgunConfig.
struct MailgunConfig {
  std::string signingKey;  // the domain's HTTP webhook signing key
  // A whole post, attachments included; Mailgun accepts messages up to 25 MB.
  std::size_t maxBodyBytes = 25 * 1024 * 1024;
  email::MimeLimits limits;  // for body-mime, and the attachment size and count limits
};

// Answers, and why (Mailgun: 200 done, 406 rejected for good, anything else retried for 8 h):
// - 405 not a POST; 413 larger than maxBodyBytes (or body-mime over limits.maxMessageBytes);
//   415 neither urlencoded nor multipart/form-data; 400 a malformed body.
// - 401 signature, timestamp or token missing, a bad signature, or a timestamp more than
//   5 minutes from our clock; 403 a replayed token. Deliberately not 406: a forger gains
//   nothing from either answer, while a wrong signing key or a skewed clock on our side would
//   make a 406 throw real citizens' mail away; with 401 Mailgun keeps retrying for 8 hours,
//   long enough to fix the configuration. (Each retry must then be signed afresh: Mailgun's
//   own advice to refuse stale timestamps implies it, and a retry re-using an old signature
//   would be refused as stale after 5 minutes whatever we answered.)
// - 406 a correctly signed message we can never use (no sender address at all): retrying
//   cannot help, so Mailgun is told to stop.
class MailgunAdapter final : public ChannelAdapter {
 public:
  // `nowSeconds` gives Unix seconds for the timestamp check (a fixed clock in tests). Throws
  // std::invalid_argument without a signing key or a clock.
  MailgunAdapter(MailgunConfig config, std::function<std::int64_t()> nowSeconds);
  ~MailgunAdapter() override;
  MailgunAdapter(MailgunAdapter&&) noexcept;
  MailgunAdapter& operator=(MailgunAdapter&&) noexcept;

  std::string_view name() const override { return "email"; }

  // Mailgun makes no verification request: 405.
  HttpResponse handshake(const HttpRequest& request) const override;

  // One InboundMessage: platformId = the Message-Id without <> (else "mailgun:" + token);
  // from = the From header's address (else `sender`), lower-cased; to = recipient = the
  // `recipient` field; text = stripped-text (else body-plain) without quoted lines; threadIds
  // = In-Reply-To then References (from the fields, else from message-headers); attachment-N
  // parts within limits (larger or surplus files are left out).
  Expected<InboundBatch, ChannelError> receive(const HttpRequest& request) const override;

  // 200 {"status":"ok"} as application/json, whatever the replies: they go out by email.
  HttpResponse render(const HttpRequest& request, const InboundBatch& batch,
                      const std::vector<Reply>& replies) const override;
  HttpResponse acknowledge(const HttpRequest& request) const override;
  bool repliesInAnswer() const override { return false; }

 private:
  Expected<InboundMessage, ChannelError> fromFields(email::MailgunForm form,
                                                    const std::string& token,
                                                    std::int64_t timestamp) const;
  Expected<InboundMessage, ChannelError> fromMime(const email::MailgunForm& form,
                                                  const std::string& token,
                                                  std::int64_t timestamp) const;

  MailgunConfig config_;
  std::function<std::int64_t()> nowSeconds_;
  // Behind a pointer: the guard holds a mutex (not movable) and is updated by the const
  // receive(), as the adapter's only state.
  std::unique_ptr<ReplayGuard> replayGuard_;
};

}  // namespace civicdesk::channels
