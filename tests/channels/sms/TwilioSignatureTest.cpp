// X-Twilio-Signature (PROTOCOLS.md §3.2, §6 item 8): the published vectors, the URL forms
// twilio-node accepts, and the refusals.
//
// Cross-checked with npm twilio@6.2.0 (node 20, a throw-away folder outside the repo):
// validateRequest accepts T1, T2 and T1 at the ":443" URL and refuses T1 with Digits=1235;
// validateRequestWithBody accepts T3; getExpectedTwilioSignature gives the kOwn* and kRepeat*
// values below; and the legacy query form of kLegacyUrl is
// "1=one&2=two&b='q'&b=r&a=x%20y", whose signature validateRequest accepts at kLegacyUrl;
// querystring.stringify(parse(...)) gives the other LegacyQueryMatchesNodeQuerystring results.
#include "channels/sms/TwilioSignature.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace civicdesk::channels {
namespace {

constexpr const char* kT1Token = "12345";
constexpr const char* kT1Url = "https://mycompany.com/myapp.php?foo=1&bar=2";
constexpr const char* kT1Signature = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";
constexpr const char* kT2Signature = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
constexpr const char* kT3Body = R"({"property": "value", "boolean": true})";
constexpr const char* kT3Hash = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
constexpr const char* kT3Signature = "a9nBmqA0ju/hNViExpshrM61xv4=";

constexpr const char* kOwnToken = "desk-token";
constexpr const char* kOwnUrl = "https://desk.example.gov.cn/sms/twilio?k=a%27b";
constexpr const char* kOwnSignature = "uTeWkOMsyoRJUzDZNkt3x91yTrQ=";
constexpr const char* kRepeatSignature = "bSH0VWvKH+OzDD78TMQBuD66FCw=";
constexpr const char* kLegacyUrl =
    "https://desk.example.gov.cn/sms?b=%27q%27&a=x+y&2=two&1=one&b=r";
constexpr const char* kLegacySignature = "HJbvvqWYtpvQQlfHY0dkEX90/yk=";

FormFields t1Params() {
  return {{"CallSid", "CA1234567890ABCDE"},
          {"Caller", "+12349013030"},
          {"Digits", "1234"},
          {"From", "+12349013030"},
          {"To", "+18005551212"}};
}

FormFields t2Params() {
  FormFields params = t1Params();
  params[1].second = "+14158675309";
  params[3].second = "+14158675309";
  return params;
}

FormFields ownParams() {
  return {{"AccountSid", "AC00000000000000000000000000000001"},
          {"Body", "你好，我要投诉 & <测试>"},
          {"From", "+8613800138000"},
          {"MessageSid", "SM0123456789abcdef0123456789abcdef"},
          {"NumMedia", "0"},
          {"To", "+15005550006"},
          {"ApiVersion", "2010-04-01"},
          {"FutureParam", "x"}};
}

TEST(TwilioSignature, T1_DocsVectorValidates) {
  EXPECT_EQ(twilioSignature(kT1Token, kT1Url, t1Params()), kT1Signature);
  auto result = verifyTwilioSignature(kT1Token, std::string(kT1Signature), kT1Url, t1Params());
  ASSERT_TRUE(result) << result.error();
  EXPECT_EQ(*result, kT1Url);
}

TEST(TwilioSignature, T1_ParameterOrderDoesNotMatter) {
  FormFields shuffled = t1Params();
  std::reverse(shuffled.begin(), shuffled.end());
  EXPECT_TRUE(verifyTwilioSignature(kT1Token, std::string(kT1Signature), kT1Url, shuffled));
}

TEST(TwilioSignature, T2_NodeSpecVectorValidates) {
  EXPECT_EQ(twilioSignature(kT1Token, kT1Url, t2Params()), kT2Signature);
  EXPECT_TRUE(verifyTwilioSignature(kT1Token, std::string(kT2Signature), kT1Url, t2Params()));
}

TEST(TwilioSignature, T3_BodySha256Validates) {
  const std::string url = std::string(kT1Url) + "&bodySHA256=" + kT3Hash;
  auto result = verifyTwilioSignatureWithBody(kT1Token, std::string(kT3Signature), url, kT3Body);
  ASSERT_TRUE(result) << result.error();
}

TEST(TwilioSignature, T3_ChangedBodyFails) {
  const std::string url = std::string(kT1Url) + "&bodySHA256=" + kT3Hash;
  auto result = verifyTwilioSignatureWithBody(kT1Token, std::string(kT3Signature), url,
                                              R"({"property": "value", "boolean": false})");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error(), "bodySHA256 does not match the body");
}

TEST(TwilioSignature, T3_UrlWithoutBodyHashFails) {
  const std::string signature = twilioSignature(kT1Token, kT1Url, {});
  auto result = verifyTwilioSignatureWithBody(kT1Token, signature, kT1Url, kT3Body);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error(), "no bodySHA256 in the signed URL");
}

TEST(TwilioSignature, T1_Digits1235Fails) {
  FormFields params = t1Params();
  params[2].second = "1235";
  auto result = verifyTwilioSignature(kT1Token, std::string(kT1Signature), kT1Url, params);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error(), "X-Twilio-Signature does not match");
}

