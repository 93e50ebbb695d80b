#include "bot/OutboxDelivery.hpp"

#include <chrono>

#include "store/Messages.hpp"
#include "store/Outbox.hpp"

namespace civicdesk::bot {

namespace {
// How often to look when nothing wakes us: retries come due without anyone queueing.
constexpr auto kPollInterval = std::chrono::milliseconds(500);
constexpr int kBatch = 32;
}  // namespace

OutboxDelivery::OutboxDelivery(store::Store& store, const workflows::Clock& clock, Log& log,
                               Metrics& metrics, std::mutex& storeMutex)
    : store_(store), clock_(clock), log_(log), metrics_(metrics), storeMutex_(storeMutex) {}

OutboxDelivery::~OutboxDelivery() { stop(); }

void OutboxDelivery::addSender(std::shared_ptr<channels::ChannelSender> sender) {
  senders_[std::string(sender->name())] = std::move(sender);
}

void OutboxDelivery::start() {
  if (thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { run(); });
}

void OutboxDelivery::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wakeUp_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void OutboxDelivery::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wakeUp_.notify_all();
}

void OutboxDelivery::run() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wakeUp_.wait_for(lock, kPollInterval, [this] { return stopping_ || woken_; });
      if (stopping_) return;
      woken_ = false;
    }
    try {
      while (deliverDue() == kBatch) {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
      }
    } catch (const std::exception& e) {
      // The store failed (disk full, locked...): the rows stay claimed and are re-claimed
      // when their lease runs out. Keep the worker alive.
      metrics_.error("outbox");
      log_.error("outbox.error", {{"error", e.what()}});
    }
  }
}

int OutboxDelivery::deliverDue() {
  std::vector<store::OutboxItem> due;
  {
    std::lock_guard lock(storeMutex_);
    due = store::Outbox(store_).claimDue(clock_.nowSeconds(), kBatch);
  }
  for (const auto& item : due) {
    auto sender = senders_.find(item.channel);
    if (sender == senders_.end()) {
      std::lock_guard lock(storeMutex_);
      store::Outbox(store_).markFailed(item.id, "no sender configured for channel " + item.channel,
                                       false, clock_.nowSeconds());
      metrics_.error("outbox_no_sender");
      log_.error("outbox.dead", {{"outbox_id", std::to_string(item.id)},
                                 {"channel", item.channel},
                                 {"error", "no sender configured"}});
      continue;
    }
    // The network call happens outside the store lock: a slow platform must not stall intake.
    auto sent = sender->second->send(item.recipient, channels::Reply{item.text});
    std::lock_guard lock(storeMutex_);
    const std::int64_t now = clock_.nowSeconds();
    store::Outbox outbox(store_);
    if (sent) {
      store::Transaction tx(store_);
      outbox.markSent(item.id, *sent, now);
      store::Messages(store_).recordOutbound({item.channel, item.citizenId.value_or(0),
                                              item.recipient, item.text, "outbox", std::nullopt,
                                              now});
      tx.commit();
      metrics_.messageOut(item.channel, "outbox");
      log_.info("outbox.sent", {{"outbox_id", std::to_string(item.id)}, {"channel", item.channel}});
    } else {
      const auto& error = sent.error();
      outbox.markFailed(item.id, error.code + " " + error.message, error.retryable, now);
      metrics_.error("outbox_send");
      log_.warn("outbox.failed", {{"outbox_id", std::to_string(item.id)},
                                  {"channel", item.channel},
                                  {"code", error.code},
                                  {"retryable", error.retryable ? "yes" : "no"},
                                  {"error", error.message}});
    }
  }
  return static_cast<int>(due.size());
}

}  // namespace civicdesk::bot
