#include "tests/support/FakeTwilioApi.hpp"

#include <httplib.h>
#include <openssl/evp.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <utility>

namespace civicdesk::testing {

namespace {

using nlohmann::json;

std::string base64(const std::string& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                     reinterpret_cast<const unsigned char*>(bytes.data()),
                                     static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(length));
  return out;
}

void twilioError(httplib::Response& response, int status, int code, const std::string& message) {
  response.status = status;
  response.set_content(
      json{{"code", code},
           {"message", message},
           {"more_info", "https://www.twilio.com/docs/errors/" + std::to_string(code)},
           {"status", status}}
          .dump(),
      "application/json");
}

// Twilio's sids: a two-letter prefix and 32 hex digits. Counted, so tests can predict them.
std::string sidFor(std::size_t n) {
  char hex[33];
  std::snprintf(hex, sizeof hex, "%032zx", n);
  return "SM" + std::string(hex);
}

}  // namespace

FakeTwilioApi::FakeTwilioApi(std::string accountSid, std::string authToken)
    : accountSid_(std::move(accountSid)),
      authToken_(std::move(authToken)),
      server_("FakeTwilioApi") {
  installRoutes();
  server_.start();
}

void FakeTwilioApi::installRoutes() {
  server_.server().Post(
      R"(/2010-04-01/Accounts/([^/]+)/Messages\.json)",
      [this](const httplib::Request& request, httplib::Response& response) {
        std::lock_guard<std::mutex> lock(mutex_);
        ++requests_;
        const std::string expected = "Basic " + base64(accountSid_ + ":" + authToken_);
        if (request.matches[1] != accountSid_ ||
            request.get_header_value("Authorization") != expected) {
          return twilioError(response, 401, 20003, "Authenticate");
        }
        if (failAfter_ > 0) {
          --failAfter_;
        } else if (failCount_ > 0) {
          --failCount_;
          if (failure_.retryAfterSeconds > 0) {
            response.set_header("Retry-After", std::to_string(failure_.retryAfterSeconds));
          }
          if (failure_.twilioCode == 0) {
            response.status = failure_.httpStatus;
            response.set_content(failure_.message, "text/plain");
            return;
          }
          return twilioError(response, failure_.httpStatus, failure_.twilioCode, failure_.message);
        }
        // httplib has parsed the urlencoded body into params.
        const std::string to = request.get_param_value("To");
        const std::string body = request.get_param_value("Body");
        if (to.empty())
          return twilioError(response, 400, 21604, "A 'To' phone number is required.");
        if (body.empty()) return twilioError(response, 400, 21602, "Message body is required.");

        Message message{to, request.get_param_value("From"), body,
                        request.get_param_value("StatusCallback"), sidFor(messages_.size() + 1)};
        response.status = 201;
        response.set_content(json{{"sid", message.sid},
                                  {"account_sid", accountSid_},
                                  {"status", "queued"},
                                  {"to", message.to},
                                  {"from", message.from},
                                  {"body", message.body},
                                  {"num_segments", "1"},
                                  {"direction", "outbound-api"},
                                  {"api_version", "2010-04-01"}}
                                 .dump(),
                             "application/json");
        messages_.push_back(std::move(message));
        messagesChanged_.notify_all();
      });
}

void FakeTwilioApi::failNext(int count, Failure failure, int after) {
  std::lock_guard<std::mutex> lock(mutex_);
  failCount_ = count;
  failAfter_ = after;
  failure_ = std::move(failure);
}

std::vector<FakeTwilioApi::Message> FakeTwilioApi::messages() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return messages_;
}

bool FakeTwilioApi::waitForMessages(std::size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(mutex_);
  return messagesChanged_.wait_for(lock, timeout, [&] { return messages_.size() >= count; });
}

int FakeTwilioApi::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

}  // namespace civicdesk::testing
