#pragma once
// A member of staff talking to the staff API over HTTP with a bearer token.
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace civicdesk::testing {

struct ApiAnswer {
  int status = 0;
  nlohmann::json body;
};

class StaffApiClient {
 public:
  StaffApiClient(int port, std::string token) : http_("127.0.0.1", port), token_(std::move(token)) {
    http_.set_read_timeout(30, 0);
  }
  ApiAnswer get(const std::string& path) { return read(http_.Get(path.c_str(), headers())); }
  ApiAnswer post(const std::string& path, const nlohmann::json& body) {
    return read(http_.Post(path.c_str(), headers(), body.dump(), "application/json"));
  }
  ApiAnswer postRaw(const std::string& path, const std::string& body) {
    return read(http_.Post(path.c_str(), headers(), body, "application/json"));
  }
  ApiAnswer act(const std::string& caseNo, const std::string& action,
                const nlohmann::json& body = nlohmann::json::object()) {
    return post("/api/cases/" + caseNo + "/" + action, body);
  }

 private:
  httplib::Headers headers() const {
    httplib::Headers h;
    if (!token_.empty()) h.emplace("Authorization", "Bearer " + token_);
    return h;
  }
  static ApiAnswer read(const httplib::Result& result) {
    if (!result) return {0, nullptr};
    return {result->status, nlohmann::json::parse(result->body, nullptr, false)};
  }
  httplib::Client http_;
  std::string token_;
};

}  // namespace civicdesk::testing
