#pragma once
// Citizens' text messages to our number at Tencent Cloud SMS (腾讯云短信 回复短信,
// PROTOCOLS.md §3.6), pushed to /sms/tencent/{token}. Tencent waits for nothing but our
// {"result":0,…}: the replies go out later through the Tencent sender, from the outbox.
#include <string_view>
#include <vector>

#include "channels/ChannelAdapter.hpp"
#include "channels/sms/ChinaSmsPush.hpp"

namespace civicdesk::channels {

class TencentSmsAdapter final : public ChannelAdapter {
 public:
  // Throws std::invalid_argument for a config validateChinaSmsPushConfig refuses.
  explicit TencentSmsAdapter(ChinaSmsPushConfig config);

  // The citizen's channel is SMS whichever gateway carried the message.
  std::string_view name() const override { return "sms"; }

  // No handshake: 404, as for any other request without the right token.
  HttpResponse handshake(const HttpRequest& request) const override;

  // The common checks (refuseChinaSmsPush), then a JSON object {extend, mobile, nationcode,
  // sign, text, time} → one InboundMessage: from "+" + nationcode + mobile, to extend, text,
  // sentAt time, kind Text, platformType "tencent-reply", and platformId
  // "tencent:{nationcode}{mobile}:{time}:{first 16 hex of sha256(text)}": Tencent gives the
  // message no id, and a redelivery repeats all three. 400 when a field is missing or wrong.
  Expected<InboundBatch, ChannelError> receive(const HttpRequest& request) const override;

  // Exactly {"result":0,"errmsg":"OK"}: Tencent reads nothing else, replies are not carried.
  HttpResponse render(const HttpRequest& request, const InboundBatch& batch,
                      const std::vector<Reply>& replies) const override;
  HttpResponse acknowledge(const HttpRequest& request) const override;

  bool repliesInAnswer() const override { return false; }

 private:
  ChinaSmsPushConfig config_;
};

// The message of a Tencent reply push body (exposed for tests): as receive() describes.
Expected<InboundMessage, ChannelError> parseTencentReply(std::string_view body);

}  // namespace civicdesk::channels
