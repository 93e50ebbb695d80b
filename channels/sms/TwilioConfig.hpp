#pragma once
// The Twilio account CivicDesk's SMS number belongs to: what the webhooks are checked against
// (PROTOCOLS.md §3.1-§3.4) and what the REST API is called with (§3.3).
#include <cstddef>
#include <string>

namespace civicdesk::channels {

struct TwilioConfig {
  // The external base URL Twilio calls, scheme://host[:port][/prefix], e.g.
  // "https://desk.example.gov.cn". A webhook's signed URL is publicUrl + the request target
  // (raw path and query) as our server received it: behind a proxy that strips a path
  // prefix, put the prefix here. Never rebuilt from the Host header, which a caller chooses.
  std::string publicUrl;
  std::string authToken;   // signs every webhook; the REST API's password
  std::string accountSid;  // "AC…": checked in every webhook; the REST API's user
  std::string fromNumber;  // our number, E.164 ("+1…"), the From of what we send
  std::string apiBase = "https://api.twilio.com";  // scheme://host[:port][/prefix]
  std::size_t maxBodyBytes = 64 * 1024;            // a webhook body larger than this is refused
  // Where Twilio posts the delivery status of what we send (parseTwilioStatus); empty: no
  // status callbacks.
  std::string statusCallbackUrl;
};

}  // namespace civicdesk::channels
