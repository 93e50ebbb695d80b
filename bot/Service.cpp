#include "bot/Service.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>

#include <nlohmann/json.hpp>

#include "bot/BackgroundLoop.hpp"
#include "bot/ChannelRoute.hpp"
#include "bot/DeadlineKeeper.hpp"
#include "bot/EmailConversation.hpp"
#include "bot/EmailRoutes.hpp"
#include "bot/HotlineRoute.hpp"
#include "bot/HttpServer.hpp"
#include "bot/OutboxDelivery.hpp"
#include "bot/SmsRoutes.hpp"
#include "bot/staff/CitizenNotifier.hpp"
#include "bot/staff/ComplaintActions.hpp"
#include "bot/staff/InfoRequestActions.hpp"
#include "bot/staff/InfoRequestApi.hpp"
#include "bot/staff/StaffApi.hpp"
#include "channels/Signature.hpp"
#include "channels/wechat/WeChatAdapter.hpp"
#include "channels/wechat/WeChatSender.hpp"
#include "channels/wecom/WeComRobotSender.hpp"
#include "dialogs/Templates.hpp"
#include "store/Store.hpp"
#include "store/Timers.hpp"
#include "util/Allocator.hpp"
#include "util/ThreadName.hpp"
#include "workflows/LocalTime.hpp"
#include "workflows/UnitDirectory.hpp"
#include "workflows/calendar/WorkingDayCalendar.hpp"
#include "workflows/deadlines/DeadlineRules.hpp"
#include "workflows/reminders/ReminderLadder.hpp"

namespace civicdesk::bot {

namespace {
// Timers fired per transaction: a batch holds the store's write lock, so keep it short; a
// backlog after downtime just takes more passes.
constexpr int kTimerBatch = 200;
constexpr auto kTimerInterval = std::chrono::milliseconds(500);

// "_comment" and other "_" keys document the file; they are not rules.
nlohmann::json withoutComments(const nlohmann::json& object) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, value] : object.items()) {
    if (key.empty() || key.front() != '_') out[key] = value;
  }
  return out;
}
}  // namespace

