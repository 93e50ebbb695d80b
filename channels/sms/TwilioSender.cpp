#include "channels/sms/TwilioSender.hpp"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <optional>
#include <stdexcept>
#include <utility>

#include "channels/FormBody.hpp"
#include "channels/Signature.hpp"
#include "channels/sms/SmsText.hpp"

namespace civicdesk::channels {

namespace {

using nlohmann::json;

// Retry-After in its delta-seconds form; the HTTP-date form is ignored (Twilio sends
// seconds), and a very long wait is capped so a row is not parked for days by one header.
int retryAfterSeconds(const std::string& header, int cap) {
  if (header.empty() || header.size() > 9 ||
      !std::all_of(header.begin(), header.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return 0;
  }
  return std::min(std::stoi(header), cap);
}

struct TwilioFailure {
  std::optional<long> code;
  std::string message;
};

TwilioFailure failureOf(const std::string& body) {
  const json answer = json::parse(body, nullptr, /*allow_exceptions=*/false);
  TwilioFailure failure;
  if (!answer.is_object()) return failure;
  if (auto it = answer.find("code"); it != answer.end() && it->is_number_integer()) {
    failure.code = it->get<long>();
  }
  if (auto it = answer.find("message"); it != answer.end() && it->is_string()) {
    failure.message = it->get<std::string>();
  }
  return failure;
}

std::string joined(const std::vector<std::string>& sids) {
  std::string out;
  for (const std::string& sid : sids) {
    if (!out.empty()) out += ',';
    out += sid;
  }
  return out;
}

}  // namespace

TwilioSender::TwilioSender(TwilioConfig config, std::function<Clock::time_point()> now)
    : config_(std::move(config)), now_(std::move(now)) {
  if (config_.accountSid.empty()) throw std::invalid_argument("Twilio accountSid must be set");
  if (config_.authToken.empty()) throw std::invalid_argument("Twilio authToken must be set");
  if (config_.fromNumber.empty()) throw std::invalid_argument("Twilio fromNumber must be set");
  if (!now_) throw std::invalid_argument("TwilioSender needs a clock");
  const std::string& callback = config_.statusCallbackUrl;
  if (!callback.empty() && callback.rfind("https://", 0) != 0 &&
      callback.rfind("http://", 0) != 0) {
    throw std::invalid_argument("Twilio statusCallbackUrl must be an http(s) URL");
  }
  // Parsed here so a typo in the configuration fails at start-up, not at the first reply.
  endpoint_ = HttpEndpoint(config_.apiBase, "apiBase", {kConnectTimeout, kReadTimeout});
}

std::string TwilioSender::renderBody(const std::string& to, const std::string& body) const {
  FormFields fields{{"To", to}, {"From", config_.fromNumber}, {"Body", body}};
  if (!config_.statusCallbackUrl.empty()) {
    fields.emplace_back("StatusCallback", config_.statusCallbackUrl);
  }
  return encodeFormBody(fields);
}

Expected<std::string, SendError> TwilioSender::sendPart(const std::string& to,
                                                        const std::string& body,
                                                        const std::string& idempotencyToken) {
  httplib::Client client = endpoint_.makeClient();
  const std::string path = endpoint_.path("/2010-04-01/Accounts/" +
                                          percentEncode(config_.accountSid) + "/Messages.json");
  httplib::Headers headers{
      {"Authorization", "Basic " + base64Encode(config_.accountSid + ":" + config_.authToken)},
      {"Accept", "application/json"}};
  if (!idempotencyToken.empty()) headers.emplace("I-Twilio-Idempotency-Token", idempotencyToken);
  httplib::Result result =
      client.Post(path, headers, renderBody(to, body), "application/x-www-form-urlencoded");
  if (!result) return unexpected(SendError{true, "network", httplib::to_string(result.error())});

  const int status = result->status;
  if (status >= 200 && status < 300) {
    // Created: the message exists at Twilio even if the answer is odd, so it counts as sent
    // (a retry would send it twice); the sid is then unknown.
    const json answer = json::parse(result->body, nullptr, /*allow_exceptions=*/false);
    if (answer.is_object()) {
      if (auto it = answer.find("sid"); it != answer.end() && it->is_string()) {
        return it->get<std::string>();
      }
    }
    return std::string();
  }

  const TwilioFailure failure = failureOf(result->body);
  const std::string httpCode = "http-" + std::to_string(status);
  SendError error;
  error.code = failure.code ? std::to_string(*failure.code) : httpCode;
  error.message = "Twilio HTTP " + std::to_string(status) +
                  (failure.code ? " code " + std::to_string(*failure.code) : "") +
                  (failure.message.empty() ? "" : ": " + failure.message);
  if (status == 429) {
    error.retryable = true;
    error.retryAfterSeconds =
        retryAfterSeconds(result->get_header_value("Retry-After"), kMaxRetryAfterSeconds);
  } else if (status >= 500 || status < 400) {
    error.retryable = true;
  } else if (status == 401 || failure.code == 20003L) {
    // Our credentials, not the message: rotating the Auth Token must not kill the queue.
    error.retryable = true;
  } else {
    error.retryable = false;  // Twilio's verdict on this message (bad number, opted out...)
  }
  return unexpected(std::move(error));
}

std::vector<std::string> TwilioSender::takeProgress(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  const Clock::time_point now = now_();
  for (auto it = progress_.begin(); it != progress_.end();) {
    it = now - it->second.keptAt >= kResumeKeep ? progress_.erase(it) : std::next(it);
  }
  const auto it = progress_.find(key);
  if (it == progress_.end()) return {};
  std::vector<std::string> sids = std::move(it->second.sids);
  progress_.erase(it);
  return sids;
}

void TwilioSender::keepProgress(const std::string& key, std::vector<std::string> sids) {
  std::lock_guard<std::mutex> lock(mutex_);
  const Clock::time_point now = now_();
  if (progress_.size() >= kResumeMax && progress_.count(key) == 0) {
    // Full: forget the oldest. Its retry, if it ever comes, re-sends numbered parts.
    auto oldest = std::min_element(
        progress_.begin(), progress_.end(),
        [](const auto& a, const auto& b) { return a.second.keptAt < b.second.keptAt; });
    progress_.erase(oldest);
  }
  progress_[key] = Progress{std::move(sids), now};
}

Expected<std::string, SendError> TwilioSender::send(const std::string& to, const Reply& reply) {
  if (to.empty()) return unexpected(SendError{false, "no-recipient", "no phone number"});
  if (reply.text.empty()) return unexpected(SendError{false, "empty-text", "nothing to send"});

  const std::vector<std::string> parts = splitForSms(reply.text);
  const std::string key = to + "\n" + sha256Hex(reply.text);
  std::vector<std::string> sids = takeProgress(key);
  if (sids.size() > parts.size()) sids.clear();  // cannot happen for the same text; be safe

  const std::string total = std::to_string(parts.size());
  for (std::size_t i = sids.size(); i < parts.size(); ++i) {
    const std::string token =
        reply.idempotencyKey.empty()
            ? std::string()
            : reply.idempotencyKey + ":" + std::to_string(i + 1) + "/" + total;
    Expected<std::string, SendError> sid = sendPart(to, parts[i], token);
    if (sid) {
      sids.push_back(std::move(sid).value());
      continue;
    }
    SendError error = sid.error();
    if (sids.empty()) return unexpected(std::move(error));
    const std::string sent = "parts 1-" + std::to_string(sids.size()) + " of " + total + " sent (" +
                             joined(sids) + "); part " + std::to_string(i + 1);
    if (error.retryable) {
      error.message = sent + " failed, a retry resumes there: " + error.message;
      keepProgress(key, std::move(sids));
    } else {
      error.message = sent + " refused, the rest will not be sent: " + error.message;
    }
    return unexpected(std::move(error));
  }
  return joined(sids);
}

}  // namespace civicdesk::channels
