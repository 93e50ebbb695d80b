#include "bot/ChannelRoute.hpp"

#include <memory>

#include <nlohmann/json.hpp>

namespace civicdesk::bot {

ChannelRoute::ChannelRoute(const channels::ChannelAdapter& adapter, Dispatcher& dispatcher,
                           WorkQueue& work, Log& log, Metrics& metrics,
                           std::chrono::milliseconds replyBudget)
    : adapter_(adapter),
      dispatcher_(dispatcher),
      work_(work),
      log_(log),
      metrics_(metrics),
      replyBudget_(replyBudget) {}

channels::HttpResponse ChannelRoute::handshake(const channels::HttpRequest& request,
                                               const std::string& requestId) const {
  auto response = adapter_.handshake(request);
  if (response.status != 200) {
    metrics_.error(std::string(adapter_.name()) + "_handshake_refused");
    log_.warn("channel.handshake_refused", {{"request_id", requestId},
                                            {"channel", std::string(adapter_.name())},
                                            {"status", std::to_string(response.status)}});
  }
  return response;
}

channels::HttpResponse ChannelRoute::receive(const channels::HttpRequest& request,
                                             const std::string& requestId) const {
  const std::string channel(adapter_.name());
  auto batch = adapter_.receive(request);
  if (!batch) {
    // Refused before anything was stored: a bad signature, a malformed or oversized body.
    metrics_.error(channel + "_refused_" + std::to_string(batch.error().status));
    log_.warn("channel.refused", {{"request_id", requestId},
                                  {"channel", channel},
                                  {"status", std::to_string(batch.error().status)},
                                  {"reason", batch.error().message}});
    return {
        batch.error().status, "application/json",
        nlohmann::json{{"status", batch.error().status}, {"error", batch.error().message}}.dump()};
  }
  if (batch->messages.empty()) return adapter_.acknowledge(request);

  auto window = std::make_shared<ReplyWindow>();
  // A channel whose answer cannot carry replies (an SMS gateway's push, a mail webhook): the
  // replies go by the outbox, and the platform's acknowledgement waits for the commit, since
  // nothing may be acknowledged before it is stored.
  const bool inAnswer = adapter_.repliesInAnswer();
  if (!inAnswer) window->giveUp();
  auto messages = std::make_shared<std::vector<channels::InboundMessage>>(batch->messages);
  auto future = work_.submit([this, messages, window, requestId, channel] {
    std::vector<DispatchResult> results;
    try {
      for (const auto& message : *messages) {
        results.push_back(dispatcher_.dispatch(message, *window, requestId));
      }
    } catch (const std::exception& e) {
      // Nothing was committed for the failing message; the platform retries it.
      metrics_.error("dispatch");
      log_.error("dispatch.failed",
                 {{"request_id", requestId}, {"channel", channel}, {"error", e.what()}});
      throw;
    }
    return results;
  });

  if (inAnswer && future.wait_for(replyBudget_) != std::future_status::ready && window->giveUp()) {
    // Too late to answer with the replies: they go by the outbox. The "received" answer still
    // waits for the commit: nothing is acknowledged before it is stored. If that makes the
    // platform give up first, its retry finds the stored message and changes nothing.
    log_.info("reply.deferred", {{"request_id", requestId}, {"channel", channel}});
    try {
      future.get();
    } catch (const std::exception&) {
      return {500, "application/json",
              R"({"status":500,"error":"the message could not be stored; please retry"})"};
    }
    return adapter_.acknowledge(request);
  }
  std::vector<DispatchResult> results;
  try {
    results = future.get();
  } catch (const std::exception&) {
    return {500, "application/json",
            R"({"status":500,"error":"the message could not be stored; please retry"})"};
  }
  std::vector<channels::Reply> replies;
  bool deferred = false;
  for (const auto& result : results) {
    if (result.mode == store::AnswerMode::Async) deferred = true;
    if (result.mode != store::AnswerMode::Passive) continue;
    for (const auto& text : result.replies) replies.push_back({text});
  }
  if (!inAnswer || (replies.empty() && deferred)) return adapter_.acknowledge(request);
  return adapter_.render(request, *batch, replies);
}

}  // namespace civicdesk::bot
