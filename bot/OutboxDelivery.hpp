#pragma once
// The worker that empties the outbox: claims due rows, hands each to its channel's sender,
// and records the result (sent, or failed with a retry time). Runs on its own thread; stops
// at destruction, after the row it is delivering.
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "bot/BackgroundLoop.hpp"
#include "bot/Log.hpp"
#include "bot/Metrics.hpp"
#include "channels/ChannelSender.hpp"
#include "store/Store.hpp"
#include "workflows/Clock.hpp"

namespace civicdesk::bot {

class OutboxDelivery {
 public:
  OutboxDelivery(store::Store& store, const workflows::Clock& clock, Log& log, Metrics& metrics,
                 std::mutex& storeMutex);
  ~OutboxDelivery();
  OutboxDelivery(const OutboxDelivery&) = delete;
  OutboxDelivery& operator=(const OutboxDelivery&) = delete;

  void addSender(std::shared_ptr<channels::ChannelSender> sender);
  bool hasSender(const std::string& channel) const { return senders_.count(channel) > 0; }
  void start() { loop_.start(); }
  void stop() { loop_.stop(); }
  // Something was queued: look now rather than at the next poll.
  void wake() { loop_.wake(); }
  // One pass: deliver everything due now. Returns how many rows were attempted. Public so a
  // test or the CLI can drain the outbox deterministically.
  int deliverDue();

 private:
  store::Store& store_;
  const workflows::Clock& clock_;
  Log& log_;
  Metrics& metrics_;
  std::mutex& storeMutex_;  // see Dispatcher: one user of the connection at a time
  std::map<std::string, std::shared_ptr<channels::ChannelSender>, std::less<>> senders_;
  BackgroundLoop loop_;  // last: stopped first, before the members it uses go
};

}  // namespace civicdesk::bot
