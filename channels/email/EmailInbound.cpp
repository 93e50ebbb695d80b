#include "channels/email/EmailInbound.hpp"

#include <algorithm>
#include <utility>

#include "util/Utf8.hpp"

namespace civicdesk::channels::email {

InboundMessage toInboundMessage(MimeMessage message, std::string platformId, std::string recipient,
                                std::int64_t fallbackSentAt) {
  InboundMessage inbound;
  inbound.channel = "email";
  inbound.kind = InboundKind::Text;
  inbound.platformType = "email";
  inbound.platformId = std::move(platformId);
  inbound.from = std::move(message.fromAddress);
  inbound.senderName = utf8::sanitize(message.fromName);
  inbound.to = recipient;
  inbound.recipient = std::move(recipient);
  inbound.subject = utf8::sanitize(message.subject);
  inbound.sentAt = message.sentAt.value_or(fallbackSentAt);
  inbound.text = utf8::trim(stripQuotedReply(utf8::sanitize(message.textBody)));
  if (inbound.text.empty()) inbound.text = utf8::trim(inbound.subject);
  for (std::vector<std::string>* ids : {&message.inReplyTo, &message.references}) {
    for (std::string& id : *ids) {
      if (std::find(inbound.threadIds.begin(), inbound.threadIds.end(), id) ==
          inbound.threadIds.end()) {
        inbound.threadIds.push_back(std::move(id));
      }
    }
  }
  inbound.attachments = std::move(message.attachments);
  return inbound;
}

}  // namespace civicdesk::channels::email
