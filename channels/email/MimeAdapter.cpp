#include "channels/email/MimeAdapter.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <utility>

#include "channels/Signature.hpp"
#include "channels/email/EmailInbound.hpp"
#include "channels/email/MailAddress.hpp"

namespace civicdesk::channels {

namespace {

ChannelError error(int status, std::string message) {
  return ChannelError{status, std::move(message)};
}

HttpResponse okJson() {
  return HttpResponse{200, "application/json", R"({"status":"ok"})"};
}

std::string firstAddress(const std::string* field) {
  if (!field) return {};
  const std::vector<email::Mailbox> mailboxes = email::parseAddressList(*field);
  return mailboxes.empty() ? std::string() : mailboxes.front().address;
}

}  // namespace

MimeAdapter::MimeAdapter(MimeInboundConfig config) : config_(std::move(config)) {
  if (config_.token.empty()) throw std::invalid_argument("the /email/mime token is empty");
}

HttpResponse MimeAdapter::handshake(const HttpRequest& /*request*/) const {
  return HttpResponse{405, "text/plain; charset=utf-8", "POST only"};
}

bool MimeAdapter::authorized(const HttpRequest& request) const {
  const std::string header = request.header("authorization").value_or("");
  constexpr std::string_view kScheme = "bearer ";
  if (header.size() < kScheme.size() ||
      !std::equal(kScheme.begin(), kScheme.end(), header.begin(), [](char a, char b) {
        return a == std::tolower(static_cast<unsigned char>(b));
      })) {
    return false;
  }
  std::string_view given = std::string_view(header).substr(kScheme.size());
  while (!given.empty() && given.front() == ' ') given.remove_prefix(1);
  while (!given.empty() && (given.back() == ' ' || given.back() == '\t')) given.remove_suffix(1);
  return constantTimeEquals(given, config_.token);
}

Expected<InboundBatch, ChannelError> MimeAdapter::receive(const HttpRequest& request) const {
  if (request.method != "POST") return unexpected(error(405, "POST only"));
  // Authorisation first: an unknown caller learns nothing, not even the size limit.
  if (!authorized(request)) return unexpected(error(401, "missing or wrong bearer token"));
  if (request.body.empty()) return unexpected(error(400, "empty message"));
  Expected<email::MimeMessage, std::string> parsed = email::parseMime(request.body, config_.limits);
  if (!parsed) return unexpected(error(413, parsed.error()));
  email::MimeMessage message = std::move(parsed).value();

  if (message.fromAddress.empty()) {
    message.fromAddress = firstAddress(message.header("Sender"));
    if (message.fromAddress.empty())
      message.fromAddress = firstAddress(message.header("Return-Path"));
  }
  if (message.fromAddress.empty()) return unexpected(error(400, "no sender address"));

  std::string recipient = firstAddress(message.header("X-Original-To"));
  if (recipient.empty()) recipient = firstAddress(message.header("Delivered-To"));
  if (recipient.empty() && !message.to.empty()) recipient = message.to.front();

  std::string platformId =
      message.messageId.empty() ? "mime:" + sha256Hex(request.body) : message.messageId;
  InboundBatch batch;
  batch.messages.push_back(
      email::toInboundMessage(std::move(message), std::move(platformId), std::move(recipient), 0));
  return batch;
}

HttpResponse MimeAdapter::render(const HttpRequest& /*request*/, const InboundBatch& /*batch*/,
                                 const std::vector<Reply>& /*replies*/) const {
  return okJson();
}

HttpResponse MimeAdapter::acknowledge(const HttpRequest& /*request*/) const {
  return okJson();
}

}  // namespace civicdesk::channels
