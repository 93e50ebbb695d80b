#include "channels/sms/TwilioAdapter.hpp"

#include <charconv>
#include <optional>
#include <stdexcept>
#include <utility>

#include "channels/HttpEndpoint.hpp"
#include "channels/sms/SmsText.hpp"
#include "channels/sms/TwiML.hpp"
#include "channels/sms/TwilioRequest.hpp"

namespace civicdesk::channels {

namespace {

std::optional<long> count(const std::string* text) {
  if (text == nullptr || text->empty()) return 0L;  // absent: an SMS without media
  long value = 0;
  const char* end = text->data() + text->size();
  auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc() || ptr != end || value < 0) return std::nullopt;
  return value;
}

std::string valueOr(const FormFields& fields, std::string_view name) {
  const std::string* value = formValue(fields, name);
  return value == nullptr ? std::string() : *value;
}

}  // namespace

TwilioAdapter::TwilioAdapter(TwilioConfig config) : config_(std::move(config)) {
  // An empty token would make every signature computable by anyone; without the SID no
  // webhook could be told to be ours.
  if (config_.authToken.empty()) throw std::invalid_argument("Twilio authToken must be set");
  if (config_.accountSid.empty()) throw std::invalid_argument("Twilio accountSid must be set");
  // Parsed only to refuse a malformed URL now rather than with every citizen's message.
  HttpEndpoint(config_.publicUrl, "publicUrl", {});
}

HttpResponse TwilioAdapter::handshake(const HttpRequest& /*request*/) const {
  return HttpResponse{405, "text/plain; charset=utf-8", "Twilio webhooks are POSTs"};
}

Expected<InboundBatch, ChannelError> TwilioAdapter::receive(const HttpRequest& request) const {
  Expected<FormFields, ChannelError> fields = verifiedTwilioForm(request, config_);
  if (!fields) return unexpected(fields.error());

  InboundMessage message;
  message.channel = "sms";
  message.platformId = valueOr(*fields, "MessageSid");
  message.from = valueOr(*fields, "From");
  if (message.platformId.empty()) return unexpected(channelError(400, "missing MessageSid"));
  if (message.from.empty()) return unexpected(channelError(400, "missing From"));
  message.to = valueOr(*fields, "To");
  message.text = valueOr(*fields, "Body");
  message.sentAt = 0;  // Twilio's webhook carries no timestamp

  const std::optional<long> numMedia = count(formValue(*fields, "NumMedia"));
  if (!numMedia) return unexpected(channelError(400, "NumMedia is not a number"));
  message.platformType = *numMedia > 0 ? "mms" : "sms";
  if (*numMedia > 0) {
    // The first picture is the evidence a citizen means; the others stay reachable in
    // Twilio's console under the same MessageSid.
    message.mediaUrl = valueOr(*fields, "MediaUrl0");
  }
  message.kind = *numMedia > 0 && message.text.empty() ? InboundKind::Image : InboundKind::Text;

  InboundBatch batch;
  batch.messages.push_back(std::move(message));
  return batch;
}

HttpResponse TwilioAdapter::render(const HttpRequest& /*request*/, const InboundBatch& /*batch*/,
                                   const std::vector<Reply>& replies) const {
  // Twilio would itself concatenate up to 1600 characters, but a citizen's handset may show
  // the segments out of order or not join them; numbered parts read in any order.
  std::vector<std::string> bodies;
  for (const Reply& reply : replies) {
    if (reply.text.empty()) continue;
    for (std::string& part : splitForSms(reply.text)) bodies.push_back(std::move(part));
  }
  return HttpResponse{200, kTwimlContentType, renderTwiml(bodies)};
}

HttpResponse TwilioAdapter::acknowledge(const HttpRequest& /*request*/) const {
  return HttpResponse{200, kTwimlContentType, renderTwiml({})};
}

}  // namespace civicdesk::channels
