#include "channels/email/MailgunAdapter.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <utility>

#include "channels/ReplayGuard.hpp"
#include "channels/email/EmailInbound.hpp"
#include "channels/email/EncodedWords.hpp"
#include "channels/email/MailAddress.hpp"
#include "channels/email/MailDate.hpp"
#include "channels/email/MailgunForm.hpp"
#include "channels/email/MailgunSignature.hpp"

namespace civicdesk::channels {

namespace {

using email::HeaderFields;

// `message-headers`: a JSON list of [name, value] pairs in order. Anything else is ignored:
// the headers only fill in what the named fields did not carry.
HeaderFields headersFromJson(const std::string* text) {
  HeaderFields fields;
  if (!text) return fields;
  const nlohmann::json json = nlohmann::json::parse(*text, nullptr, false);
  if (!json.is_array()) return fields;
  for (const nlohmann::json& pair : json) {
    if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string()) {
      fields.push_back({pair[0].get<std::string>(), pair[1].get<std::string>()});
    }
  }
  return fields;
}

// A field Mailgun sends both as a parameter and inside message-headers.
const std::string* fieldOrHeader(const email::MailgunForm& form, const HeaderFields& headers,
                                 std::string_view name) {
  if (const std::string* value = form.get(name)) return value;
  return email::findHeader(headers, name);
}

}  // namespace

MailgunAdapter::MailgunAdapter(MailgunConfig config, std::function<std::int64_t()> nowSeconds)
    : config_(std::move(config)),
      nowSeconds_(std::move(nowSeconds)),
      replayGuard_(std::make_unique<ReplayGuard>(email::kMailgunMaxSkewSeconds)) {
  // An empty key would make every signature computable by anyone.
  if (config_.signingKey.empty()) throw std::invalid_argument("Mailgun signing key is empty");
  if (!nowSeconds_) throw std::invalid_argument("MailgunAdapter needs a clock");
}

MailgunAdapter::~MailgunAdapter() = default;
MailgunAdapter::MailgunAdapter(MailgunAdapter&&) noexcept = default;
MailgunAdapter& MailgunAdapter::operator=(MailgunAdapter&&) noexcept = default;

HttpResponse MailgunAdapter::handshake(const HttpRequest& /*request*/) const {
  return HttpResponse{405, "text/plain; charset=utf-8", "POST only"};
}

Expected<InboundBatch, ChannelError> MailgunAdapter::receive(const HttpRequest& request) const {
  if (request.method != "POST") return unexpected(channelError(405, "POST only"));
  if (request.body.size() > config_.maxBodyBytes) {
    return unexpected(
        channelError(413, "body larger than " + std::to_string(config_.maxBodyBytes)));
  }
  Expected<email::MailgunForm, std::string> form =
      email::parseMailgunForm(request.header("content-type").value_or(""), request.body);
  if (!form) {
    const bool unsupported = form.error().rfind("unsupported content type", 0) == 0;
    return unexpected(channelError(unsupported ? 415 : 400, form.error()));
  }

  // The signature is inside the body, so the body had to be parsed first; nothing else is
  // read before it is checked.
  const std::string* signature = form->get("signature");
  const std::string* timestamp = form->get("timestamp");
  const std::string* token = form->get("token");
  if (!signature || !timestamp || !token || token->empty()) {
    return unexpected(channelError(401, "missing signature, timestamp or token"));
  }
  const std::int64_t now = nowSeconds_();
  Expected<std::int64_t, email::MailgunSignatureError> verified =
      email::verifyMailgunSignature(config_.signingKey, *timestamp, *token, *signature, now);
  if (!verified) {
    switch (verified.error()) {
      case email::MailgunSignatureError::BadSignature:
        return unexpected(channelError(401, "invalid signature"));
      case email::MailgunSignatureError::BadTimestamp:
        return unexpected(channelError(401, "malformed timestamp"));
      case email::MailgunSignatureError::StaleTimestamp:
        return unexpected(channelError(401, "timestamp more than 5 minutes from our clock"));
    }
  }
  if (!replayGuard_->firstUse(*token, *verified, now)) {
    return unexpected(channelError(403, "token already used"));
  }

  const std::string tokenCopy = *token;
  Expected<InboundMessage, ChannelError> message =
      form->get("body-mime") ? fromMime(*form, tokenCopy, *verified)
                             : fromFields(std::move(form).value(), tokenCopy, *verified);
  if (!message) return unexpected(message.error());
  if (message->from.empty()) return unexpected(channelError(406, "no sender address"));
  InboundBatch batch;
  batch.messages.push_back(std::move(message).value());
  return batch;
}

