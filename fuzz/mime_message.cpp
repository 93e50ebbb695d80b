// A whole email as our SMTP receiver or Mailgun's raw mode hands it over (PROTOCOLS.md §4.3):
// parseMime with the default limits. The reader promises text in UTF-8 and attachments within
// the limits, whatever the mail looked like.
#include <cstdint>

#include "channels/email/MimeMessage.hpp"
#include "fuzz/FuzzSupport.hpp"

using namespace civicdesk;
using namespace civicdesk::channels;
using namespace civicdesk::channels::email;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const MimeLimits limits;
  const Expected<MimeMessage, std::string> message = parseMime(fuzz::asText(data, size), limits);
  fuzz::require(message.has_value());  // only a message over maxMessageBytes is refused
  fuzz::require(fuzz::isValidUtf8(message->subject));
  fuzz::require(fuzz::isValidUtf8(message->fromName));
  fuzz::require(fuzz::isValidUtf8(message->textBody));
  fuzz::require(message->attachments.size() <= limits.maxAttachments);
  for (const Attachment& attachment : message->attachments) {
    fuzz::require(fuzz::isValidUtf8(attachment.filename));
    fuzz::require(attachment.data.size() <= limits.maxAttachmentBytes);
  }
  (void)stripQuotedReply(message->textBody);
  return 0;
}
