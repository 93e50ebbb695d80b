#include "channels/sms/TencentSmsAdapter.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <utility>

#include "channels/Signature.hpp"
#include "channels/sms/SmsJson.hpp"

namespace civicdesk::channels {

namespace {

using nlohmann::json;

bool digitsOnly(const std::string& text, std::size_t maxLength) {
  return !text.empty() && text.size() <= maxLength &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace

Expected<InboundMessage, ChannelError> parseTencentReply(std::string_view body) {
  const json document = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return unexpected(badRequest("body is not JSON"));
  if (!document.is_object()) return unexpected(badRequest("body is not a JSON object"));

  auto mobile = smsjson::text(document, "mobile", "");
  if (!mobile) return unexpected(badRequest(mobile.error()));
  // Tencent documents a string; a number is read the same way rather than refused.
  auto nationcode = smsjson::integerText(document, "nationcode", "");
  if (!nationcode) return unexpected(badRequest(nationcode.error()));
  auto text = smsjson::text(document, "text", "");
  if (!text) return unexpected(badRequest(text.error()));
  auto time = smsjson::integerText(document, "time", "");
  if (!time) return unexpected(badRequest(time.error()));
  auto extend = smsjson::optionalText(document, "extend", "");
  if (!extend) return unexpected(badRequest(extend.error()));
  auto sign = smsjson::optionalText(document, "sign", "");
  if (!sign) return unexpected(badRequest(sign.error()));

  if (!digitsOnly(*nationcode, 4))
    return unexpected(badRequest("nationcode is not a country code"));
  if (!digitsOnly(*mobile, 15) || nationcode->size() + mobile->size() > 15) {
    return unexpected(badRequest("mobile is not a phone number"));
  }
  if (time->size() > 12) return unexpected(badRequest("time is out of range"));

  InboundMessage message;
  message.channel = "sms";
  message.from = "+" + *nationcode + *mobile;
  // Tencent gives a reply no id. Number, second and text together are what a redelivery
  // repeats; the hash keeps the key short and the text out of it.
  message.platformId =
      "tencent:" + *nationcode + *mobile + ":" + *time + ":" + sha256Hex(*text).substr(0, 16);
  message.to = std::move(extend).value();
  message.sentAt = std::stoll(*time);
  message.kind = InboundKind::Text;
  message.text = std::move(text).value();
  message.platformType = "tencent-reply";
  return message;
}

TencentSmsAdapter::TencentSmsAdapter(ChinaSmsPushConfig config) : config_(std::move(config)) {
  validateChinaSmsPushConfig(config_);
}

HttpResponse TencentSmsAdapter::handshake(const HttpRequest& /*request*/) const {
  return HttpResponse{404, "text/plain; charset=utf-8", "not found"};
}

Expected<InboundBatch, ChannelError> TencentSmsAdapter::receive(const HttpRequest& request) const {
  if (std::optional<ChannelError> refusal = refuseChinaSmsPush(request, config_)) {
    return unexpected(std::move(*refusal));
  }
  Expected<InboundMessage, ChannelError> message = parseTencentReply(request.body);
  if (!message) return unexpected(message.error());
  InboundBatch batch;
  batch.messages.push_back(std::move(message).value());
  return batch;
}

HttpResponse TencentSmsAdapter::render(const HttpRequest& request, const InboundBatch& /*batch*/,
                                       const std::vector<Reply>& /*replies*/) const {
  return acknowledge(request);
}

HttpResponse TencentSmsAdapter::acknowledge(const HttpRequest& /*request*/) const {
  return tencentPushAck();
}

}  // namespace civicdesk::channels
