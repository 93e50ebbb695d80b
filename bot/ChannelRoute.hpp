#pragma once
// The HTTP route of one messaging channel: verify and parse through the adapter, hand the
// messages to the store's group commit, and answer within the channel's reply budget: passively
// when the replies are ready in time, otherwise with the channel's "received" answer while the
// outbox delivers them.
//
// receive() waits for the commit on the calling thread (a handler thread); receiveAsync() runs
// on the HTTP event loop and answers from the store's writer once the batch is durable, with a
// timer on the loop for the budget (bot/HttpServer.hpp).
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "bot/Dispatcher.hpp"
#include "bot/HttpServer.hpp"
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
  void receiveAsync(const channels::HttpRequest& request, const std::string& requestId,
                    PendingAnswer answer) const;

 private:
  // Verify, parse and rate-limit: the batch to store, or the answer that refuses it (or
  // acknowledges a batch without messages). Nothing is stored either way.
  Expected<channels::InboundBatch, channels::HttpResponse> admit(
      const channels::HttpRequest& request, const std::string& requestId) const;
  // The answer once every message is stored (`results`), or the one for a failure (logged).
  // `gaveUp`: the budget ran out first; the replies went to the outbox.
  channels::HttpResponse answerFor(const channels::HttpRequest& request,
                                   const channels::InboundBatch& batch,
                                   const std::vector<DispatchResult>& results) const;
  channels::HttpResponse notStored(const std::string& requestId, const std::string& failure) const;

  const channels::ChannelAdapter& adapter_;
  Dispatcher& dispatcher_;
  Log& log_;
  Metrics& metrics_;
  std::chrono::milliseconds replyBudget_;
  RateLimiter* limiter_;  // null: no per-sender limit (trusted callers)
};

}  // namespace civicdesk::bot