Service::Service(Config config, const workflows::Clock& clock, Log& log,
                 workflows::SettableClock* simulated)
    : config_(std::move(config)), clock_(clock), simulated_(simulated), log_(log) {
  std::filesystem::create_directories(config_.dataDir);
  store_ = std::make_unique<store::Store>(config_.databasePath());
  templates_ =
      std::make_unique<dialogs::Templates>(dialogs::Templates::load(config_.templatesFile));
  units_ =
      std::make_unique<workflows::UnitDirectory>(workflows::UnitDirectory::load(config_.unitsFile));
  calendar_ = std::make_unique<workflows::WorkingDayCalendar>(
      workflows::WorkingDayCalendar::load(config_.calendarFile));
  auto rules = workflows::DeadlineRules::fromJson(withoutComments(config_.deadlineRules));
  if (!rules) throw std::runtime_error("deadline_rules: " + rules.error());
  rules_ = std::make_unique<workflows::DeadlineRules>(std::move(rules).value());
  ladders_ = std::make_unique<workflows::ReminderLadders>(
      workflows::ReminderLadders::load(config_.remindersFile));
  keeper_ = std::make_unique<DeadlineKeeper>(*store_, *calendar_, *rules_, *ladders_, *units_,
                                             *templates_, log_, !config_.wecomRobotBaseUrl.empty(),
                                             !config_.wecomApp.corpId.empty(),
                                             !config_.email.smtpUrl.empty());
  complaintActions_ =
      std::make_unique<ComplaintActions>(*store_, *keeper_, *templates_, *units_, *calendar_, log_,
                                         [this](const std::string& channel) {
                                           // A channel with a sender gets its notices by the
                                           // outbox; others (visit, letter, phone) by hand.
                                           return outbox_ && outbox_->hasSender(channel);
                                         });
  infoNotifier_ = std::make_unique<CitizenNotifier>(
      *store_, *templates_,
      [this](const std::string& channel) { return outbox_ && outbox_->hasSender(channel); });
  infoNotifier_->threadEmailIn(mailDomain(config_));
  infoActions_ = std::make_unique<InfoRequestActions>(*store_, *keeper_, *templates_, *units_, log_,
                                                      *infoNotifier_);
  // Art. 30: no supplement within the period set → the request is deemed withdrawn.
  keeper_->onExpiry(std::string(workflows::rule_ids::kInfoRequestSupplementPeriod),
                    [this](std::int64_t caseId, std::int64_t now) {
                      infoActions_->supplementPeriodExpired(caseId, now);
                    });
  if (config_.rateLimitBurst > 0) {
    limiter_ = std::make_unique<RateLimiter>(
        RateLimiter::Limits{static_cast<double>(config_.rateLimitBurst),
                            static_cast<double>(config_.rateLimitPerMinute)});
  }
  // Messages are written through one writer that commits concurrent requests together.
  commits_ = std::make_unique<store::GroupCommit>(*store_, storeMutex_);
  dispatcher_ = std::make_unique<Dispatcher>(*store_, *templates_, *units_, clock_, log_, metrics_,
                                             storeMutex_, *commits_, *keeper_,
                                             Dispatcher::Settings{config_.dialogIdleResetSeconds});
  emailConversation_ =
      std::make_unique<EmailConversation>(*store_, *templates_, *units_, *complaintActions_,
                                          *infoActions_, *keeper_, mailDomain(config_));
  dispatcher_->handleEmailWith(*emailConversation_);
  dispatcher_->handleInfoRequestsWith(*infoActions_);
  complaintActions_->threadEmailIn(mailDomain(config_));
  outbox_ = std::make_unique<OutboxDelivery>(*store_, clock_, log_, metrics_, storeMutex_);
  dispatcher_->onOutboxChanged([this] { outbox_->wake(); });
  if (!config_.wecomRobotBaseUrl.empty()) {
    channels::WeComRobotConfig robots;
    robots.baseUrl = config_.wecomRobotBaseUrl;
    outbox_->addSender(std::make_shared<channels::WeComRobotSender>(robots));
  }
  if (!config_.wecomApp.corpId.empty()) {
    outbox_->addSender(std::make_shared<channels::WeComAppSender>(
        config_.wecomApp, [this](const channels::PartialDelivery& p) {
          // Some recipients were invalid: the notice did not reach everyone it was for.
          log_.warn("wecom_app.partial_delivery", {{"msgid", p.msgid}});
        }));
  }
  timerLoop_ = std::make_unique<BackgroundLoop>(
      "desk-timers", kTimerInterval, [this] { return runTimers() == kTimerBatch; },
      [this](const std::exception& e) {
        metrics_.error("timers");
        log_.error("timers.error", {{"error", e.what()}});
      });
  // A newer calendar file may cover a year that open deadlines could only guess at.
  const int recomputed = keeper_->recomputeProvisional(clock_.nowSeconds());
  if (recomputed > 0) {
    log_.info("deadlines.recomputed",
              {{"count", std::to_string(recomputed)}, {"calendar", config_.calendarFile}});
  }
  log_.info("service.ready", {{"config", config_.source},
                              {"database", config_.databasePath()},
                              {"schema_version", std::to_string(store_->schemaVersion())},
                              {"units", std::to_string(units_->units().size())},
                              {"district", units_->districtName()},
                              {"allocator", util::allocatorName()}});
}

Service::~Service() {
  stop();
}

int Service::start() {
  HttpServerOptions options;
  options.host = config_.listenHost;
  options.port = config_.listenPort;
  options.threads = config_.httpThreads;
  if (!config_.email.mailgunSigningKey.empty() || !config_.email.mimeToken.empty()) {
    // Mail with attachments is larger than any chat message; each route keeps its own limit.
    options.maxBodyBytes = EmailRoutes::kMaxBodyBytes;
  }
  http_ = std::make_unique<HttpServer>(options, log_, metrics_);
  addRoutes();
  port_ = http_->bind();
  // A server commits all day: checkpoints go to a thread of their own, off the writer's path.
  store_->checkpointInBackground(std::chrono::milliseconds(100));
  outbox_->start();
  // Timers that came due while the service was down fire now, once each.
  timerLoop_->start();
  serving_ = std::thread([this] {
    util::nameThisThread("desk-loop");
    http_->run();
    servingEnded_ = true;
  });
  log_.info("service.listening",
            {{"url", "http://" + config_.listenHost + ":" + std::to_string(port_)}});
  return port_;
}

