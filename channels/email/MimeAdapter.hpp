#pragma once
// Inbound email as a raw RFC 5322 message POSTed to /email/mime, e.g. piped by the district's
// own mail server (a Postfix pipe or a sieve filter calling curl). The sender proves itself
// with a shared bearer token. Replies go out later by email, so the answer only acknowledges.
#include <string>
#include <string_view>
#include <vector>

#include "channels/ChannelAdapter.hpp"
#include "channels/email/MimeMessage.hpp"

namespace civicdesk::channels {

// Holds a secret (the token): never log a MimeInboundConfig.
struct MimeInboundConfig {
  std::string token;         // expected as "Authorization: Bearer <token>"
  email::MimeLimits limits;  // maxMessageBytes also bounds the request body
};

class MimeAdapter final : public ChannelAdapter {
 public:
  // Throws std::invalid_argument for an empty token: anyone could post mail as anyone.
  explicit MimeAdapter(MimeInboundConfig config);

  std::string_view name() const override { return "email"; }

  // No verification request exists: 405.
  HttpResponse handshake(const HttpRequest& request) const override;

  // 405 not a POST; 401 without "Authorization: Bearer <token>" or with another token
  // (compared in constant time); 413 over limits.maxMessageBytes; 400 an empty body or a
  // message without any sender address. One InboundMessage: platformId = the Message-ID
  // without <> (else "mime:" + sha256 hex of the raw message, so a re-post dedupes); to =
  // recipient = X-Original-To, else Delivered-To, else the first To address (the first two
  // are where the mail server shows the envelope recipient, +caseNo plus-addressing included).
  Expected<InboundBatch, ChannelError> receive(const HttpRequest& request) const override;

  // 200 {"status":"ok"} as application/json.
  HttpResponse render(const HttpRequest& request, const InboundBatch& batch,
                      const std::vector<Reply>& replies) const override;
  HttpResponse acknowledge(const HttpRequest& request) const override;
  bool repliesInAnswer() const override { return false; }

 private:
  bool authorized(const HttpRequest& request) const;

  MimeInboundConfig config_;
};

}  // namespace civicdesk::channels
