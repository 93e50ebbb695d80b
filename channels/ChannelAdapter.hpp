#pragma once
// One inbound channel: verify the platform's request, parse it into messages, and render our
// replies as the synchronous HTTP answer. Adapters hold configuration only: no store, no I/O.
#include <string_view>
#include <vector>

#include "channels/Http.hpp"
#include "channels/Message.hpp"
#include "util/Expected.hpp"

namespace civicdesk::channels {

// What one verified request carried, plus what the adapter needs later to answer it (for
// WeChat: whether the request was encrypted, so the reply is encrypted too).
struct InboundBatch {
  std::vector<InboundMessage> messages;
  bool encrypted = false;
};

class ChannelAdapter {
 public:
  virtual ~ChannelAdapter() = default;

  // "wechat", "sms", ... Also the `channel` of every message it parses.
  virtual std::string_view name() const = 0;

  // A platform's GET verification (WeChat's echostr). 4xx when the signature fails.
  virtual HttpResponse handshake(const HttpRequest& request) const = 0;

  // Verify the signature (constant time), enforce limits, decrypt, parse. Nothing may be
  // stored for a request this refuses.
  virtual Expected<InboundBatch, ChannelError> receive(const HttpRequest& request) const = 0;

  // The synchronous answer carrying `replies` (WeChat allows one passive reply per request:
  // the replies are joined). An empty `replies` renders the platform's "nothing to say".
  virtual HttpResponse render(const HttpRequest& request, const InboundBatch& batch,
                              const std::vector<Reply>& replies) const = 0;

  // The answer that says "received, the reply comes later" (WeChat: `success`).
  virtual HttpResponse acknowledge(const HttpRequest& request) const = 0;

  // Whether the synchronous answer can carry our replies (WeChat, Twilio TwiML). When false
  // (Aliyun/Tencent SMS pushes, email), the route waits for the message to be stored, answers
  // with acknowledge(), and the replies go out by the channel's sender from the outbox.
  virtual bool repliesInAnswer() const { return true; }
};

}  // namespace civicdesk::channels
