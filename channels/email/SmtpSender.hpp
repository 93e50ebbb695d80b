#pragma once
// Email replies to citizens over SMTP submission (PROTOCOLS.md §4.4), through libcurl:
// smtp://host:587 with STARTTLS (RFC 3207, 6409) or smtps://host:465 with implicit TLS
// (RFC 8314). The server's certificate and host name are always verified, and credentials
// only ever travel inside TLS. Each message is composed by MailComposer and threaded by the
// ids the bot chose (§4.5).
//
// Safe to call from several threads: every send has its own CURL handle and connection, and
// the sender itself is never modified after construction.
#include <optional>
#include <string>
#include <string_view>

#include "channels/ChannelSender.hpp"

namespace civicdesk::channels {

struct SmtpConfig {
  std::string url;          // smtp://host:587 (STARTTLS) or smtps://host:465 (implicit TLS); a path
                            // ("smtp://host:587/desk.example") names us in EHLO, else the domain of
                            // fromAddress does
  std::string username;     // empty: no AUTH (a relay that trusts our address)
  std::string password;     // often a provider's app authorization code (授权码)
  std::string fromAddress;  // envelope sender and From: "xinxi@desk.example"
  std::string fromName;     // From display name, UTF-8: "青溪区政务公开办"
  std::string caFile;       // PEM bundle to verify the server with; empty: the system store
  bool requireTls = true;   // smtp:// only: STARTTLS required (CURLUSESSL_ALL). false sends
                            // in plaintext, for a relay on the same host; never with AUTH
  long timeoutSeconds = 30;  // for the whole SMTP dialogue
};

class SmtpSender final : public ChannelSender {
 public:
  // At most this long to connect (or the whole timeout when that is shorter): a server that
  // does not answer the handshake in 10 s is down, and the outbox will try again.
  static constexpr long kConnectTimeoutSeconds = 10;

  // Throws std::invalid_argument naming the setting: a url that is not smtp:// or smtps://
  // with a host, or carries credentials (they belong in username/password); an invalid
  // fromAddress; a fromName with a line break; a password without a username; username or
  // password on smtp:// with requireTls false (AUTH in plaintext would expose the password);
  // a caFile that is not there; timeoutSeconds below 1. Starts libcurl once per process.
  explicit SmtpSender(SmtpConfig config);

  std::string_view name() const override { return "email"; }

  // Mails reply to the address `to`. Ok → the Message-ID it went out with (without <>):
  // reply.messageId, or a new "msg.…" id when that is empty. Errors:
  // - retryable: any 4xx reply (code "smtp-451", "smtp-421"...), connection failures and
  //   timeouts ("network");
  // - not retryable: any 5xx reply ("smtp-550" unknown mailbox, "smtp-535" wrong password,
  //   "smtp-530"...), TLS and certificate failures ("tls", a configuration problem: retrying
  //   does not fix a certificate), and a message that cannot be written ("bad-recipient",
  //   "bad-header", "empty-text").
  // The password never appears in an error.
  Expected<std::string, SendError> send(const std::string& to, const Reply& reply) override;

  // Delivers already composed bytes (RFC 5322, CRLF) to `to` in one SMTP transaction; what
  // send() does after composing, exposed for tests of the transport. libcurl dot-stuffs
  // lines that start with ".". nullopt: the server accepted the message. Errors as send().
  std::optional<SendError> deliver(const std::string& to, std::string_view message) const;

 private:
  SmtpConfig config_;
  std::string url_;     // config_.url, with our domain as the EHLO name when it had no path
  std::string domain_;  // of fromAddress: the right-hand side of the ids we generate
};

}  // namespace civicdesk::channels
