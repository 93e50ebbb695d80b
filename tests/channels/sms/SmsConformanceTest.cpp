// PROTOCOLS.md §6 item 8 (Twilio signature) and item 11 (SMS callbacks), end to end through
// the adapters and parsers. Dedupe itself is the store's (the unique (channel, platform_id)):
// here, a redelivery must produce the same platformId.
#include <gtest/gtest.h>

#include <string>

#include "channels/sms/AliyunSmsAdapter.hpp"
#include "channels/sms/SmsDelivery.hpp"
#include "channels/sms/TencentSmsAdapter.hpp"
#include "channels/sms/TwilioAdapter.hpp"
#include "channels/sms/TwilioSignature.hpp"
#include "tests/channels/sms/SignedTwilioRequest.hpp"

namespace civicdesk::channels {
namespace {

using namespace channels::testing;

constexpr const char* kConformanceToken = "t0k3n-t0k3n-t0k3n-t0k3n-t0k3n-00";

HttpRequest pushToGateway(const std::string& body) {
  HttpRequest request;
  request.method = "POST";
  request.pathParams = {kConformanceToken};
  request.remoteAddress = "47.96.1.2";
  request.body = body;
  return request;
}

ChinaSmsPushConfig pushConfig() {
  ChinaSmsPushConfig config;
  config.pathToken = kConformanceToken;
  config.allowedAddresses = {"47.96.0.0/16"};
  return config;
}

const std::string kTwoItems =
    R"([{"phone_number":"13800138000","content":"投诉","send_time":"2026-03-01 08:30:00",)"
    R"("dest_code":"01","sequence_id":1001,"sign_name":"青溪区政务"},)"
    R"({"phone_number":"13900139000","content":"举报","send_time":"2026-03-01 08:31:00",)"
    R"("dest_code":"01","sequence_id":1002,"sign_name":"青溪区政务"}])";

TEST(SmsConformance, TwilioT1T2PassDigits1235Fails) {
  const std::string url = "https://mycompany.com/myapp.php?foo=1&bar=2";
  FormFields t1{{"CallSid", "CA1234567890ABCDE"},
                {"Caller", "+12349013030"},
                {"Digits", "1234"},
                {"From", "+12349013030"},
                {"To", "+18005551212"}};
  EXPECT_TRUE(verifyTwilioSignature("12345", std::string("0/KCTR6DLpKmkAf8muzZqo1nDgQ="), url, t1));
  FormFields t2 = t1;
  t2[1].second = t2[3].second = "+14158675309";
  EXPECT_TRUE(verifyTwilioSignature("12345", std::string("RSOYDt4T1cUTdK1PDd93/VVr8B8="), url, t2));
  EXPECT_TRUE(verifyTwilioSignature("12345", std::string("0/KCTR6DLpKmkAf8muzZqo1nDgQ="),
                                    "https://mycompany.com:443/myapp.php?foo=1&bar=2", t1));
  t1[2].second = "1235";
  EXPECT_FALSE(
      verifyTwilioSignature("12345", std::string("0/KCTR6DLpKmkAf8muzZqo1nDgQ="), url, t1));
  EXPECT_TRUE(verifyTwilioSignatureWithBody(
      "12345", std::string("a9nBmqA0ju/hNViExpshrM61xv4="),
      url + "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620",
      R"({"property": "value", "boolean": true})"));
}

TEST(SmsConformance, TwilioUnknownParamValidatesMissingHeaderRejected) {
  FormFields fields = inboundSms();
  fields.emplace_back("AddOns", R"({"status":"successful"})");  // a field we never read
  TwilioAdapter adapter(twilioConfig());
  EXPECT_TRUE(adapter.receive(signedTwilioPost(fields)));
  HttpRequest unsigned_ = signedTwilioPost(fields);
  unsigned_.headers.erase("x-twilio-signature");
  EXPECT_EQ(adapter.receive(unsigned_).error().status, 403);
}

TEST(SmsConformance, AliyunTwoItemsTwoMessagesAndAck) {
  AliyunSmsAdapter adapter(pushConfig());
  const HttpRequest request = pushToGateway(kTwoItems);
  auto batch = adapter.receive(request);
  ASSERT_TRUE(batch) << batch.error().message;
  ASSERT_EQ(batch->messages.size(), 2u);
  EXPECT_EQ(batch->messages[0].platformId, "aliyun:1001:13800138000");
  EXPECT_EQ(batch->messages[0].from, "+8613800138000");
  EXPECT_EQ(batch->messages[0].text, "投诉");
  EXPECT_EQ(batch->messages[1].platformId, "aliyun:1002:13900139000");
  EXPECT_EQ(batch->messages[1].from, "+8613900139000");
  EXPECT_EQ(batch->messages[1].text, "举报");
  const HttpResponse ack = adapter.acknowledge(request);
  EXPECT_EQ(ack.status, 200);
  EXPECT_EQ(ack.body, R"({"code":0,"msg":"接收成功"})");
}

TEST(SmsConformance, AliyunRedeliveredSequenceIdHasTheSamePlatformId) {
  AliyunSmsAdapter adapter(pushConfig());
  auto first = adapter.receive(pushToGateway(kTwoItems));
  auto again = adapter.receive(pushToGateway(kTwoItems));
  ASSERT_TRUE(first && again);
  EXPECT_EQ(first->messages[0].platformId, again->messages[0].platformId);
  EXPECT_EQ(first->messages[1].platformId, again->messages[1].platformId);
}

TEST(SmsConformance, TencentReplyOneMessageAndAck) {
  TencentSmsAdapter adapter(pushConfig());
  const HttpRequest request = pushToGateway(
      R"({"extend":"01","mobile":"13800138000","nationcode":"86","sign":"青溪区政务",)"
      R"("text":"查询进度","time":1772325000})");
  auto batch = adapter.receive(request);
  ASSERT_TRUE(batch) << batch.error().message;
  ASSERT_EQ(batch->messages.size(), 1u);
  EXPECT_EQ(batch->messages[0].from, "+8613800138000");
  EXPECT_EQ(batch->messages[0].text, "查询进度");
  // Redelivered: the same key.
  EXPECT_EQ(adapter.receive(request)->messages[0].platformId, batch->messages[0].platformId);
  EXPECT_EQ(adapter.acknowledge(request).body, R"({"result":0,"errmsg":"OK"})");
}

TEST(SmsConformance, TwilioStatusDeliveredBeforeSentEndsDelivered) {
  // The callbacks as they arrive: delivered overtakes sent. Applied as monotone transitions
  // keyed by MessageSid, the final state is delivered.
  std::string state;
  for (const char* status : {"delivered", "sent"}) {
    const FormFields fields{{"MessageSid", "SM55555555555555555555555555555555"},
                            {"MessageStatus", status},
                            {"AccountSid", kAccountSid},
                            {"To", "+8613800138000"},
                            {"From", "+15005550006"},
                            {"ApiVersion", "2010-04-01"}};
    auto report = parseTwilioStatus(signedTwilioPost(fields, "/sms/twilio/status"), twilioConfig());
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_EQ(report->providerId, "SM55555555555555555555555555555555");
    if (smsStatusAdvances(state, report->status)) state = report->status;
  }
  EXPECT_EQ(state, "delivered");
}

}  // namespace
}  // namespace civicdesk::channels
