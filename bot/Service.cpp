#include "bot/Service.hpp"

#include <filesystem>

#include <nlohmann/json.hpp>

#include "bot/ChannelRoute.hpp"
#include "bot/HttpServer.hpp"
#include "bot/OutboxDelivery.hpp"
#include "bot/WorkQueue.hpp"
#include "channels/wechat/WeChatAdapter.hpp"
#include "channels/wechat/WeChatSender.hpp"
#include "dialogs/Templates.hpp"
#include "store/Store.hpp"
#include "workflows/UnitDirectory.hpp"

namespace civicdesk::bot {

namespace {
// Dispatch workers: the store takes one writer at a time, so a few threads keep it busy
// while others parse and render.
constexpr int kDispatchThreads = 4;
}  // namespace

Service::Service(Config config, const workflows::Clock& clock, Log& log)
    : config_(std::move(config)), clock_(clock), log_(log) {
  std::filesystem::create_directories(config_.dataDir);
  store_ = std::make_unique<store::Store>(config_.databasePath());
  templates_ = std::make_unique<dialogs::Templates>(dialogs::Templates::load(config_.templatesFile));
  units_ = std::make_unique<workflows::UnitDirectory>(
      workflows::UnitDirectory::load(config_.unitsFile));
  dispatcher_ = std::make_unique<Dispatcher>(
      *store_, *templates_, *units_, clock_, log_, metrics_, storeMutex_,
      Dispatcher::Settings{config_.dialogIdleResetSeconds});
  outbox_ = std::make_unique<OutboxDelivery>(*store_, clock_, log_, metrics_, storeMutex_);
  dispatcher_->onOutboxChanged([this] { outbox_->wake(); });
  log_.info("service.ready", {{"config", config_.source},
                              {"database", config_.databasePath()},
                              {"schema_version", std::to_string(store_->schemaVersion())},
                              {"units", std::to_string(units_->units().size())},
                              {"district", units_->districtName()}});
}

Service::~Service() { stop(); }

int Service::start() {
  work_ = std::make_unique<WorkQueue>(kDispatchThreads);
  HttpServerOptions options;
  options.host = config_.listenHost;
  options.port = config_.listenPort;
  options.threads = config_.httpThreads;
  http_ = std::make_unique<HttpServer>(options, log_, metrics_);
  addRoutes();
  port_ = http_->bind();
  outbox_->start();
  serving_ = std::thread([this] {
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
    return channels::HttpResponse{200, "text/plain; version=0.0.4", metrics_.render()};
  });

  if (config_.wechatEnabled) {
    auto now = [this] { return clock_.nowSeconds(); };
    wechat_ = std::make_unique<channels::WeChatAdapter>(config_.wechat, now);
    wechatRoute_ = std::make_unique<ChannelRoute>(
        *wechat_, *dispatcher_, *work_, log_, metrics_,
        std::chrono::milliseconds(config_.wechatReplyBudgetMs));
    http_->get("/wechat", "wechat_handshake",
               [this](const channels::HttpRequest& r, const std::string& id) {
                 return wechatRoute_->handshake(r, id);
               });
    http_->post("/wechat", "wechat", [this](const channels::HttpRequest& r, const std::string& id) {
      return wechatRoute_->receive(r, id);
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
  if (work_) work_->shutdown();  // finishes dispatches already handed over
  if (outbox_) outbox_->stop();
  log_.info("service.stopped");
}

}  // namespace civicdesk::bot
