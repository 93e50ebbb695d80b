#include "bot/OutboxDelivery.hpp"

#include <chrono>

#include <nlohmann/json.hpp>

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
    : store_(store),
      clock_(clock),
      log_(log),
      metrics_(metrics),
      storeMutex_(storeMutex),
      loop_(
          "desk-outbox", kPollInterval, [this] { return deliverDue() == kBatch; },
          [this](const std::exception& e) {
            // The store failed (disk full, locked...): claimed rows are re-claimed when their
            // lease runs out. The loop keeps going.
            metrics_.error("outbox");
            log_.error("outbox.error", {{"error", e.what()}});
          }) {}

OutboxDelivery::~OutboxDelivery() {
  stop();
}

void OutboxDelivery::addSender(std::shared_ptr<channels::ChannelSender> sender) {
  senders_[std::string(sender->name())] = std::move(sender);
}

namespace {

// The row as the sender takes it: the text, and for email the headers that thread it.
channels::Reply replyOf(const store::OutboxItem& item) {
  channels::Reply reply{item.text};
  reply.idempotencyKey = item.idempotencyKey;  // the same on every attempt of this row
  const auto headers = nlohmann::json::parse(item.headersJson, nullptr, false);
  if (!headers.is_object()) return reply;
  reply.subject = headers.value("subject", "");
  reply.messageId = headers.value("message_id", "");
  reply.inReplyTo = headers.value("in_reply_to", "");
  if (auto it = headers.find("references"); it != headers.end() && it->is_array()) {
    for (const auto& id : *it) {
      if (id.is_string()) reply.references.push_back(id.get<std::string>());
    }
  }
  return reply;
}

}  // namespace

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
    auto sent = sender->second->send(item.recipient, replyOf(item));
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
    } else if (sent.error().retryAfterSeconds > 0) {
      outbox.defer(item.id, now + sent.error().retryAfterSeconds, sent.error().message);
      log_.info("outbox.deferred", {{"outbox_id", std::to_string(item.id)},
                                    {"channel", item.channel},
                                    {"reason", sent.error().message}});
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
