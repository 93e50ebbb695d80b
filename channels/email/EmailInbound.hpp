#pragma once
// One email as the channel-neutral InboundMessage, the same for every way mail reaches us
// (Mailgun's parsed fields, Mailgun's raw MIME, a raw message from our own mail server).
#include <string>

#include "channels/Message.hpp"
#include "channels/email/MimeMessage.hpp"

namespace civicdesk::channels::email {

// channel "email", kind Text, platformType "email"; from = fromAddress, senderName =
// fromName, to = recipient = `recipient`; text = stripQuotedReply(textBody), or the subject
// when the body says nothing (citizens write a whole complaint in the subject line);
// threadIds = In-Reply-To then References, duplicates removed (the parent's id is usually in
// both); sentAt = the Date when it parses, else `fallbackSentAt`; the attachments moved over.
InboundMessage toInboundMessage(MimeMessage message, std::string platformId, std::string recipient,
                                std::int64_t fallbackSentAt);

}  // namespace civicdesk::channels::email
