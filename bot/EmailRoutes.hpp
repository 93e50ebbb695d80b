#pragma once
// The email channel's HTTP side (PROTOCOLS.md §4): POST /email/mailgun (Mailgun routes,
// signed) and POST /email/mime (a raw RFC 5322 message piped from the district's own mail
// server, behind a Bearer token), both through the dispatcher, and the SMTP sender the outbox
// uses for every mail (answers to citizens and staff notices alike).
#include <memory>

#include "bot/ChannelRoute.hpp"
#include "bot/Config.hpp"
#include "bot/HttpServer.hpp"
#include "channels/ChannelSender.hpp"

namespace civicdesk::bot {

class EmailRoutes {
 public:
  EmailRoutes(const Config& config, Dispatcher& dispatcher, Log& log, Metrics& metrics,
              RateLimiter* limiter);
  ~EmailRoutes();

  void addRoutes(HttpServer& http);
  // The SMTP sender, or null when no SMTP server is configured.
  std::shared_ptr<channels::ChannelSender> sender() const { return sender_; }

  // The largest request body the email routes accept (the server's own limit must allow it).
  static constexpr std::size_t kMaxBodyBytes = 12 * 1024 * 1024;

 private:
  std::unique_ptr<channels::ChannelAdapter> mailgun_, mime_;
  std::unique_ptr<ChannelRoute> mailgunRoute_, mimeRoute_;
  std::shared_ptr<channels::ChannelSender> sender_;
};

// The domain of our sender address ("xinxi@desk.example" → "desk.example"), for Message-IDs.
std::string mailDomain(const Config& config);

}  // namespace civicdesk::bot
