#pragma once
// The HTTP route of one messaging channel: verify and parse through the adapter, hand the
// messages to the store's group commit, and answer within the channel's reply budget: passively
// when the replies are ready in time, otherwise with the channel's "received" answer while the
// outbox delivers them.
#include <chrono>
#include <string>

#include "bot/Dispatcher.hpp"
#include "bot/Log.hpp"
#include "bot/Metrics.hpp"
#include "bot/RateLimiter.hpp"
#include "channels/ChannelAdapter.hpp"

namespace civicdesk::bot {

class ChannelRoute {
 public:
  ChannelRoute(const channels::ChannelAdapter& adapter, Dispatcher& dispatcher, Log& log,
               Metrics& metrics, std::chrono::milliseconds replyBudget,
               RateLimiter* limiter = nullptr);

  channels::HttpResponse handshake(const channels::HttpRequest& request,
                                   const std::string& requestId) const;
  channels::HttpResponse receive(const channels::HttpRequest& request,
                                 const std::string& requestId) const;

 private:
  const channels::ChannelAdapter& adapter_;
  Dispatcher& dispatcher_;
  Log& log_;
  Metrics& metrics_;
  std::chrono::milliseconds replyBudget_;
  RateLimiter* limiter_;  // null: no per-sender limit (trusted callers)
};

}  // namespace civicdesk::bot
