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

struct InboundMessage {
  std::string channel;       // "wechat", "console", ...
  std::string platformId;    // the platform's idempotency key: MsgId, or From+CreateTime
  std::string from;          // the citizen on this channel (OpenID, phone number, ...)
  std::string to;            // our account on this channel (a gh_ id); empty where none
  std::int64_t sentAt = 0;   // the platform's timestamp, Unix seconds
  InboundKind kind = InboundKind::Other;
  std::string text;          // text, voice recognition, or menu key
  std::string mediaId;       // platform media id (image, voice)
  std::string mediaUrl;      // a URL to fetch the media from, where the platform gives one
  std::string platformType;  // the platform's own type name ("text", "location", "event/CLICK")
};

// One message to a citizen. Numbered choices are already part of the text: every channel we
// have renders text, and a number typed back works everywhere.
struct Reply {
  std::string text;
};

}  // namespace civicdesk::channels