Expected<InboundMessage, ChannelError> MailgunAdapter::fromMime(const email::MailgunForm& form,
                                                                const std::string& token,
                                                                std::int64_t timestamp) const {
  Expected<email::MimeMessage, std::string> parsed =
      email::parseMime(*form.get("body-mime"), config_.limits);
  if (!parsed) return unexpected(channelError(413, parsed.error()));
  email::MimeMessage message = std::move(parsed).value();
  if (message.fromAddress.empty()) message.fromAddress = email::firstAddress(form.get("sender"));
  std::string recipient = email::firstAddress(form.get("recipient"));
  if (recipient.empty() && !message.to.empty()) recipient = message.to.front();
  std::string platformId = message.messageId.empty() ? "mailgun:" + token : message.messageId;
  return email::toInboundMessage(std::move(message), std::move(platformId), std::move(recipient),
                                 timestamp);
}

Expected<InboundMessage, ChannelError> MailgunAdapter::fromFields(email::MailgunForm form,
                                                                  const std::string& token,
                                                                  std::int64_t timestamp) const {
  const HeaderFields headers = headersFromJson(form.get("message-headers"));
  email::MimeMessage message;
  message.headers = headers;
  if (const std::string* subject = fieldOrHeader(form, headers, "subject")) {
    // Mailgun decodes the subject; decoding again only changes text that still holds encoded
    // words (when it came from message-headers).
    message.subject = email::decodeHeaderText(*subject);
  }
  if (const std::string* from = fieldOrHeader(form, headers, "from")) {
    const std::vector<email::Mailbox> mailboxes = email::parseAddressList(*from);
    if (!mailboxes.empty()) {
      message.fromAddress = mailboxes.front().address;
      message.fromName = mailboxes.front().name;
    }
  }
  if (message.fromAddress.empty()) message.fromAddress = email::firstAddress(form.get("sender"));
  if (const std::string* id = fieldOrHeader(form, headers, "Message-Id")) {
    const std::vector<std::string> ids = email::parseMessageIds(*id);
    if (!ids.empty()) message.messageId = ids.front();
  }
  if (const std::string* ids = fieldOrHeader(form, headers, "In-Reply-To")) {
    message.inReplyTo = email::parseMessageIds(*ids);
  }
  if (const std::string* ids = fieldOrHeader(form, headers, "References")) {
    message.references = email::parseMessageIds(*ids);
  }
  if (const std::string* date = fieldOrHeader(form, headers, "Date")) {
    message.date = *date;
    message.sentAt = email::parseMailDate(*date);
  }
  // stripped-text is Mailgun's own removal of the quoted part; ours runs on it too.
  const std::string* stripped = form.get("stripped-text");
  const std::string* plain = form.get("body-plain");
  message.textBody = stripped && !stripped->empty() ? *stripped : plain ? *plain : std::string();

  const email::MimeLimits& limits = config_.limits;
  for (Attachment& file : form.files) {
    if (file.data.size() > limits.maxAttachmentBytes) continue;
    if (message.attachments.size() >= limits.maxAttachments) break;
    message.attachments.push_back(std::move(file));
  }

  std::string recipient = email::firstAddress(form.get("recipient"));
  if (recipient.empty()) {
    recipient = email::firstAddress(fieldOrHeader(form, headers, "To"));
  }
  std::string platformId = message.messageId.empty() ? "mailgun:" + token : message.messageId;
  return email::toInboundMessage(std::move(message), std::move(platformId), std::move(recipient),
                                 timestamp);
}

HttpResponse MailgunAdapter::render(const HttpRequest& /*request*/, const InboundBatch& /*batch*/,
                                    const std::vector<Reply>& /*replies*/) const {
  return jsonResponse(R"({"status":"ok"})");
}

HttpResponse MailgunAdapter::acknowledge(const HttpRequest& /*request*/) const {
  return jsonResponse(R"({"status":"ok"})");
}

}  // namespace civicdesk::channels
