#include "channels/wechat/WeChatInbound.hpp"
#include "util/AsciiText.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>

namespace civicdesk::channels {

namespace {

std::optional<std::int64_t> parseSeconds(std::string_view text) {
  text = ascii::trim(text);
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

bool isDigits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

void mapEvent(const WeChatXmlFields& fields, InboundMessage& message) {
  const std::string event = std::string(ascii::trim(fields.getOr("Event")));
  message.platformType = "event/" + event;
  message.platformId = "event:" + message.from + ":" + std::to_string(message.sentAt);
  // Event names are documented in two cases ("subscribe", "CLICK"); compared without case so
  // a platform change of case does not turn a menu click into "Other".
  if (ascii::equalsIgnoringCase(event, "subscribe")) {
    message.kind = InboundKind::Subscribe;
  } else if (ascii::equalsIgnoringCase(event, "unsubscribe")) {
    message.kind = InboundKind::Unsubscribe;
  } else if (ascii::equalsIgnoringCase(event, "CLICK")) {
    message.kind = InboundKind::MenuClick;
    message.text = fields.getOr("EventKey");
  } else {
    message.kind = InboundKind::Other;
  }
}

}  // namespace

Expected<InboundMessage, std::string> toInboundMessage(const WeChatXmlFields& fields) {
  InboundMessage message;
  message.channel = "wechat";
  message.from = std::string(ascii::trim(fields.getOr("FromUserName")));
  message.to = std::string(ascii::trim(fields.getOr("ToUserName")));
  const std::string msgType = std::string(ascii::trim(fields.getOr("MsgType")));
  if (message.from.empty() || message.to.empty() || msgType.empty()) {
    return unexpected(std::string("missing FromUserName, ToUserName or MsgType"));
  }
  std::optional<std::int64_t> createTime = parseSeconds(fields.getOr("CreateTime"));
  if (!createTime) return unexpected(std::string("missing or malformed CreateTime"));
  message.sentAt = *createTime;

  if (msgType == "event") {
    mapEvent(fields, message);
    return message;
  }

  message.platformType = msgType;
  const std::string msgId = std::string(ascii::trim(fields.getOr("MsgId")));
  if (msgId.empty()) {
    message.platformId = "message:" + message.from + ":" + std::to_string(message.sentAt);
  } else if (isDigits(msgId)) {
    message.platformId = msgId;  // 64-bit: a string never loses digits the way a double would
  } else {
    return unexpected(std::string("malformed MsgId"));
  }
  message.mediaId = fields.getOr("MediaId");
  if (msgType == "text") {
    message.kind = InboundKind::Text;
    message.text = fields.getOr("Content");
  } else if (msgType == "voice") {
    message.kind = InboundKind::Voice;
    message.text = fields.getOr("Recognition");
  } else if (msgType == "image") {
    message.kind = InboundKind::Image;
    message.mediaUrl = fields.getOr("PicUrl");
  } else {
    message.kind = InboundKind::Other;
  }
  return message;
}

}  // namespace civicdesk::channels
