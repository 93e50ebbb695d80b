#include "channels/email/MimeAdapter.hpp"
#include "util/AsciiText.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <utility>

#include "channels/Signature.hpp"
#include "channels/email/EmailInbound.hpp"
#include "channels/email/MailAddress.hpp"

namespace civicdesk::channels {

MimeAdapter::MimeAdapter(MimeInboundConfig config) : config_(std::move(config)) {
  if (config_.token.empty()) throw std::invalid_argument("the /email/mime token is empty");
}

HttpResponse MimeAdapter::handshake(const HttpRequest& /*request*/) const {
  return HttpResponse{405, "text/plain; charset=utf-8", "POST only"};
}

bool MimeAdapter::authorized(const HttpRequest& request) const {
  const std::string header = request.header("authorization").value_or("");
  constexpr std::string_view kScheme = "bearer ";
  if (!ascii::equalsIgnoringCase(std::string_view(header).substr(0, kScheme.size()), kScheme)) {
    return false;
  }
  std::string_view given = std::string_view(header).substr(kScheme.size());
  while (!given.empty() && given.front() == ' ') given.remove_prefix(1);
  while (!given.empty() && (given.back() == ' ' || given.back() == '\t')) given.remove_suffix(1);
  return constantTimeEquals(given, config_.token);
}

Expected<InboundBatch, ChannelError> MimeAdapter::receive(const HttpRequest& request) const {
  if (request.method != "POST") return unexpected(channelError(405, "POST only"));
  // Authorisation first: an unknown caller learns nothing, not even the size limit.
  if (!authorized(request)) return unexpected(channelError(401, "missing or wrong bearer token"));
  if (request.body.empty()) return unexpected(channelError(400, "empty message"));
  Expected<email::MimeMessage, std::string> parsed = email::parseMime(request.body, config_.limits);
  if (!parsed) return unexpected(channelError(413, parsed.error()));
  email::MimeMessage message = std::move(parsed).value();

  if (message.fromAddress.empty()) {
    message.fromAddress = email::firstAddress(message.header("Sender"));
    if (message.fromAddress.empty())
      message.fromAddress = email::firstAddress(message.header("Return-Path"));
  }
  if (message.fromAddress.empty()) return unexpected(channelError(400, "no sender address"));

  std::string recipient = email::firstAddress(message.header("X-Original-To"));
  if (recipient.empty()) recipient = email::firstAddress(message.header("Delivered-To"));
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
  return jsonResponse(R"({"status":"ok"})");
}

HttpResponse MimeAdapter::acknowledge(const HttpRequest& /*request*/) const {
  return jsonResponse(R"({"status":"ok"})");
}

}  // namespace civicdesk::channels