TEST(TwilioSignature, T1_WithPort443Passes) {
  // Twilio signed without the port; our URL has it.
  EXPECT_TRUE(verifyTwilioSignature(kT1Token, std::string(kT1Signature),
                                    "https://mycompany.com:443/myapp.php?foo=1&bar=2", t1Params()));
  // Twilio signed with the port; our URL has none.
  const std::string withPort =
      twilioSignature(kT1Token, "https://mycompany.com:443/myapp.php?foo=1&bar=2", t1Params());
  auto result = verifyTwilioSignature(kT1Token, withPort, kT1Url, t1Params());
  ASSERT_TRUE(result);
  EXPECT_EQ(*result, "https://mycompany.com:443/myapp.php?foo=1&bar=2");
}

TEST(TwilioSignature, Http80VariantPasses) {
  const std::string signature = twilioSignature(kT1Token, "http://example.org:80/sms", {});
  EXPECT_TRUE(verifyTwilioSignature(kT1Token, signature, "http://example.org/sms", {}));
}

TEST(TwilioSignature, OtherPortIsNeverRemovedNorSwapped) {
  const std::string signature = twilioSignature(kT1Token, "https://example.org/sms", {});
  EXPECT_FALSE(verifyTwilioSignature(kT1Token, signature, "https://example.org:8443/sms", {}));
  const std::string on80 = twilioSignature(kT1Token, "https://example.org:80/sms", {});
  EXPECT_FALSE(verifyTwilioSignature(kT1Token, on80, "https://example.org/sms", {}));
}

TEST(TwilioSignature, UnknownExtraParamStillValidates) {
  // FutureParam is nothing we read: it is signed like every other received parameter.
  EXPECT_EQ(twilioSignature(kOwnToken, kOwnUrl, ownParams()), kOwnSignature);
  EXPECT_TRUE(verifyTwilioSignature(kOwnToken, std::string(kOwnSignature), kOwnUrl, ownParams()));
  // Dropping it (a fixed field list) breaks the signature.
  FormFields known = ownParams();
  known.pop_back();
  EXPECT_FALSE(verifyTwilioSignature(kOwnToken, std::string(kOwnSignature), kOwnUrl, known));
}

TEST(TwilioSignature, RepeatedNameSignsDistinctValuesSorted) {
  const FormFields params{{"b", "2"}, {"a", "z"}, {"b", "1"}, {"b", "2"}};
  EXPECT_EQ(twilioSignature(kOwnToken, "https://desk.example.gov.cn/sms", params),
            kRepeatSignature);
}

TEST(TwilioSignature, MissingHeaderRejected) {
  auto result = verifyTwilioSignature(kT1Token, std::nullopt, kT1Url, t1Params());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error(), "missing X-Twilio-Signature");
  EXPECT_FALSE(verifyTwilioSignature(kT1Token, std::string(), kT1Url, t1Params()));
}

TEST(TwilioSignature, EmptyAuthTokenRejectsEverything) {
  const std::string signature = twilioSignature("", kT1Url, t1Params());
  EXPECT_FALSE(verifyTwilioSignature("", signature, kT1Url, t1Params()));
}

TEST(TwilioSignature, SignatureComparedExactly) {
  std::string lower = kT1Signature;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  EXPECT_FALSE(verifyTwilioSignature(kT1Token, lower, kT1Url, t1Params()));
  EXPECT_FALSE(
      verifyTwilioSignature(kT1Token, std::string(kT1Signature) + " ", kT1Url, t1Params()));
}

TEST(TwilioSignature, LegacyQueryMatchesNodeQuerystring) {
  EXPECT_EQ(withLegacyQuery(kLegacyUrl),
            "https://desk.example.gov.cn/sms?1=one&2=two&b='q'&b=r&a=x%20y");
  EXPECT_EQ(withLegacyQuery("https://x.cn/a?"), "https://x.cn/a?");
  EXPECT_EQ(withLegacyQuery("https://x.cn/a"), "https://x.cn/a");
  EXPECT_EQ(withLegacyQuery("https://x.cn/a?&&k&=v&%zz=%E4%BD%A0"),
            "https://x.cn/a?k=&=v&%25zz=%E4%BD%A0");
  EXPECT_EQ(withLegacyQuery("https://x.cn/a?01=a&10=b&9=c"), "https://x.cn/a?9=c&10=b&01=a");
}

TEST(TwilioSignature, LegacyQueryVariantValidates) {
  const FormFields params{{"a", "1"}};
  auto result = verifyTwilioSignature(kOwnToken, std::string(kLegacySignature), kLegacyUrl, params);
  ASSERT_TRUE(result) << result.error();
  EXPECT_EQ(*result, "https://desk.example.gov.cn/sms?1=one&2=two&b='q'&b=r&a=x%20y");
}

TEST(TwilioSignature, UrlVariantsAreTheFourForms) {
  EXPECT_EQ(twilioUrlVariants("https://h.cn/p?a=%27"),
            (std::vector<std::string>{"https://h.cn/p?a=%27", "https://h.cn:443/p?a=%27",
                                      "https://h.cn/p?a='", "https://h.cn:443/p?a='"}));
  // No query: the legacy forms are the same and collapse.
  EXPECT_EQ(twilioUrlVariants("http://h.cn:80/p"),
            (std::vector<std::string>{"http://h.cn:80/p", "http://h.cn/p"}));
  EXPECT_EQ(twilioUrlVariants("https://[::1]:8443/p"),
            (std::vector<std::string>{"https://[::1]:8443/p"}));
}

}  // namespace
}  // namespace civicdesk::channels
