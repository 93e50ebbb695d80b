#pragma once
// The HTTP route of one messaging channel: verify and parse through the adapter, hand the
// messages to the store's group commit, and answer within the channel's reply budget: passively
// when the replies are ready in time, otherwise with the channel's "received" answer while the
// outbox delivers them.
//
// Both ways of receiving share one mechanism: each message goes to the store's writer with a
// callback, and the answer is built once the last is durable. receive() waits for that on the
// calling thread (a handler thread); receiveAsync() runs on the HTTP event loop and answers
// from the writer's callback, with a timer on the loop for the budget (bot/HttpServer.hpp).
#include <chrono>
#include <functional>
#include <memory>
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

  struct PendingBatch;
  using AllStored = std::function<void(const std::shared_ptr<PendingBatch>&)>;
  // Hands every message of `batch` to the store; `allStored` runs on the writer once the last
  // is durable or failed.
  std::shared_ptr<PendingBatch> dispatchAll(const channels::HttpRequest& request,
                                            channels::InboundBatch batch,
                                            const std::string& requestId,
                                            AllStored allStored) const;
  // The reply budget ran out: unless everything is stored or a reply was already promised to
  // the answer, the replies go by the outbox and the answer will be the "received" one.
  void budgetRanOut(PendingBatch& pending) const;
  // Once everything is stored: the replies, the "received" answer, or the failure.
  channels::HttpResponse answerFor(PendingBatch& pending) const;

  const channels::ChannelAdapter& adapter_;
  Dispatcher& dispatcher_;
  Log& log_;
  Metrics& metrics_;
  std::chrono::milliseconds replyBudget_;
  RateLimiter* limiter_;  // null: no per-sender limit (trusted callers)
};

}  // namespace civicdesk::bot
