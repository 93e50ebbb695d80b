#pragma once
// An email message (RFC 5322 + MIME, RFC 2045-2049) read into what the desk needs: who wrote,
// to whom, the thread ids, the text in UTF-8 and the attachments within limits. Written for
// the mail Chinese clients send (Foxmail, QQ/163 Mail, Outlook): GBK labelled GB2312, encoded
// words inside quoted filenames, HTML-only bodies (PROTOCOLS.md §4.3).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "channels/Message.hpp"
#include "channels/email/MimeHeaders.hpp"
#include "channels/email/QuotedReply.hpp"  // stripQuotedReply, for the readers of a message
#include "util/Expected.hpp"

namespace civicdesk::channels::email {

struct MimeLimits {
  std::size_t maxMessageBytes = 10 * 1024 * 1024;    // larger: the message is refused
  std::size_t maxAttachmentBytes = 5 * 1024 * 1024;  // decoded; larger: dropped, noted
  std::size_t maxAttachments = 10;                   // beyond: dropped, noted
  int maxDepth = 8;  // multipart nesting; deeper parts are left out, noted
};

struct MimeMessage {
  HeaderFields headers;  // the top-level fields, in order, unfolded, values raw

  std::string subject;                  // RFC 2047-decoded
  std::string fromAddress;              // the From addr-spec, lower-cased
  std::string fromName;                 // the From display name, decoded
  std::vector<std::string> to;          // the To addresses, lower-cased
  std::string messageId;                // without <>; empty when absent
  std::vector<std::string> inReplyTo;   // without <> (RFC 5322 allows several)
  std::vector<std::string> references;  // without <>, oldest first
  std::string date;                     // the Date field as sent
  std::optional<std::int64_t> sentAt;   // Date as Unix seconds, when it parses

  // The message text in UTF-8 with "\n" line ends: text/plain preferred within
  // multipart/alternative, else text/html reduced to text; the text parts of a
  // multipart/mixed joined in order.
  std::string textBody;
  std::vector<Attachment> attachments;  // in order, within the limits
  // One note per part left out ("发票.pdf (application/pdf): 6291456 bytes, over the limit of
  // 5242880"), so that staff can be told something was not kept.
  std::vector<std::string> droppedAttachments;

  // The first top-level field named `name` (case-insensitive), or nullptr.
  const std::string* header(std::string_view name) const { return findHeader(headers, name); }
};

// Parses `raw` (CRLF or bare LF line ends). An error only when `raw` is larger than
// limits.maxMessageBytes: everything else is read leniently (a missing final boundary, an
// unknown charset, a malformed header), because a citizen's mail should reach a person.
Expected<MimeMessage, std::string> parseMime(std::string_view raw, const MimeLimits& limits);

}  // namespace civicdesk::channels::email
