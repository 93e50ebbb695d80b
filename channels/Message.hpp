#pragma once
// Channel-neutral values: what a citizen sent, and what we answer.
#include <cstdint>
#include <string>
#include <vector>

namespace civicdesk::channels {

enum class InboundKind {
  Text,         // typed text
  Voice,        // speech; `text` holds the platform's recognition, empty if none
  Image,        // a picture, kept as evidence (`mediaId`, `mediaUrl`)
  Subscribe,    // followed the account
  Unsubscribe,  // unfollowed; nothing to answer
  MenuClick,    // a custom-menu CLICK; `text` holds the menu key
  Other         // anything else (location, link, video...); `platformType` names it
};

// A file that came with a message (an email attachment), kept as evidence.
struct Attachment {
  std::string filename;     // decoded to UTF-8 (RFC 2047/2231); may be empty
  std::string contentType;  // "image/jpeg"
  std::string data;         // the decoded bytes
};

struct InboundMessage {
  std::string channel;      // "wechat", "console", ...
  std::string platformId;   // the platform's idempotency key: MsgId, or From+CreateTime
  std::string from;         // the citizen on this channel (OpenID, phone number, ...)
  std::string to;           // our account on this channel (a gh_ id); empty where none
  std::int64_t sentAt = 0;  // the platform's timestamp, Unix seconds
  InboundKind kind = InboundKind::Other;
  std::string text;          // text, voice recognition, or menu key
  std::string mediaId;       // platform media id (image, voice)
  std::string mediaUrl;      // a URL to fetch the media from, where the platform gives one
  std::string platformType;  // the platform's own type name ("text", "location", "event/CLICK")

  // Email only (empty elsewhere): what threads a reply to its case (PROTOCOLS.md §4.5).
  std::string subject;                  // decoded to UTF-8
  std::string recipient;                // the address written to ("xinxi+TS-2026-000123@...")
  std::string senderName;               // the From display name, decoded
  std::vector<std::string> threadIds;   // In-Reply-To, then References, without <>
  std::vector<Attachment> attachments;  // within the adapter's size limits
};

// One message to a citizen. Numbered choices are already part of the text: every channel we
// have renders text, and a number typed back works everywhere.
struct Reply {
  std::string text;

  // Email only: the headers that thread our answer (PROTOCOLS.md §4.4-4.5). The bot chooses
  // messageId (it stores it against the case before sending); the sender writes them as given.
  std::string subject;                  // UTF-8; the sender encodes it (RFC 2047)
  std::string messageId;                // "case-TS-2026-000123.4.k3j2@desk.example", no <>
  std::string inReplyTo;                // the citizen's Message-ID we answer, no <>
  std::vector<std::string> references;  // ids without <>, oldest first

  // The outbox row's idempotency key, the same on every attempt to send that row. A sender
  // passes it to the platform where the platform can dedupe on it (docs/ARCHITECTURE.md,
  // "the outbox"); empty for a reply not sent from the outbox.
  std::string idempotencyKey;
};

}  // namespace civicdesk::channels
