// Delivery reports: Twilio status callbacks (signed), Aliyun SmsReport and Tencent status
// arrays, and the monotone status order that makes out-of-order callbacks harmless.
#include "channels/sms/SmsDelivery.hpp"

#include <gtest/gtest.h>

#include <string>

#include "tests/channels/sms/SignedTwilioRequest.hpp"

namespace civicdesk::channels {
namespace {

using namespace channels::testing;

FormFields statusCallback(const std::string& status, const std::string& errorCode = "") {
  FormFields fields{{"SmsSid", "SM22222222222222222222222222222222"},
                    {"SmsStatus", status},
                    {"MessageStatus", status},
                    {"To", "+8613800138000"},
                    {"MessageSid", "SM22222222222222222222222222222222"},
                    {"AccountSid", kAccountSid},
                    {"From", "+15005550006"},
                    {"ApiVersion", "2010-04-01"}};
  if (!errorCode.empty()) fields.emplace_back("ErrorCode", errorCode);
  return fields;
}

ChinaSmsPushConfig deliveryPushConfig() {
  ChinaSmsPushConfig config;
  config.pathToken = "0123456789abcdef0123456789abcdef";
  return config;
}

HttpRequest pushReport(std::string body) {
  HttpRequest request;
  request.method = "POST";
  request.pathParams = {"0123456789abcdef0123456789abcdef"};
  request.remoteAddress = "47.96.1.2";
  request.headers["content-type"] = "application/json";
  request.body = std::move(body);
  return request;
}

TEST(SmsDelivery, TwilioStatusParsed) {
  auto report = parseTwilioStatus(
      signedTwilioPost(statusCallback("undelivered", "30003"), "/sms/twilio/status"),
      twilioConfig());
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(*report,
            (SmsDeliveryReport{"SM22222222222222222222222222222222", "undelivered", "30003"}));
}

TEST(SmsDelivery, TwilioStatusLegacyFieldsOnly) {
  const FormFields fields{{"SmsSid", "SM3"}, {"SmsStatus", "sent"}, {"AccountSid", kAccountSid}};
  auto report = parseTwilioStatus(signedTwilioPost(fields), twilioConfig());
  ASSERT_TRUE(report);
  EXPECT_EQ(*report, (SmsDeliveryReport{"SM3", "sent", ""}));
}

TEST(SmsDelivery, TwilioStatusRefusals) {
  HttpRequest forged = signedTwilioPost(statusCallback("delivered"));
  forged.headers["x-twilio-signature"] = "AAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  EXPECT_EQ(parseTwilioStatus(forged, twilioConfig()).error().status, 403);

  FormFields other = statusCallback("delivered");
  other[5].second = "AC99999999999999999999999999999999";
  EXPECT_EQ(parseTwilioStatus(signedTwilioPost(other), twilioConfig()).error().status, 403);

  const FormFields noStatus{{"MessageSid", "SM4"}, {"AccountSid", kAccountSid}};
  auto report = parseTwilioStatus(signedTwilioPost(noStatus), twilioConfig());
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().status, 400);
  EXPECT_EQ(report.error().message, "missing MessageStatus");
}

TEST(SmsDelivery, StatusRanksAreMonotone) {
  EXPECT_LT(smsStatusRank("queued"), smsStatusRank("sending"));
  EXPECT_LT(smsStatusRank("sending"), smsStatusRank("sent"));
  EXPECT_LT(smsStatusRank("sent"), smsStatusRank("delivered"));
  EXPECT_LT(smsStatusRank("delivered"), smsStatusRank("read"));
  EXPECT_EQ(smsStatusRank("delivered"), smsStatusRank("undelivered"));
  EXPECT_EQ(smsStatusRank("failed"), smsStatusRank("canceled"));
  EXPECT_EQ(smsStatusRank("something-new"), 0);

  EXPECT_TRUE(smsStatusAdvances("sent", "delivered"));
  EXPECT_FALSE(smsStatusAdvances("delivered", "sent"));
  EXPECT_FALSE(smsStatusAdvances("delivered", "undelivered"));  // the first outcome stays
  EXPECT_TRUE(smsStatusAdvances("delivered", "read"));
  EXPECT_TRUE(smsStatusAdvances("", "queued"));
  EXPECT_FALSE(smsStatusAdvances("sent", "something-new"));
}

TEST(SmsDelivery, AliyunSmsReportParsed) {
  const std::string body = R"([
    {"phone_number":"13800138000","send_time":"2026-03-01 08:30:00",
     "report_time":"2026-03-01 08:30:05","success":true,"err_code":"DELIVERED",
     "err_msg":"用户接收成功","sms_size":"1","biz_id":"932702304080415357^0","out_id":"row-17"},
    {"phone_number":"13900139000","send_time":"2026-03-01 08:31:00",
     "report_time":"2026-03-01 08:31:09","success":false,"err_code":"MK:0001",
     "err_msg":"","sms_size":"2","biz_id":"932702304080415358^0","out_id":"row-18"}])";
  auto reports = parseAliyunSmsReport(pushReport(body), deliveryPushConfig());
  ASSERT_TRUE(reports) << reports.error().message;
  EXPECT_EQ(*reports,
            (std::vector<SmsDeliveryReport>{{"932702304080415357^0", "delivered", "DELIVERED"},
                                            {"932702304080415358^0", "undelivered", "MK:0001"}}));
}

TEST(SmsDelivery, AliyunSmsReportAllOrNothing) {
  const std::string body = R"([{"biz_id":"1","success":true,"err_code":"DELIVERED"},
                               {"success":true,"err_code":"DELIVERED"}])";
  auto reports = parseAliyunSmsReportBody(body);
  ASSERT_FALSE(reports);
  EXPECT_EQ(reports.error().status, 400);
  EXPECT_EQ(reports.error().message, "item 1: biz_id missing");
  EXPECT_EQ(parseAliyunSmsReportBody(R"({"biz_id":"1"})").error().message,
            "body is not a JSON array");
}

TEST(SmsDelivery, AliyunSmsReportNeedsTheToken) {
  HttpRequest request = pushReport("[]");
  request.pathParams = {"wrong"};
  EXPECT_EQ(parseAliyunSmsReport(request, deliveryPushConfig()).error().status, 404);
}

TEST(SmsDelivery, TencentStatusParsed) {
  const std::string body = R"([
    {"user_receive_time":"2026-03-01 08:30:05","nationcode":"86","mobile":"13800138000",
     "report_status":"SUCCESS","errmsg":"DELIVRD","description":"用户短信送达成功",
     "sid":"2019:538884*********"},
    {"user_receive_time":"2026-03-01 08:30:07","nationcode":"86","mobile":"13900139000",
     "report_status":"FAIL","errmsg":"MN:0017","description":"","sid":"2019:538885"}])";
  auto reports = parseTencentSmsStatus(pushReport(body), deliveryPushConfig());
  ASSERT_TRUE(reports) << reports.error().message;
  EXPECT_EQ(*reports,
            (std::vector<SmsDeliveryReport>{{"2019:538884*********", "delivered", "DELIVRD"},
                                            {"2019:538885", "undelivered", "MN:0017"}}));
}

TEST(SmsDelivery, TencentStatusUnknownReportStatusRefused) {
  auto reports = parseTencentSmsStatusBody(R"([{"sid":"1","report_status":"MAYBE"}])");
  ASSERT_FALSE(reports);
  EXPECT_EQ(reports.error().message, "item 0: report_status is neither SUCCESS nor FAIL");
  EXPECT_EQ(parseTencentSmsStatusBody("not json").error().message, "body is not JSON");
}

}  // namespace
}  // namespace civicdesk::channels
