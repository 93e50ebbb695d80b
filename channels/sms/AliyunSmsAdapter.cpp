#include "channels/sms/AliyunSmsAdapter.hpp"

#include <nlohmann/json.hpp>

#include <utility>

#include "channels/sms/SmsJson.hpp"

namespace civicdesk::channels {

namespace {

using nlohmann::json;

Expected<InboundMessage, std::string> toMessage(const json& item, const std::string& where) {
  if (!item.is_object()) return unexpected(where + "is not an object");
  auto phone = smsjson::text(item, "phone_number", where);
  if (!phone) return unexpected(phone.error());
  auto content = smsjson::text(item, "content", where);
  if (!content) return unexpected(content.error());
  auto sendTime = smsjson::text(item, "send_time", where);
  if (!sendTime) return unexpected(sendTime.error());
  auto sequenceId = smsjson::integerText(item, "sequence_id", where);
  if (!sequenceId) return unexpected(sequenceId.error());
  auto destCode = smsjson::optionalText(item, "dest_code", where);
  if (!destCode) return unexpected(destCode.error());
  auto signName = smsjson::optionalText(item, "sign_name", where);
  if (!signName) return unexpected(signName.error());

  Expected<std::string, std::string> from = chinaE164(*phone);
  if (!from) return unexpected(where + "phone_number: " + from.error());
  Expected<std::int64_t, std::string> sentAt = shanghaiTimeToUnix(*sendTime);
  if (!sentAt) return unexpected(where + "send_time: " + sentAt.error());

  InboundMessage message;
  message.channel = "sms";
  // The number as Aliyun wrote it, not as normalised: a redelivery repeats it byte for byte,
  // and a change in our normalisation must not turn a redelivery into a new message.
  message.platformId = "aliyun:" + *sequenceId + ":" + *phone;
  message.from = std::move(from).value();
  message.to = std::move(destCode).value();
  message.sentAt = *sentAt;
  message.kind = InboundKind::Text;
  message.text = std::move(content).value();
  message.platformType = "aliyun-smsup";
  return message;
}

}  // namespace

Expected<std::vector<InboundMessage>, ChannelError> parseAliyunSmsUp(std::string_view body) {
  const json document = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return unexpected(badRequest("body is not JSON"));
  if (!document.is_array()) return unexpected(badRequest("body is not a JSON array"));
  // All or nothing. We answer per push, not per item: accepting the good items and refusing
  // the push would make Aliyun redeliver them all (dedupe absorbs that, but only if the good
  // ones were stored), and answering success would lose the bad one for good. Refusing the
  // whole push stores nothing, so the retry (1, 5, 10 min) or the operator sees it whole.
  std::vector<InboundMessage> messages;
  for (std::size_t i = 0; i < document.size(); ++i) {
    Expected<InboundMessage, std::string> message =
        toMessage(document[i], "item " + std::to_string(i) + ": ");
    if (!message) return unexpected(badRequest(message.error()));
    messages.push_back(std::move(message).value());
  }
  return messages;
}

AliyunSmsAdapter::AliyunSmsAdapter(ChinaSmsPushConfig config) : config_(std::move(config)) {
  validateChinaSmsPushConfig(config_);
}

HttpResponse AliyunSmsAdapter::handshake(const HttpRequest& /*request*/) const {
  return HttpResponse{404, "text/plain; charset=utf-8", "not found"};
}

Expected<InboundBatch, ChannelError> AliyunSmsAdapter::receive(const HttpRequest& request) const {
  if (std::optional<ChannelError> refusal = refuseChinaSmsPush(request, config_)) {
    return unexpected(std::move(*refusal));
  }
  Expected<std::vector<InboundMessage>, ChannelError> messages = parseAliyunSmsUp(request.body);
  if (!messages) return unexpected(messages.error());
  InboundBatch batch;
  batch.messages = std::move(messages).value();
  return batch;
}

HttpResponse AliyunSmsAdapter::render(const HttpRequest& request, const InboundBatch& /*batch*/,
                                      const std::vector<Reply>& /*replies*/) const {
  return acknowledge(request);
}

HttpResponse AliyunSmsAdapter::acknowledge(const HttpRequest& /*request*/) const {
  return aliyunPushAck();
}

}  // namespace civicdesk::channels
