#pragma once
// Proactive sending on one channel (WeChat customer-service API, SMS gateway, SMTP...), used by
// the outbox. Returns the provider's id, or an error that says whether to try again.
#include <string>
#include <string_view>

#include "channels/Message.hpp"
#include "util/Expected.hpp"

namespace civicdesk::channels {

struct SendError {
  bool retryable = true;  // false: the platform said no for good (bad recipient, blocked...)
  std::string code;       // the platform's code, e.g. "45015"
  std::string message;
  // > 0: the platform's limit says when to try again. The outbox then defers the row without
  // counting the attempt: being over a rate limit is waiting, not failing.
  int retryAfterSeconds = 0;
};

class ChannelSender {
 public:
  virtual ~ChannelSender() = default;
  virtual std::string_view name() const = 0;
  // `to` is the citizen's id on this channel; the result is the provider's message id (may be
  // empty when the platform gives none).
  virtual Expected<std::string, SendError> send(const std::string& to, const Reply& reply) = 0;
};

}  // namespace civicdesk::channels
