#pragma once
// Where a sender reaches a platform's HTTP API: a base URL "http(s)://host[:port][/prefix]"
// from the configuration, parsed once at start-up so that a typo fails then rather than on
// the first message that needs sending, and the httplib::Client settings every call shares.
// Include <httplib.h> to call makeClient(); this header does not, so senders' headers stay
// free of the HTTP library.
#include <chrono>
#include <string>
#include <string_view>

namespace httplib {
class Client;
}

namespace civicdesk::channels {

class HttpEndpoint {
 public:
  struct Timeouts {
    std::chrono::seconds connect;
    std::chrono::seconds readWrite;  // each of reading the answer and writing the request
  };

  // Not usable until assigned a parsed endpoint (a sender checks its other settings first).
  HttpEndpoint() = default;

  // Throws std::invalid_argument, naming `setting` ("apiBase", "baseUrl"), when `baseUrl`
  // is not http(s)://host[:port][/prefix]: another scheme, a query, fragment, user info,
  // IPv6 literal or space, no host, or a port outside 1..65535.
  HttpEndpoint(std::string_view baseUrl, std::string_view setting, Timeouts timeouts);

  // "https://api.weixin.qq.com:443": scheme, host and port, the default port made explicit.
  const std::string& schemeHostPort() const { return schemeHostPort_; }
  // "" or "/proxy", never ending in '/'.
  const std::string& pathPrefix() const { return pathPrefix_; }
  // The request path for an API path such as "/cgi-bin/token?...": the prefix put before it.
  std::string path(std::string_view apiPath) const;

  // A client for one call, with the timeouts set. A client per call: a sender then holds no
  // connection state to share between threads, and sends are too rare for reuse to pay.
  httplib::Client makeClient() const;

 private:
  std::string schemeHostPort_;
  std::string pathPrefix_;
  Timeouts timeouts_{};
};

// `text` as a URL query value: unreserved characters (RFC 3986) as they are, every other byte
// as %XX.
std::string percentEncode(std::string_view text);

}  // namespace civicdesk::channels
