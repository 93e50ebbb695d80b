#include "bot/EmailRoutes.hpp"

#include "channels/email/MailgunAdapter.hpp"
#include "channels/email/MimeAdapter.hpp"
#include "channels/email/SmtpSender.hpp"
#include "workflows/Clock.hpp"

namespace civicdesk::bot {
namespace {
// Mail is never answered in the HTTP response (the adapters say repliesInAnswer() false), so
// ChannelRoute waits for the commit whatever this is; it is only the constructor's argument.
constexpr std::chrono::milliseconds kBudget{10000};
}  // namespace

EmailRoutes::EmailRoutes(const Config& config, Dispatcher& dispatcher, Log& log, Metrics& metrics,
                         RateLimiter* limiter) {
  channels::email::MimeLimits limits;
  limits.maxMessageBytes = 10 * 1024 * 1024;
  if (!config.email.mailgunSigningKey.empty()) {
    channels::MailgunConfig mailgun;
    mailgun.signingKey = config.email.mailgunSigningKey;
    mailgun.maxBodyBytes = kMaxBodyBytes;
    mailgun.limits = limits;
    // Mailgun signs with the time a webhook leaves: its freshness is checked against the
    // host's clock, not the business clock, which --simulated-clock moves.
    mailgun_ = std::make_unique<channels::MailgunAdapter>(
        mailgun, [] { return workflows::SystemClock().nowSeconds(); });
    mailgunRoute_ =
        std::make_unique<ChannelRoute>(*mailgun_, dispatcher, log, metrics, kBudget, limiter);
  }
  if (!config.email.mimeToken.empty()) {
    mime_ = std::make_unique<channels::MimeAdapter>(
        channels::MimeInboundConfig{config.email.mimeToken, limits});
    mimeRoute_ = std::make_unique<ChannelRoute>(*mime_, dispatcher, log, metrics, kBudget, limiter);
  }
  if (!config.email.smtpUrl.empty()) {
    channels::SmtpConfig smtp;
    smtp.url = config.email.smtpUrl;
    smtp.username = config.email.smtpUsername;
    smtp.password = config.email.smtpPassword;
    smtp.fromAddress = config.email.fromAddress;
    smtp.fromName = config.email.fromName;
    smtp.caFile = config.email.smtpCaFile;
    smtp.requireTls = config.email.smtpRequireTls;
    sender_ = std::make_shared<channels::SmtpSender>(smtp);
  }
}

EmailRoutes::~EmailRoutes() = default;

void EmailRoutes::addRoutes(HttpServer& http) {
  using channels::HttpRequest;
  if (mailgunRoute_) {
    http.post("/email/mailgun", "email_mailgun",
              [this](const HttpRequest& r, const std::string& id) {
                return mailgunRoute_->receive(r, id);
              });
  }
  if (mimeRoute_) {
    http.post("/email/mime", "email_mime", [this](const HttpRequest& r, const std::string& id) {
      return mimeRoute_->receive(r, id);
    });
  }
}

std::string mailDomain(const Config& config) {
  const auto at = config.email.fromAddress.find('@');
  if (at == std::string::npos || at + 1 >= config.email.fromAddress.size())
    return "civicdesk.invalid";
  return config.email.fromAddress.substr(at + 1);
}

}  // namespace civicdesk::bot
