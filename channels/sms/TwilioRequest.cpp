#include "channels/sms/TwilioRequest.hpp"
#include "util/AsciiText.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "channels/Signature.hpp"
#include "channels/sms/TwilioSignature.hpp"

namespace civicdesk::channels {

namespace {

bool isFormContentType(const std::optional<std::string>& contentType) {
  if (!contentType) return false;
  std::string type = ascii::lower(contentType->substr(0, contentType->find(';')));
  type.erase(std::remove(type.begin(), type.end(), ' '), type.end());
  return type == "application/x-www-form-urlencoded";
}

}  // namespace

std::string twilioRequestUrl(const TwilioConfig& config, const HttpRequest& request) {
  std::string base = config.publicUrl;
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string& target = request.target.empty() ? request.path : request.target;
  return base + target;
}

Expected<FormFields, ChannelError> verifiedTwilioForm(const HttpRequest& request,
                                                      const TwilioConfig& config) {
  if (request.method != "POST") return unexpected(channelError(405, "Twilio webhooks are POSTs"));
  if (request.body.size() > config.maxBodyBytes) {
    return unexpected(channelError(413, "body larger than " + std::to_string(config.maxBodyBytes)));
  }
  if (!isFormContentType(request.header("content-type"))) {
    return unexpected(channelError(415, "expected application/x-www-form-urlencoded"));
  }
  // Parsed before the signature is checked because the signature covers the fields; a body
  // that does not parse is refused either way, and nothing has been believed yet.
  Expected<FormFields, std::string> fields = parseFormBody(request.body);
  if (!fields) return unexpected(channelError(400, fields.error()));
  if (config.authToken.empty())
    return unexpected(channelError(500, "no Twilio auth token configured"));
  if (request.header("x-twilio-webhooks-signature-settings")) {
    return unexpected(channelError(403, "unsupported Twilio signature settings"));
  }
  Expected<std::string, std::string> signature =
      verifyTwilioSignature(config.authToken, request.header("x-twilio-signature"),
                            twilioRequestUrl(config, request), *fields);
  if (!signature) return unexpected(channelError(403, signature.error()));
  // A valid signature from another account of ours (a shared Auth Token is not unusual
  // across sub-accounts) is still not a message for this desk.
  const std::string* accountSid = formValue(*fields, "AccountSid");
  if (accountSid == nullptr || !constantTimeEquals(*accountSid, config.accountSid)) {
    return unexpected(channelError(403, "AccountSid is not ours"));
  }
  return std::move(fields).value();
}

}  // namespace civicdesk::channels
