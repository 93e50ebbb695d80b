#pragma once
// The checks every Twilio webhook passes before any field is believed, shared by inbound
// messages (TwilioAdapter) and status callbacks (parseTwilioStatus), so the two cannot drift.
#include <string>

#include "channels/FormBody.hpp"
#include "channels/Http.hpp"
#include "channels/sms/TwilioConfig.hpp"
#include "util/Expected.hpp"

namespace civicdesk::channels {

// The URL Twilio signed for `request`: config.publicUrl (without a trailing '/') + the raw
// request target.
std::string twilioRequestUrl(const TwilioConfig& config, const HttpRequest& request);

// The form fields of a signed Twilio POST, in the order sent. Refusals, in the order checked:
// 405 not a POST; 413 body over config.maxBodyBytes; 415 not
// application/x-www-form-urlencoded; 400 a malformed form; 500 no auth token configured;
// 403 X-Twilio-Signature missing or wrong, or an X-Twilio-Webhooks-Signature-Settings header
// (another algorithm than the HMAC-SHA1 we check: refused rather than half-understood);
// 403 AccountSid missing or not ours.
Expected<FormFields, ChannelError> verifiedTwilioForm(const HttpRequest& request,
                                                      const TwilioConfig& config);

}  // namespace civicdesk::channels
