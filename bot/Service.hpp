#pragma once
// The composition root: builds every part from the Config and wires them together. `serve`,
// the integration tests and `chat` all run the service through this one class.
#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

#include "bot/Config.hpp"
#include "bot/Dispatcher.hpp"
#include "bot/Log.hpp"
#include "bot/Metrics.hpp"
#include "bot/RateLimiter.hpp"
#include "channels/ChannelAdapter.hpp"
#include "workflows/Clock.hpp"

namespace civicdesk::store {
class Store;
}
namespace civicdesk::dialogs {
class Templates;
}
namespace civicdesk::workflows {
class UnitDirectory;
class WorkingDayCalendar;
class DeadlineRules;
struct ReminderLadders;
}  // namespace civicdesk::workflows

namespace civicdesk::bot {

class HttpServer;
class OutboxDelivery;
class ChannelRoute;
class SmsRoutes;
class HotlineRoute;
class EmailConversation;
class EmailRoutes;
class DeadlineKeeper;
class BackgroundLoop;
class ComplaintActions;
class StaffApi;
class CitizenNotifier;
class InfoRequestActions;
class InfoRequestApi;

class Service {
 public:
  // Opens the store (applying migrations), loads texts, the unit directory, the calendar, the
  // deadline rules and reminder ladders, and recomputes provisional deadlines if the calendar
  // now covers their year. Throws std::runtime_error with a clear message when any of them is
  // unusable. `simulated`, when given, is the same clock as `clock`, settable through the
  // admin endpoint (demos, training, end-to-end tests).
  Service(Config config, const workflows::Clock& clock, Log& log,
          workflows::SettableClock* simulated = nullptr);
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // Binds and serves on a background thread; returns the port. Starts outbox delivery.
  int start();
  // Drains: stops accepting, lets in-flight requests and queued dispatches finish, stops
  // delivery. Safe to call twice.
  void stop();

  struct ClockAdvance {
    std::int64_t from = 0;
    std::int64_t to = 0;
    int timersFired = 0;
  };
  // Moves the simulated clock to `target`, firing every timer in due order and delivering
  // what they queue on the way. Throws std::logic_error without a simulated clock, and
  // std::invalid_argument when `target` is in the past.
  ClockAdvance advanceClock(std::int64_t target);
  // One timer pass at the current time (what the background loop does every half second).
  int runTimers();

  int port() const { return port_; }
  const Config& config() const { return config_; }
  Dispatcher& dispatcher() { return *dispatcher_; }
  store::Store& store() { return *store_; }
  std::mutex& storeMutex() { return storeMutex_; }
  OutboxDelivery& outbox() { return *outbox_; }
  Metrics& metrics() { return metrics_; }
  const workflows::UnitDirectory& units() const { return *units_; }

 private:
  void addRoutes();
  void addAdminRoutes();

  Config config_;
  const workflows::Clock& clock_;
  workflows::SettableClock* simulated_;
  Log& log_;
  Metrics metrics_;
  std::mutex storeMutex_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<dialogs::Templates> templates_;
  std::unique_ptr<workflows::UnitDirectory> units_;
  std::unique_ptr<workflows::WorkingDayCalendar> calendar_;
  std::unique_ptr<workflows::DeadlineRules> rules_;
  std::unique_ptr<workflows::ReminderLadders> ladders_;
  std::unique_ptr<DeadlineKeeper> keeper_;
  std::unique_ptr<ComplaintActions> complaintActions_;
  std::unique_ptr<StaffApi> staffApi_;
  std::unique_ptr<CitizenNotifier> infoNotifier_;
  std::unique_ptr<InfoRequestActions> infoActions_;
  std::unique_ptr<InfoRequestApi> infoApi_;
  std::unique_ptr<Dispatcher> dispatcher_;
  // After dispatcher_: stopped (its queue drained) before the dispatcher its units call goes.
  std::unique_ptr<store::GroupCommit> commits_;
  std::unique_ptr<RateLimiter> limiter_;  // per-sender limit of chat messages; null: off
  std::unique_ptr<OutboxDelivery> outbox_;
  std::unique_ptr<BackgroundLoop> timerLoop_;
  std::mutex advanceMutex_;  // one clock advance at a time
  std::unique_ptr<HttpServer> http_;
  std::unique_ptr<channels::ChannelAdapter> wechat_;
  std::unique_ptr<ChannelRoute> wechatRoute_;
  std::unique_ptr<SmsRoutes> sms_;
  std::unique_ptr<HotlineRoute> hotline_;
  std::unique_ptr<EmailConversation> emailConversation_;
  std::unique_ptr<EmailRoutes> email_;
  std::thread serving_;
  std::atomic<bool> servingEnded_{false};
  int port_ = 0;
  bool stopped_ = false;
};

}  // namespace civicdesk::bot
