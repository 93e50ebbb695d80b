#pragma once
// Citizens' text messages through a Twilio number (PROTOCOLS.md §3.1-§3.3): the signed form
// POST Twilio makes for each inbound SMS/MMS, answered with TwiML that carries our replies.
#include <string_view>
#include <vector>

#include "channels/ChannelAdapter.hpp"
#include "channels/sms/TwilioConfig.hpp"

namespace civicdesk::channels {

class TwilioAdapter final : public ChannelAdapter {
 public:
  // Throws std::invalid_argument when the auth token or account SID is empty, or publicUrl
  // is not http(s)://host[:port][/prefix]: configuration errors surface at start-up.
  explicit TwilioAdapter(TwilioConfig config);

  std::string_view name() const override { return "sms"; }

  // Twilio has no verification handshake: 405.
  HttpResponse handshake(const HttpRequest& request) const override;

  // The signed form POST (checks and refusals: verifiedTwilioForm) → one InboundMessage:
  // platformId MessageSid, from From and to To (E.164 as given), text Body; kind Text, or
  // Image when NumMedia > 0 and Body is empty; mediaUrl MediaUrl0 when there is media;
  // platformType "sms" or "mms"; sentAt 0 (Twilio sends no timestamp). 400 when MessageSid
  // or From is missing or NumMedia is not a number.
  Expected<InboundBatch, ChannelError> receive(const HttpRequest& request) const override;

  // TwiML, text/xml: one <Message> per SMS part of each non-empty reply (splitForSms), in
  // order; no reply → an empty <Response/>.
  HttpResponse render(const HttpRequest& request, const InboundBatch& batch,
                      const std::vector<Reply>& replies) const override;

  // An empty <Response/>: Twilio sends nothing and does not retry.
  HttpResponse acknowledge(const HttpRequest& request) const override;

  bool repliesInAnswer() const override { return true; }

 private:
  TwilioConfig config_;
};

}  // namespace civicdesk::channels
