#include "channels/HttpEndpoint.hpp"

#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <utility>

namespace civicdesk::channels {

HttpEndpoint::HttpEndpoint(std::string_view baseUrl, std::string_view setting, Timeouts timeouts)
    : timeouts_(timeouts) {
  const std::string name(setting);
  const std::string base(baseUrl);
  const std::size_t schemeEnd = base.find("://");
  const std::string scheme = schemeEnd == std::string::npos ? "" : base.substr(0, schemeEnd);
  if (scheme != "http" && scheme != "https") {
    throw std::invalid_argument(name + " must start with http:// or https://");
  }
  if (base.find_first_of("?#@[ ") != std::string::npos) {
    throw std::invalid_argument(name + " must be scheme://host[:port][/prefix]");
  }
  const std::string rest = base.substr(schemeEnd + 3);
  const std::size_t slash = rest.find('/');
  const std::string authority = rest.substr(0, slash);
  std::string prefix = slash == std::string::npos ? "" : rest.substr(slash);
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  std::string host = authority;
  int port = scheme == "https" ? 443 : 80;
  if (const std::size_t colon = authority.find(':'); colon != std::string::npos) {
    host = authority.substr(0, colon);
    const std::string digits = authority.substr(colon + 1);
    if (digits.empty() || digits.size() > 5 ||
        !std::all_of(digits.begin(), digits.end(),
                     [](unsigned char c) { return std::isdigit(c) != 0; }) ||
        std::stoi(digits) < 1 || std::stoi(digits) > 65535) {
      throw std::invalid_argument(name + " has a bad port");
    }
    port = std::stoi(digits);
  }
  if (host.empty()) throw std::invalid_argument(name + " has no host");
  schemeHostPort_ = scheme + "://" + host + ":" + std::to_string(port);
  pathPrefix_ = std::move(prefix);
}

std::string HttpEndpoint::path(std::string_view apiPath) const {
  std::string out = pathPrefix_;
  out += apiPath;
  return out;
}

httplib::Client HttpEndpoint::makeClient() const {
  httplib::Client client(schemeHostPort_);
  client.set_connection_timeout(timeouts_.connect.count(), 0);
  client.set_read_timeout(timeouts_.readWrite.count(), 0);
  client.set_write_timeout(timeouts_.readWrite.count(), 0);
  return client;
}

std::string percentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0f]);
    }
  }
  return out;
}

}  // namespace civicdesk::channels
