#include "bot/ChannelRoute.hpp"

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
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

Expected<channels::InboundBatch, channels::HttpResponse> ChannelRoute::admit(
    const channels::HttpRequest& request, const std::string& requestId) const {
  const std::string channel(adapter_.name());
  auto batch = adapter_.receive(request);
  if (!batch) {
    // Refused before anything was stored: a bad signature, a malformed or oversized body.
    metrics_.error(channel + "_refused_" + std::to_string(batch.error().status));
    log_.warn("channel.refused", {{"request_id", requestId},
                                  {"channel", channel},
                                  {"status", std::to_string(batch.error().status)},
                                  {"reason", batch.error().message}});
    return unexpected(channels::HttpResponse{
        batch.error().status,
        "application/json",
        nlohmann::json{{"status", batch.error().status}, {"error", batch.error().message}}.dump(),
        {}});
  }
  if (batch->messages.empty()) return unexpected(adapter_.acknowledge(request));

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
          429,
          "application/json",
          nlohmann::json{{"status", 429},
                         {"error", "too many messages from this sender; please retry later"}}
              .dump(),
          {}};
      refused.headers["Retry-After"] = std::to_string(decision.retryAfter.count());
      return unexpected(std::move(refused));
    }
  }
  return std::move(*batch);
}

channels::HttpResponse ChannelRoute::notStored(const std::string& requestId,
                                               const std::string& failure) const {
  // Nothing was committed for that message, and the platform retries it.
  metrics_.error("dispatch");
  log_.error(
      "dispatch.failed",
      {{"request_id", requestId}, {"channel", std::string(adapter_.name())}, {"error", failure}});
  return {500,
          "application/json",
          R"({"status":500,"error":"the message could not be stored; please retry"})",
          {}};
}

channels::HttpResponse ChannelRoute::answerFor(const channels::HttpRequest& request,
                                               const channels::InboundBatch& batch,
                                               const std::vector<DispatchResult>& results) const {
  std::vector<channels::Reply> replies;
  bool deferred = false;
  for (const auto& result : results) {
    if (result.mode == store::AnswerMode::Async) deferred = true;
    if (result.mode != store::AnswerMode::Passive) continue;
    for (const auto& text : result.replies) replies.push_back({text});
  }
  if (!adapter_.repliesInAnswer() || (replies.empty() && deferred)) {
    return adapter_.acknowledge(request);
  }
  return adapter_.render(request, batch, replies);
}

// One request's messages on their way through the store: the answer is due when the last one
// is durable. The writer completes them (one callback each); the reply budget may run out
// first (a timer on the event loop, or the waiting handler thread). The mutex keeps the two
// apart.
struct ChannelRoute::PendingBatch {
  channels::HttpRequest request;
  channels::InboundBatch batch;
  std::string requestId;
  std::shared_ptr<ReplyWindow> window = std::make_shared<ReplyWindow>();
  std::mutex mutex;
  std::vector<std::optional<DispatchResult>> results;
  std::size_t outstanding = 0;
  std::optional<std::string> failure;
  bool gaveUp = false;
};

std::shared_ptr<ChannelRoute::PendingBatch> ChannelRoute::dispatchAll(
    const channels::HttpRequest& request, channels::InboundBatch batch,
    const std::string& requestId, AllStored allStored) const {
  auto pending = std::make_shared<PendingBatch>();
  pending->request = request;
  pending->batch = std::move(batch);
  pending->requestId = requestId;
  const std::size_t count = pending->batch.messages.size();
  pending->results.resize(count);
  pending->outstanding = count;
  // A channel whose answer cannot carry replies (an SMS gateway's push, a mail webhook): the
  // replies go by the outbox, and the platform's acknowledgement waits for the commit, since
  // nothing may be acknowledged before it is stored.
  if (!adapter_.repliesInAnswer()) pending->window->giveUp();
  // Each message joins the store's next group commit; the last to be durable (or to fail)
  // calls `allStored`, on the writer.
  for (std::size_t i = 0; i < count; ++i) {
    dispatcher_.submit(
        pending->batch.messages[i], pending->window, requestId,
        [pending, allStored, i](std::optional<DispatchResult> result, std::exception_ptr error) {
          std::unique_lock lock(pending->mutex);
          if (error && !pending->failure) {
            try {
              std::rethrow_exception(error);
            } catch (const std::exception& e) {
              pending->failure = e.what();
            } catch (...) {
              pending->failure = "unknown error";
            }
          }
          pending->results[i] = std::move(result);
          if (--pending->outstanding > 0) return;
          lock.unlock();
          allStored(pending);
        });
  }
  return pending;
}

void ChannelRoute::budgetRanOut(PendingBatch& pending) const {
  // Too late to answer with the replies: they go by the outbox. The "received" answer still
  // waits for the commit: nothing is acknowledged before it is stored. If that makes the
  // platform give up first, its retry finds the stored message and changes nothing.
  std::lock_guard lock(pending.mutex);
  if (pending.outstanding == 0 || !pending.window->giveUp()) return;
  pending.gaveUp = true;
  log_.info("reply.deferred",
            {{"request_id", pending.requestId}, {"channel", std::string(adapter_.name())}});
}

channels::HttpResponse ChannelRoute::answerFor(PendingBatch& pending) const {
  if (pending.failure) return notStored(pending.requestId, *pending.failure);
  if (pending.gaveUp) return adapter_.acknowledge(pending.request);
  std::vector<DispatchResult> results;
  results.reserve(pending.results.size());
  for (auto& r : pending.results) results.push_back(std::move(*r));
  return answerFor(pending.request, pending.batch, results);
}

channels::HttpResponse ChannelRoute::receive(const channels::HttpRequest& request,
                                             const std::string& requestId) const {
  auto admitted = admit(request, requestId);
  if (!admitted) return admitted.error();
  // This handler thread waits for the writer's callback (it returns only once it came).
  std::promise<void> stored;
  auto storedFuture = stored.get_future();
  auto pending = dispatchAll(request, std::move(*admitted), requestId,
                             [promise = &stored](const auto&) { promise->set_value(); });
  if (adapter_.repliesInAnswer() &&
      storedFuture.wait_for(replyBudget_) != std::future_status::ready) {
    budgetRanOut(*pending);
  }
  storedFuture.wait();
  return answerFor(*pending);
}

void ChannelRoute::receiveAsync(const channels::HttpRequest& request, const std::string& requestId,
                                PendingAnswer answer) const {
  auto admitted = admit(request, requestId);
  if (!admitted) return answer.respond(std::move(admitted.error()));
  auto pending = dispatchAll(request, std::move(*admitted), requestId,
                             [this, answer](const std::shared_ptr<PendingBatch>& stored) {
                               // Rendered on the loop: the writer, which every message waits
                               // for, only hands over.
                               answer.respondWith([this, stored] { return answerFor(*stored); });
                             });
  if (adapter_.repliesInAnswer()) {
    answer.after(replyBudget_, [this, pending] { budgetRanOut(*pending); });
  }
}

}  // namespace civicdesk::bot
