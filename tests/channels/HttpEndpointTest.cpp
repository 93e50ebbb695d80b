#include "channels/HttpEndpoint.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <string_view>

namespace civicdesk::channels {
namespace {

constexpr HttpEndpoint::Timeouts kTimeouts{std::chrono::seconds(5), std::chrono::seconds(10)};

HttpEndpoint parse(std::string_view url) {
  return HttpEndpoint(url, "baseUrl", kTimeouts);
}

std::string errorFor(std::string_view url, const std::string& setting = "baseUrl") {
  try {
    HttpEndpoint(url, setting, kTimeouts);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(HttpEndpoint, MakesTheDefaultPortExplicit) {
  EXPECT_EQ(parse("https://qyapi.weixin.qq.com").schemeHostPort(),
            "https://qyapi.weixin.qq.com:443");
  EXPECT_EQ(parse("http://127.0.0.1").schemeHostPort(), "http://127.0.0.1:80");
  EXPECT_EQ(parse("http://127.0.0.1:8080").schemeHostPort(), "http://127.0.0.1:8080");
  EXPECT_EQ(parse("https://h").pathPrefix(), "");
}

TEST(HttpEndpoint, KeepsAPathPrefixWithoutTrailingSlashes) {
  const HttpEndpoint endpoint = parse("https://proxy.example:8443/wechat//");
  EXPECT_EQ(endpoint.schemeHostPort(), "https://proxy.example:8443");
  EXPECT_EQ(endpoint.pathPrefix(), "/wechat");
  EXPECT_EQ(endpoint.path("/cgi-bin/token?a=1"), "/wechat/cgi-bin/token?a=1");
  EXPECT_EQ(parse("https://h/").path("/x"), "/x");
}

TEST(HttpEndpoint, RefusesWhatIsNotSchemeHostPortPrefixNamingTheSetting) {
  EXPECT_EQ(errorFor("ftp://h", "apiBase"), "apiBase must start with http:// or https://");
  EXPECT_EQ(errorFor("h:80"), "baseUrl must start with http:// or https://");
  for (const std::string_view url :
       {"https://h?key=x", "https://h#x", "https://user@h", "https://[::1]:80", "https://h x"}) {
    EXPECT_EQ(errorFor(url), "baseUrl must be scheme://host[:port][/prefix]") << url;
  }
  for (const std::string_view url : {"https://h:", "https://h:0", "https://h:65536",
                                     "https://h:99999", "https://h:123456", "https://h:8a"}) {
    EXPECT_EQ(errorFor(url), "baseUrl has a bad port") << url;
  }
  EXPECT_EQ(errorFor("https://"), "baseUrl has no host");
  EXPECT_EQ(errorFor("https://:8080/x"), "baseUrl has no host");
}

TEST(PercentEncode, KeepsUnreservedAndEscapesEveryOtherByte) {
  EXPECT_EQ(percentEncode("aZ09-._~"), "aZ09-._~");
  EXPECT_EQ(percentEncode("a b&c=d/e+f"), "a%20b%26c%3Dd%2Fe%2Bf");
  EXPECT_EQ(percentEncode("张"), "%E5%BC%A0");
  EXPECT_EQ(percentEncode(""), "");
}

}  // namespace
}  // namespace civicdesk::channels
