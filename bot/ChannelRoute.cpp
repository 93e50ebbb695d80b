#include "bot/ChannelRoute.hpp"

#include <chrono>
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

channels::HttpResponse ChannelRoute::receive(const channels::HttpRequest& request,
                                             const std::string& requestId) const {
  auto batch = admit(request, requestId);
  if (!batch) return batch.error();

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
  bool gaveUp = false;
  if (inAnswer && !allReadyBy(deadline) && window->giveUp()) {
    // Too late to answer with the replies: they go by the outbox. The "received" answer still
    // waits for the commit: nothing is acknowledged before it is stored. If that makes the
    // platform give up first, its retry finds the stored message and changes nothing.
    log_.info("reply.deferred",
              {{"request_id", requestId}, {"channel", std::string(adapter_.name())}});
    gaveUp = true;
  }
  std::vector<DispatchResult> results;
  std::optional<std::string> failure;
  for (auto& future : pending) {
    try {
      results.push_back(future.get());
    } catch (const std::exception& e) {
      if (!failure) failure = e.what();
    }
  }
  if (failure) return notStored(requestId, *failure);
  if (gaveUp) return adapter_.acknowledge(request);
  return answerFor(request, *batch, results);
}

namespace {

// One asynchronous request's messages on their way through the store: the answer goes out
// when the last one is durable. The writer completes them, the loop's budget timer may give
// up first; the mutex keeps the two apart.
struct PendingBatch {
  channels::HttpRequest request;
  channels::InboundBatch batch;
  std::shared_ptr<ReplyWindow> window = std::make_shared<ReplyWindow>();
  std::mutex mutex;
  std::vector<std::optional<DispatchResult>> results;
  std::size_t outstanding = 0;
  std::optional<std::string> failure;
  bool gaveUp = false;
};

}  // namespace

void ChannelRoute::receiveAsync(const channels::HttpRequest& request, const std::string& requestId,
                                PendingAnswer answer) const {
  auto admitted = admit(request, requestId);
  if (!admitted) return answer.respond(std::move(admitted.error()));

  auto pending = std::make_shared<PendingBatch>();
  pending->request = request;
  pending->batch = std::move(*admitted);
  const std::size_t count = pending->batch.messages.size();
  pending->results.resize(count);
  pending->outstanding = count;
  const bool inAnswer = adapter_.repliesInAnswer();
  if (!inAnswer) pending->window->giveUp();  // as in receive()

  // On the writer, once a message's batch is durable or failed; the last one answers.
  auto finished = [this, pending, answer, requestId](std::size_t index,
                                                     std::optional<DispatchResult> result,
                                                     std::exception_ptr error) {
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
    pending->results[index] = std::move(result);
    if (--pending->outstanding > 0) return;
    lock.unlock();
    // Rendered on the loop: the writer, which every message waits for, only hands over.
    answer.respondWith([this, pending, requestId] {
      if (pending->failure) return notStored(requestId, *pending->failure);
      if (pending->gaveUp) return adapter_.acknowledge(pending->request);
      std::vector<DispatchResult> results;
      results.reserve(pending->results.size());
      for (auto& r : pending->results) results.push_back(std::move(*r));
      return answerFor(pending->request, pending->batch, results);
    });
  };
  for (std::size_t i = 0; i < count; ++i) {
    dispatcher_.submit(
        pending->batch.messages[i], pending->window, requestId,
        [finished, i](std::optional<DispatchResult> result, std::exception_ptr error) {
          finished(i, std::move(result), error);
        });
  }
  if (!inAnswer) return;
  // The budget: if the messages are not all stored by then and no reply was promised to the
  // answer yet, the replies go by the outbox and the answer will be the "received" one (still
  // only once everything is stored).
  answer.after(replyBudget_, [this, pending, requestId] {
    std::lock_guard lock(pending->mutex);
    if (pending->outstanding == 0 || !pending->window->giveUp()) return;
    pending->gaveUp = true;
    log_.info("reply.deferred",
              {{"request_id", requestId}, {"channel", std::string(adapter_.name())}});
  });
}

}  // namespace civicdesk::bot
