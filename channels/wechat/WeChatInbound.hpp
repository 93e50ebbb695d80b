#pragma once
// WeChat's inbound XML fields (PROTOCOLS.md §1.3) → our channel-neutral InboundMessage.
#include <string>

#include "channels/Message.hpp"
#include "channels/wechat/WeChatXml.hpp"
#include "util/Expected.hpp"

namespace civicdesk::channels {

// Requires ToUserName, FromUserName, an integer CreateTime and MsgType; an ordinary
// message's MsgId must be decimal digits. Kinds: text → Text(Content); voice → Voice(text =
// Recognition, empty when recognition is off); image → Image(MediaId, PicUrl); events
// subscribe/unsubscribe/CLICK → Subscribe/Unsubscribe/MenuClick(text = EventKey); anything
// else → Other, named by platformType ("location", "event/VIEW").
//
// platformId is WeChat's own dedupe key (§1.5): the 64-bit MsgId kept as a decimal string for
// messages, "event:" + FromUserName + ":" + CreateTime for events (which have no MsgId), and
// "message:" + FromUserName + ":" + CreateTime for a message that lacks a MsgId.
Expected<InboundMessage, std::string> toInboundMessage(const WeChatXmlFields& fields);

}  // namespace civicdesk::channels