void Service::addRoutes() {
  http_->get("/healthz", "healthz", [this](const channels::HttpRequest&, const std::string&) {
    std::lock_guard lock(storeMutex_);
    nlohmann::json body{{"status", "ok"}, {"schema_version", store_->schemaVersion()}};
    return channels::HttpResponse{200, "application/json", body.dump()};
  });
  http_->get("/metrics", "metrics", [this](const channels::HttpRequest&, const std::string&) {
    // The group commit's own counters: messages per fsync is what the store's speed rests on.
    const auto commits = commits_->stats();
    std::string text = metrics_.render();
    const auto add = [&text](const char* name, const char* type, auto value) {
      text += std::string("# TYPE ") + name + " " + type + "\n" + name + " " +
              std::to_string(value) + "\n";
    };
    add("civicdesk_store_batches_total", "counter", commits.batches);
    add("civicdesk_store_batched_messages_total", "counter", commits.units);
    add("civicdesk_store_largest_batch", "gauge", commits.largestBatch);
    if (const auto* checkpointer = store_->checkpointer()) {
      // The backlog is what an operator watches: frames the checkpointer has not yet moved
      // into the database file. It should fall back to 0 between bursts.
      const auto checkpoints = checkpointer->stats();
      add("civicdesk_store_checkpoints_total", "counter", checkpoints.runs);
      add("civicdesk_store_wal_frames", "gauge", checkpoints.lastWalFrames);
      add("civicdesk_store_wal_backlog_frames", "gauge", checkpoints.backlogFrames());
    }
    return channels::HttpResponse{200, "text/plain; version=0.0.4", text};
  });

  addAdminRoutes();
  staffApi_ = std::make_unique<StaffApi>(*store_, storeMutex_, *complaintActions_, *units_, clock_,
                                         log_, [this] { outbox_->wake(); });
  staffApi_->addRoutes(*http_);
  infoApi_ = std::make_unique<InfoRequestApi>(*store_, storeMutex_, *infoActions_, *units_, clock_,
                                              log_, [this] { outbox_->wake(); });
  infoApi_->addRoutes(*http_);

  if (config_.wechatEnabled) {
    // WeChat signs its callbacks with the time they leave, and reads our replies' times the
    // same way: the host's clock, not the business clock, which --simulated-clock moves.
    auto hostTime = [] { return workflows::SystemClock().nowSeconds(); };
    wechat_ = std::make_unique<channels::WeChatAdapter>(config_.wechat, hostTime);
    wechatRoute_ = std::make_unique<ChannelRoute>(
        *wechat_, *dispatcher_, log_, metrics_,
        std::chrono::milliseconds(config_.wechatReplyBudgetMs), limiter_.get());
    http_->get("/wechat", "wechat_handshake",
               [this](const channels::HttpRequest& r, const std::string& id) {
                 return wechatRoute_->handshake(r, id);
               });
    // On the event loop: the answer comes from the store's writer once the batch is durable.
    http_->postAsync("/wechat", "wechat",
                     [this](const channels::HttpRequest& r, const std::string& id,
                            PendingAnswer answer) {
                       wechatRoute_->receiveAsync(r, id, std::move(answer));
                     });
    if (config_.wechat.appSecret.empty()) {
      // Without the secret there is no access token, so late replies cannot be sent: they
      // stay in the outbox as dead rows, visible, rather than vanish.
      log_.warn("wechat.no_app_secret",
                {{"effect", "replies not ready within the budget cannot be delivered"}});
    } else {
      outbox_->addSender(std::make_shared<channels::WeChatSender>(config_.wechat));
    }
  }

  sms_ = std::make_unique<SmsRoutes>(config_, *dispatcher_, *store_, storeMutex_, clock_, log_,
                                     metrics_, limiter_.get());
  sms_->addRoutes(*http_);
  if (auto sender = sms_->sender()) outbox_->addSender(sender);

  email_ = std::make_unique<EmailRoutes>(config_, *dispatcher_, log_, metrics_, limiter_.get());
  email_->addRoutes(*http_);
  if (auto sender = email_->sender()) outbox_->addSender(sender);

  if (!config_.hotlineToken.empty()) {
    hotline_ = std::make_unique<HotlineRoute>(
        config_.hotlineToken, *store_, storeMutex_, *complaintActions_, *infoActions_,
        *infoNotifier_, *units_, *templates_, clock_, log_, metrics_, [this] { outbox_->wake(); });
    hotline_->addRoutes(*http_);
  }
}

void Service::stop() {
  if (stopped_) return;
  stopped_ = true;
  if (http_) {
    // The listener may not have entered its loop yet; stop() is only effective once it has.
    while (serving_.joinable() && !http_->running() && !servingEnded_) std::this_thread::yield();
    http_->stop();
  }
  if (serving_.joinable()) serving_.join();
  if (commits_) commits_->shutdown();  // commits what they queued
  if (timerLoop_) timerLoop_->stop();
  if (outbox_) outbox_->stop();
  log_.info("service.stopped");
}

int Service::runTimers() {
  int fired = 0;
  {
    std::lock_guard lock(storeMutex_);
    fired = keeper_->runDue(clock_.nowSeconds(), kTimerBatch);
  }
  if (fired > 0) outbox_->wake();
  return fired;
}

