#include "bot/ChannelRoute.hpp"

#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace civicdesk::bot {

ChannelRoute::ChannelRoute(const channels::ChannelAdapter& adapter, Dispatcher& dispatcher,
                           Log& log, Metrics& metrics, std::chrono::milliseconds replyBudget,
                           RateLimiter* limiter)
    : adapter_(adapter),
      dispatcher_(dispatcher),
      log_(log),
      metrics_(metrics),
      replyBudget_(replyBudget),
      limiter_(limiter) {}

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

  if (limiter_ != nullptr) {
    // Checked after the signature (a forged sender id cannot use up a citizen's allowance) and
    // before anything is stored: a refused message was never acknowledged.
    for (const auto& message : batch->messages) {
      const auto decision = limiter_->admit(channel + ":" + message.from);
      if (decision.allowed) continue;
      metrics_.error(channel + "_rate_limited");
      log_.warn("channel.rate_limited",
                {{"request_id", requestId},
                 {"channel", channel},
                 {"retry_after_s", std::to_string(decision.retryAfter.count())}});
      channels::HttpResponse refused{
          429, "application/json",
          nlohmann::json{{"status", 429},
                         {"error", "too many messages from this sender; please retry later"}}
              .dump()};
      refused.headers["Retry-After"] = std::to_string(decision.retryAfter.count());
      return refused;
    }
  }

  auto window = std::make_shared<ReplyWindow>();
  // A channel whose answer cannot carry replies (an SMS gateway's push, a mail webhook): the
  // replies go by the outbox, and the platform's acknowledgement waits for the commit, since
  // nothing may be acknowledged before it is stored.
  const bool inAnswer = adapter_.repliesInAnswer();
  if (!inAnswer) window->giveUp();
  // Each message joins the store's next group commit; the answer waits for it to be durable.
  std::vector<std::future<DispatchResult>> pending;
  pending.reserve(batch->messages.size());
  for (const auto& message : batch->messages) {
    pending.push_back(dispatcher_.submit(message, window, requestId));
  }
  const auto deadline = std::chrono::steady_clock::now() + replyBudget_;
  const auto allReadyBy = [&pending](std::chrono::steady_clock::time_point by) {
    for (auto& future : pending) {
      if (future.wait_until(by) != std::future_status::ready) return false;
    }
    return true;
  };
  // Every result, or the first failure (logged: nothing was committed for that message, and
  // the platform retries it).
  const auto collect = [&]() -> std::optional<std::vector<DispatchResult>> {
    std::vector<DispatchResult> results;
    std::optional<std::string> failure;
    for (auto& future : pending) {
      try {
        results.push_back(future.get());
      } catch (const std::exception& e) {
        if (!failure) failure = e.what();
      }
    }
    if (!failure) return results;
    metrics_.error("dispatch");
    log_.error("dispatch.failed",
               {{"request_id", requestId}, {"channel", channel}, {"error", *failure}});
    return std::nullopt;
  };
  const channels::HttpResponse notStored{
      500, "application/json",
      R"({"status":500,"error":"the message could not be stored; please retry"})"};

  if (inAnswer && !allReadyBy(deadline) && window->giveUp()) {
    // Too late to answer with the replies: they go by the outbox. The "received" answer still
    // waits for the commit: nothing is acknowledged before it is stored. If that makes the
    // platform give up first, its retry finds the stored message and changes nothing.
    log_.info("reply.deferred", {{"request_id", requestId}, {"channel", channel}});
    if (!collect()) return notStored;
    return adapter_.acknowledge(request);
  }
  const auto results = collect();
  if (!results) return notStored;
  std::vector<channels::Reply> replies;
  bool deferred = false;
  for (const auto& result : *results) {
    if (result.mode == store::AnswerMode::Async) deferred = true;
    if (result.mode != store::AnswerMode::Passive) continue;
    for (const auto& text : result.replies) replies.push_back({text});
  }
  if (!inAnswer || (replies.empty() && deferred)) return adapter_.acknowledge(request);
  return adapter_.render(request, *batch, replies);
}

}  // namespace civicdesk::bot
