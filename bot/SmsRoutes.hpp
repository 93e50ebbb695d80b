#pragma once
// The SMS channel's HTTP side (PROTOCOLS.md §3): the Twilio-compatible webhook and its status
// callbacks, the Aliyun and Tencent pushes (inbound messages and delivery reports), and the
// outbound sender the outbox uses for every SMS, whichever gateway brought the message in.
// Each part is on when its secret is configured.
#include <chrono>
#include <memory>
#include <mutex>

#include "bot/ChannelRoute.hpp"
#include "bot/Config.hpp"
#include "bot/HttpServer.hpp"
#include "channels/ChannelSender.hpp"
#include "channels/sms/AliyunSmsAdapter.hpp"
#include "channels/sms/SmsDelivery.hpp"
#include "channels/sms/TencentSmsAdapter.hpp"
#include "channels/sms/TwilioAdapter.hpp"
#include "store/Store.hpp"
#include "workflows/Clock.hpp"

namespace civicdesk::bot {

class SmsRoutes {
 public:
  SmsRoutes(const Config& config, Dispatcher& dispatcher, store::Store& store,
            std::mutex& storeMutex, const workflows::Clock& clock, Log& log, Metrics& metrics,
            RateLimiter* limiter);

  void addRoutes(HttpServer& http);

  // The outbound SMS sender, or null when no gateway account is configured.
  std::shared_ptr<channels::ChannelSender> sender() const { return sender_; }

 private:
  // Applies delivery reports (forward moves only) in one transaction.
  void record(const std::vector<channels::SmsDeliveryReport>& reports);
  channels::HttpResponse refused(const channels::ChannelError& error, const std::string& route,
                                 const std::string& requestId);

  store::Store& store_;
  std::mutex& storeMutex_;
  const workflows::Clock& clock_;
  Log& log_;
  Metrics& metrics_;
  channels::TwilioConfig twilioConfig_;
  channels::ChinaSmsPushConfig aliyunConfig_;
  channels::ChinaSmsPushConfig tencentConfig_;
  std::unique_ptr<channels::TwilioAdapter> twilio_;
  std::unique_ptr<channels::AliyunSmsAdapter> aliyun_;
  std::unique_ptr<channels::TencentSmsAdapter> tencent_;
  std::unique_ptr<ChannelRoute> twilioRoute_, aliyunRoute_, tencentRoute_;
  std::shared_ptr<channels::ChannelSender> sender_;
};

}  // namespace civicdesk::bot
