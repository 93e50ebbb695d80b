#pragma once
// The parts of an HTTP exchange an adapter needs, independent of the server library, so that
// adapters are tested with plain values and the server can change without touching them.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace civicdesk::channels {

struct HttpRequest {
  std::string method;                          // "GET", "POST"
  std::string path;                            // "/wechat"
  std::string target;                          // as sent: path and raw query ("/sms?a=%2B")
  std::map<std::string, std::string> query;    // already URL-decoded; first value of a name
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::vector<std::string> pathParams;  // the route pattern's captures, in order
  std::string remoteAddress;            // the peer's IP ("127.0.0.1"), for allow-lists

  std::optional<std::string> param(const std::string& name) const {
    auto it = query.find(name);
    if (it == query.end()) return std::nullopt;
    return it->second;
  }
  std::optional<std::string> header(const std::string& lowerName) const {
    auto it = headers.find(lowerName);
    if (it == headers.end()) return std::nullopt;
    return it->second;
  }
};

struct HttpResponse {
  int status = 200;
  std::string contentType = "text/plain; charset=utf-8";
  std::string body;
  std::map<std::string, std::string> headers;  // extra headers, e.g. Content-Disposition
};

// Why a request was refused; becomes the HTTP answer as it is.
struct ChannelError {
  int status = 400;     // 400 malformed, 401/403 signature, 413 too large, ...
  std::string message;  // for the caller and the log; never holds a secret
};

// One spelling for every adapter's refusals and JSON answers.
inline ChannelError channelError(int status, std::string message) {
  return ChannelError{status, std::move(message)};
}
inline ChannelError badRequest(std::string message) {
  return channelError(400, std::move(message));
}
inline HttpResponse jsonResponse(std::string body) {
  return HttpResponse{200, "application/json", std::move(body), {}};
}

}  // namespace civicdesk::channels
