#pragma once
// Citizens' text messages to our number at Aliyun SMS (阿里云短信上行, "HTTP batch push",
// PROTOCOLS.md §3.5), pushed to /sms/aliyun/{token}. Aliyun waits for nothing but our
// {"code":0,…}: the replies go out later through the Aliyun sender, from the outbox.
#include <string_view>
#include <vector>

#include "channels/ChannelAdapter.hpp"
#include "channels/sms/ChinaSmsPush.hpp"

namespace civicdesk::channels {

class AliyunSmsAdapter final : public ChannelAdapter {
 public:
  // Throws std::invalid_argument for a config validateChinaSmsPushConfig refuses.
  explicit AliyunSmsAdapter(ChinaSmsPushConfig config);

  // The citizen's channel is SMS whichever gateway carried the message.
  std::string_view name() const override { return "sms"; }

  // No handshake: 404, as for any other request without the right token.
  HttpResponse handshake(const HttpRequest& request) const override;

  // The common checks (refuseChinaSmsPush), then a JSON array of {phone_number, content,
  // send_time, dest_code?, sequence_id (number or string), sign_name?} → one InboundMessage
  // per item, in order: platformId "aliyun:{sequence_id}:{phone_number}" (the dedupe key
  // §3.5 names), from the number as E.164, to dest_code, text content, kind Text,
  // platformType "aliyun-smsup", sentAt send_time read as Shanghai time. 400 when the body
  // is not such an array or any item lacks a field: the whole push is refused.
  Expected<InboundBatch, ChannelError> receive(const HttpRequest& request) const override;

  // Exactly {"code":0,"msg":"接收成功"}: Aliyun reads nothing else, replies are not carried.
  HttpResponse render(const HttpRequest& request, const InboundBatch& batch,
                      const std::vector<Reply>& replies) const override;
  HttpResponse acknowledge(const HttpRequest& request) const override;

  bool repliesInAnswer() const override { return false; }

 private:
  ChinaSmsPushConfig config_;
};

// The messages of an Aliyun SmsUp push body (exposed for tests): as receive() describes.
Expected<std::vector<InboundMessage>, ChannelError> parseAliyunSmsUp(std::string_view body);

}  // namespace civicdesk::channels
