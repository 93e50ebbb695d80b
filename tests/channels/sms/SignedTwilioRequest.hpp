#pragma once
// Twilio webhook requests for tests, signed the way Twilio signs them (our own
// twilioSignature, itself checked against the published vectors and npm twilio@6.2.0 in
// TwilioSignatureTest).
#include <string>

#include "channels/FormBody.hpp"
#include "channels/Http.hpp"
#include "channels/sms/TwilioConfig.hpp"
#include "channels/sms/TwilioSignature.hpp"

namespace civicdesk::channels::testing {

inline constexpr const char* kAccountSid = "AC00000000000000000000000000000001";
inline constexpr const char* kAuthToken = "desk-auth-token";
inline constexpr const char* kPublicUrl = "https://desk.example.gov.cn";
inline constexpr const char* kTarget = "/sms/twilio";

inline TwilioConfig twilioConfig() {
  TwilioConfig config;
  config.publicUrl = kPublicUrl;
  config.authToken = kAuthToken;
  config.accountSid = kAccountSid;
  config.fromNumber = "+15005550006";
  return config;
}

// A POST of `fields` to kTarget, signed for kPublicUrl + kTarget (or for `signedUrl`).
inline HttpRequest signedTwilioPost(const FormFields& fields, std::string target = kTarget,
                                    std::string signedUrl = "") {
  HttpRequest request;
  request.method = "POST";
  request.target = target;
  request.path = target.substr(0, target.find('?'));
  request.body = encodeFormBody(fields);
  request.headers["content-type"] = "application/x-www-form-urlencoded; charset=UTF-8";
  if (signedUrl.empty()) signedUrl = std::string(kPublicUrl) + target;
  request.headers["x-twilio-signature"] = twilioSignature(kAuthToken, signedUrl, fields);
  request.remoteAddress = "127.0.0.1";
  return request;
}

inline FormFields inboundSms(std::string body = "我要投诉") {
  return {{"ToCountry", "US"},
          {"SmsMessageSid", "SM11111111111111111111111111111111"},
          {"NumMedia", "0"},
          {"SmsSid", "SM11111111111111111111111111111111"},
          {"SmsStatus", "received"},
          {"Body", std::move(body)},
          {"To", "+15005550006"},
          {"NumSegments", "1"},
          {"MessageSid", "SM11111111111111111111111111111111"},
          {"AccountSid", kAccountSid},
          {"From", "+8613800138000"},
          {"ApiVersion", "2010-04-01"}};
}

}  // namespace civicdesk::channels::testing
