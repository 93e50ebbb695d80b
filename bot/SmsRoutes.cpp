#include "bot/SmsRoutes.hpp"

#include <nlohmann/json.hpp>

#include "channels/sms/SmsDelivery.hpp"
#include "channels/sms/TwiML.hpp"
#include "channels/sms/TwilioSender.hpp"
#include "store/DeliveryReports.hpp"
#include "store/Outbox.hpp"

namespace civicdesk::bot {

SmsRoutes::SmsRoutes(const Config& config, Dispatcher& dispatcher, store::Store& store,
                     std::mutex& storeMutex, const workflows::Clock& clock, Log& log,
                     Metrics& metrics, RateLimiter* limiter)
    : store_(store), storeMutex_(storeMutex), clock_(clock), log_(log), metrics_(metrics) {
  const auto budget = std::chrono::milliseconds(config.sms.replyBudgetMs);
  if (!config.sms.authToken.empty()) {
    twilioConfig_.publicUrl = config.publicUrl;
    twilioConfig_.authToken = config.sms.authToken;
    twilioConfig_.accountSid = config.sms.accountSid;
    twilioConfig_.fromNumber = config.sms.fromNumber;
    twilioConfig_.apiBase = config.sms.apiBase;
    // Twilio reports the fate of what we send to the same public address.
    std::string base = config.publicUrl;
    while (!base.empty() && base.back() == '/') base.pop_back();
    twilioConfig_.statusCallbackUrl = base + "/sms/twilio/status";
    twilio_ = std::make_unique<channels::TwilioAdapter>(twilioConfig_);
    twilioRoute_ =
        std::make_unique<ChannelRoute>(*twilio_, dispatcher, log, metrics, budget, limiter);
    if (!config.sms.accountSid.empty() && !config.sms.fromNumber.empty()) {
      sender_ = std::make_shared<channels::TwilioSender>(twilioConfig_);
    }
  }
  if (!config.sms.aliyunPathToken.empty()) {
    aliyunConfig_.pathToken = config.sms.aliyunPathToken;
    aliyunConfig_.allowedAddresses = config.sms.pushAllowList;
    aliyun_ = std::make_unique<channels::AliyunSmsAdapter>(aliyunConfig_);
    aliyunRoute_ =
        std::make_unique<ChannelRoute>(*aliyun_, dispatcher, log, metrics, budget, limiter);
  }
  if (!config.sms.tencentPathToken.empty()) {
    tencentConfig_.pathToken = config.sms.tencentPathToken;
    tencentConfig_.allowedAddresses = config.sms.pushAllowList;
    tencent_ = std::make_unique<channels::TencentSmsAdapter>(tencentConfig_);
    tencentRoute_ =
        std::make_unique<ChannelRoute>(*tencent_, dispatcher, log, metrics, budget, limiter);
  }
}

channels::HttpResponse SmsRoutes::refused(const channels::ChannelError& error,
                                          const std::string& route, const std::string& requestId) {
  metrics_.error(route + "_refused_" + std::to_string(error.status));
  log_.warn("channel.refused", {{"request_id", requestId},
                                {"channel", route},
                                {"status", std::to_string(error.status)},
                                {"reason", error.message}});
  return {error.status, "application/json",
          nlohmann::json{{"status", error.status}, {"error", error.message}}.dump()};
}

void SmsRoutes::record(const std::vector<channels::SmsDeliveryReport>& reports) {
  std::lock_guard lock(storeMutex_);
  store::Transaction tx(store_);
  store::DeliveryReports stored(store_);
  const auto now = clock_.nowSeconds();
  for (const auto& r : reports) {
    const bool changed = stored.apply({r.providerId, "sms", r.status, r.errorCode, now},
                                      [](std::string_view from, std::string_view to) {
                                        return channels::smsStatusAdvances(from, to);
                                      });
    // Accepted by the gateway but never delivered: visible to staff as a failed delivery,
    // and retryable, like a send the gateway refused.
    if (changed && (r.status == "undelivered" || r.status == "failed")) {
      if (auto id = store::Outbox(store_).markUndelivered(
              r.providerId, "sms " + r.status + (r.errorCode.empty() ? "" : " " + r.errorCode))) {
        log_.warn("sms.undelivered", {{"outbox_id", std::to_string(*id)}, {"status", r.status}});
      }
    }
  }
  tx.commit();
}

void SmsRoutes::addRoutes(HttpServer& http) {
  using channels::HttpRequest;
  if (twilioRoute_) {
    http.post("/sms/twilio", "sms_twilio", [this](const HttpRequest& r, const std::string& id) {
      return twilioRoute_->receive(r, id);
    });
    http.post("/sms/twilio/status", "sms_twilio_status",
              [this](const HttpRequest& r, const std::string& id) {
                auto report = channels::parseTwilioStatus(r, twilioConfig_);
                if (!report) return refused(report.error(), "sms_twilio_status", id);
                record({*report});
                return channels::HttpResponse{200, std::string(channels::kTwimlContentType),
                                              channels::renderTwiml({})};
              });
  }
  if (aliyunRoute_) {
    http.post("/sms/aliyun/([^/]+)", "sms_aliyun",
              [this](const HttpRequest& r, const std::string& id) {
                return aliyunRoute_->receive(r, id);
              });
    http.post("/sms/aliyun/([^/]+)/report", "sms_aliyun_report",
              [this](const HttpRequest& r, const std::string& id) {
                auto reports = channels::parseAliyunSmsReport(r, aliyunConfig_);
                if (!reports) return refused(reports.error(), "sms_aliyun_report", id);
                record(*reports);
                return channels::aliyunPushAck();
              });
  }
  if (tencentRoute_) {
    http.post("/sms/tencent/([^/]+)", "sms_tencent",
              [this](const HttpRequest& r, const std::string& id) {
                return tencentRoute_->receive(r, id);
              });
    http.post("/sms/tencent/([^/]+)/status", "sms_tencent_status",
              [this](const HttpRequest& r, const std::string& id) {
                auto reports = channels::parseTencentSmsStatus(r, tencentConfig_);
                if (!reports) return refused(reports.error(), "sms_tencent_status", id);
                record(*reports);
                return channels::tencentPushAck();
              });
  }
}

}  // namespace civicdesk::bot