Service::ClockAdvance Service::advanceClock(std::int64_t target) {
  if (simulated_ == nullptr) throw std::logic_error("the service runs on the real clock");
  std::lock_guard advancing(advanceMutex_);
  ClockAdvance result;
  result.from = clock_.nowSeconds();
  if (target < result.from) throw std::invalid_argument("the clock does not go backwards");
  // The background workers pause while time jumps: a send in flight when the clock leaps past
  // its lease would otherwise be claimed and sent a second time. They resume afterwards.
  timerLoop_->stop();
  outbox_->stop();
  struct ResumeWorkers {
    Service& service;
    ~ResumeWorkers() {
      service.outbox_->start();
      service.timerLoop_->start();
    }
  } resume{*this};
  auto drain = [this] {
    while (outbox_->deliverDue() > 0) {
    }
  };
  // Step from one due timer to the next, so each fires at its own time and sees the world
  // (and queues its messages) as it would have then.
  for (;;) {
    std::optional<std::int64_t> next;
    {
      std::lock_guard lock(storeMutex_);
      next = store::Timers(*store_).nextDueAt();
    }
    if (!next || *next > target) break;
    simulated_->set(
        workflows::TimePoint(std::chrono::seconds(std::max(*next, clock_.nowSeconds()))));
    result.timersFired += runTimers();
    drain();
  }
  simulated_->set(workflows::TimePoint(std::chrono::seconds(target)));
  result.timersFired += runTimers();
  drain();
  result.to = target;
  log_.info("clock.advanced", {{"from", workflows::formatIsoShanghai(result.from)},
                               {"to", workflows::formatIsoShanghai(result.to)},
                               {"timers_fired", std::to_string(result.timersFired)}});
  return result;
}

namespace {

// "72h", "3d", "90m", "45s" as seconds.
std::optional<std::int64_t> parseDuration(const std::string& text) {
  if (text.size() < 2 || text.size() > 12) return std::nullopt;
  const char unit = text.back();
  const std::string digits = text.substr(0, text.size() - 1);
  if (digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  const std::int64_t n = std::stoll(digits);
  switch (unit) {
    case 'd':
      return n * 86400;
    case 'h':
      return n * 3600;
    case 'm':
      return n * 60;
    case 's':
      return n;
    default:
      return std::nullopt;
  }
}

channels::HttpResponse jsonAnswer(int status, const nlohmann::json& body) {
  return {status, "application/json", body.dump()};
}

}  // namespace

void Service::addAdminRoutes() {
  // Every admin request carries the admin token; with none configured, there is no admin.
  auto authorised =
      [this](const channels::HttpRequest& request) -> std::optional<channels::HttpResponse> {
    if (config_.adminToken.empty()) {
      return jsonAnswer(403, {{"error",
                               "admin endpoints are off: no admin token is configured "
                               "(CIVICDESK_ADMIN_TOKEN)"}});
    }
    const std::string header = request.header("authorization").value_or("");
    const std::string expected = "Bearer " + config_.adminToken;
    if (!channels::constantTimeEquals(header, expected)) {
      return jsonAnswer(401, {{"error", "missing or wrong admin token"}});
    }
    return std::nullopt;
  };
  auto clockState = [this] {
    return nlohmann::json{{"now", workflows::formatIsoShanghai(clock_.nowSeconds())},
                          {"now_unix", clock_.nowSeconds()},
                          {"simulated", simulated_ != nullptr}};
  };
  http_->get("/admin/clock", "admin_clock",
             [authorised, clockState](const channels::HttpRequest& request, const std::string&) {
               if (auto refused = authorised(request)) return *refused;
               return jsonAnswer(200, clockState());
             });
  http_->post(
      "/admin/clock/advance", "admin_clock_advance",
      [this, authorised, clockState](const channels::HttpRequest& request, const std::string&) {
        if (auto refused = authorised(request)) return *refused;
        if (simulated_ == nullptr) {
          return jsonAnswer(409, {{"error",
                                   "the service runs on the real clock; start "
                                   "it with --simulated-clock"}});
        }
        const auto body = nlohmann::json::parse(request.body, nullptr, false);
        if (!body.is_object()) return jsonAnswer(400, {{"error", "body must be JSON"}});
        std::optional<std::int64_t> target;
        if (body.contains("to") && body["to"].is_string()) {
          target = workflows::parseShanghaiDateTime(body["to"].get<std::string>());
        } else if (body.contains("by") && body["by"].is_string()) {
          auto by = parseDuration(body["by"].get<std::string>());
          if (by) target = clock_.nowSeconds() + *by;
        }
        if (!target) {
          return jsonAnswer(422, {{"error",
                                   "give \"by\" (e.g. \"72h\", \"3d\") or "
                                   "\"to\" (e.g. \"2026-12-08T09:00\")"}});
        }
        if (*target < clock_.nowSeconds()) {
          return jsonAnswer(422, {{"error", "the clock does not go backwards"}});
        }
        const auto advanced = advanceClock(*target);
        auto answer = clockState();
        answer["timers_fired"] = advanced.timersFired;
        return jsonAnswer(200, answer);
      });
}

}  // namespace civicdesk::bot
