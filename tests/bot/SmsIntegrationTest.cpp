// The SMS channel through the real server on loopback (issue 5): a complaint filed and followed
// by text message over the Twilio-compatible webhook (signed as Twilio signs), replies as TwiML
// and later notices through the gateway's REST API (a loopback fake of it), the Aliyun and
// Tencent pushes, delivery reports, and one citizen across WeChat and SMS by phone number.
#include <gtest/gtest.h>

#include <httplib.h>

#include "channels/FormBody.hpp"
#include "channels/sms/TwilioSignature.hpp"
#include "tests/bot/ComplaintFlow.hpp"
#include "tests/bot/ServiceHarness.hpp"
#include "tests/bot/StaffApiClient.hpp"
#include "tests/bot/WeChatTestClient.hpp"
#include "tests/support/Eventually.hpp"
#include "tests/support/FakeTwilioApi.hpp"

namespace civicdesk::testing {
namespace {

using nlohmann::json;

constexpr const char* kPublicUrl = "https://desk.qingxi-demo.gov.cn";
constexpr const char* kOurNumber = "+8610690000001";
constexpr const char* kAliyunToken = "aliyun-push-secret";
constexpr const char* kTencentToken = "tencent-push-secret";

class SmsIntegration : public ::testing::Test {
 protected:
  SmsIntegration()
      : harness_({{"CIVICDESK_PUBLIC_URL", kPublicUrl},
                  {"CIVICDESK_TWILIO_ACCOUNT_SID", twilio_.accountSid()},
                  {"CIVICDESK_TWILIO_AUTH_TOKEN", twilio_.authToken()},
                  {"CIVICDESK_TWILIO_FROM", kOurNumber},
                  {"CIVICDESK_TWILIO_API_BASE", twilio_.baseUrl()},
                  {"CIVICDESK_SMS_ALIYUN_TOKEN", kAliyunToken},
                  {"CIVICDESK_SMS_TENCENT_TOKEN", kTencentToken},
                  {"CIVICDESK_SMS_PUSH_ALLOW", "127.0.0.1"}}) {
    harness_.start();
  }

  httplib::Result postSigned(const std::string& path, const channels::FormFields& fields,
                             const std::string& token = "") {
    const std::string signature = channels::twilioSignature(
        token.empty() ? twilio_.authToken() : token, std::string(kPublicUrl) + path, fields);
    httplib::Client http("127.0.0.1", harness_.port());
    http.set_read_timeout(15, 0);
    return http.Post(path, {{"X-Twilio-Signature", signature}}, channels::encodeFormBody(fields),
                     "application/x-www-form-urlencoded");
  }

  // One inbound SMS as Twilio posts it; returns the TwiML answer.
  std::string sms(const std::string& from, const std::string& body) {
    const std::string n = std::to_string(++sid_);
    const std::string sid = "SM" + std::string(32 - n.size(), '0') + n;
    auto res = postSigned("/sms/twilio", {{"MessageSid", sid},
                                          {"SmsSid", sid},
                                          {"AccountSid", twilio_.accountSid()},
                                          {"From", from},
                                          {"To", kOurNumber},
                                          {"Body", body},
                                          {"NumMedia", "0"},
                                          {"FromCity", ""}});
    EXPECT_TRUE(res);
    if (!res) return "";
    EXPECT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type").rfind("text/xml", 0), 0u);
    return res->body;
  }

  httplib::Result postJson(const std::string& path, const json& body) {
    httplib::Client http("127.0.0.1", harness_.port());
    http.set_read_timeout(15, 0);
    return http.Post(path, body.dump(), "application/json");
  }

  FakeTwilioApi twilio_;
  ServiceHarness harness_;
  int sid_ = 0;
};

TEST_F(SmsIntegration, AComplaintIsFiledByTextAndItsAcceptanceArrivesByText) {
  std::string last;
  for (const auto& input : complaintInputs()) last = sms("+8613800138000", input);
  EXPECT_NE(last.find("<Response><Message>"), std::string::npos) << last;
  EXPECT_NE(last.find("TS-2026-000001"), std::string::npos) << last;
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM cases WHERE channel = 'sms'"), 1);
  // The menu on SMS is the short variant with numbered choices.
  const std::string menu = sms("+8613800138000", "菜单");
  EXPECT_NE(menu.find("1投诉举报"), std::string::npos) << menu;

  // "查询 TS-…" by text shows the case to its complainant.
  const std::string progress = sms("+8613800138000", "查询 TS-2026-000001");
  EXPECT_NE(progress.find("TS-2026-000001"), std::string::npos) << progress;
  EXPECT_EQ(progress.find("无法显示"), std::string::npos) << progress;
  // ...and not to another number.
  const std::string stranger = sms("+8613900139000", "查询 TS-2026-000001");
  EXPECT_NE(stranger.find("无法显示"), std::string::npos) << stranger;

  // Art. 7: the acceptance notice goes out through the gateway to the number that wrote.
  StaffApiClient office(harness_.port(), harness_.addStaff("李四", "handler", "office"));
  auto accepted = office.act("TS-2026-000001", "accept", {{"basis", "符合受理条件"}});
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  ASSERT_TRUE(twilio_.waitForMessages(1));
  const auto sent = twilio_.messages();
  EXPECT_EQ(sent.front().to, "+8613800138000");
  EXPECT_EQ(sent.front().from, kOurNumber);
  EXPECT_EQ(sent.front().statusCallback, std::string(kPublicUrl) + "/sms/twilio/status");
  std::string all;
  for (const auto& m : sent) all += m.body;
  EXPECT_NE(all.find("TS-2026-000001"), std::string::npos) << all;
}

TEST_F(SmsIntegration, ABadSignatureIsRefusedAndNothingIsStored) {
  auto res = postSigned("/sms/twilio",
                        {{"MessageSid", "SM1"},
                         {"AccountSid", twilio_.accountSid()},
                         {"From", "+8613800138000"},
                         {"Body", "投诉"}},
                        "not-the-auth-token");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403) << res->body;
  httplib::Client http("127.0.0.1", harness_.port());
  auto unsigned_ = http.Post("/sms/twilio", "MessageSid=SM2&From=%2B8613800138000&Body=x",
                             "application/x-www-form-urlencoded");
  ASSERT_TRUE(unsigned_);
  EXPECT_EQ(unsigned_->status, 403);
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM inbound_messages"), 0);
}

TEST_F(SmsIntegration, ARetriedMessageSidGetsTheSameAnswerAndIsStoredOnce) {
  const channels::FormFields fields{{"MessageSid", "SM00000000000000000000000000000abc"},
                                    {"AccountSid", twilio_.accountSid()},
                                    {"From", "+8613800138000"},
                                    {"To", kOurNumber},
                                    {"Body", "你好"}};
  auto first = postSigned("/sms/twilio", fields);
  auto second = postSigned("/sms/twilio", fields);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->body, second->body);
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM inbound_messages WHERE channel = 'sms'"), 1);
}

TEST_F(SmsIntegration, DeliveryReportsOnlyMoveForward) {
  auto report = [&](const std::string& status) {
    auto res = postSigned("/sms/twilio/status", {{"MessageSid", "SMfeedback0001"},
                                                 {"MessageStatus", status},
                                                 {"SmsStatus", status},
                                                 {"AccountSid", twilio_.accountSid()},
                                                 {"ApiVersion", "2010-04-01"}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << res->body;
  };
  report("delivered");
  report("sent");  // late
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM delivery_reports WHERE provider_id = "
                           "'SMfeedback0001' AND status = 'delivered'"),
            1);
}

TEST_F(SmsIntegration, AnAliyunPushIsAcknowledgedAsAliyunExpectsAndAnsweredByTheGateway) {
  const json push = json::array({{{"phone_number", "13800138000"},
                                  {"content", "菜单"},
                                  {"send_time", "2026-11-27 10:00:00"},
                                  {"dest_code", "1"},
                                  {"sequence_id", 1001}},
                                 {{"phone_number", "13700137000"},
                                  {"content", "你好"},
                                  {"send_time", "2026-11-27 10:00:01"},
                                  {"dest_code", "1"},
                                  {"sequence_id", 1002}}});
  auto res = postJson(std::string("/sms/aliyun/") + kAliyunToken, push);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(json::parse(res->body), json::parse(R"({"code":0,"msg":"接收成功"})"));
  // Redelivered (Aliyun retries after a timeout): the same sequence ids change nothing.
  auto again = postJson(std::string("/sms/aliyun/") + kAliyunToken, push);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM inbound_messages WHERE channel = 'sms'"), 2);
  ASSERT_TRUE(twilio_.waitForMessages(2));
  bool menuToFirst = false;
  for (const auto& m : twilio_.messages()) {
    if (m.to == "+8613800138000" && m.body.find("1投诉举报") != std::string::npos) {
      menuToFirst = true;
    }
  }
  EXPECT_TRUE(menuToFirst);

  auto wrongToken = postJson("/sms/aliyun/guess", push);
  ASSERT_TRUE(wrongToken);
  EXPECT_EQ(wrongToken->status, 404);
}

TEST_F(SmsIntegration, ATencentReplyCallbackIsOneMessageAndTheExpectedAnswer) {
  auto res = postJson(std::string("/sms/tencent/") + kTencentToken, {{"extend", ""},
                                                                     {"mobile", "13800138000"},
                                                                     {"nationcode", "86"},
                                                                     {"sign", "青溪区政务公开"},
                                                                     {"text", "菜单"},
                                                                     {"time", 1795744800}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(json::parse(res->body), json::parse(R"({"result":0,"errmsg":"OK"})"));
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM inbound_messages WHERE channel = 'sms'"), 1);
  auto broken = postJson(std::string("/sms/tencent/") + kTencentToken, {{"mobile", 5}});
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->status, 400);
}

TEST_F(SmsIntegration, OneCitizenAcrossWeChatAndSmsByTheirPhoneNumber) {
  {
    WeChatTestClient citizen(harness_.port(), kTestToken, kTestAppId);
    std::uint64_t id = 90000;
    for (const auto& input : complaintInputs()) citizen.sendText("oCrossChannel", input, id++);
  }
  // The complaint gave 138 0013 8000; a text from that number is the same citizen.
  const std::string progress = sms("+8613800138000", "查询 TS-2026-000001");
  EXPECT_NE(progress.find("TS-2026-000001"), std::string::npos) << progress;
  EXPECT_EQ(progress.find("无法显示"), std::string::npos) << progress;
  EXPECT_EQ(harness_.count("SELECT COUNT(DISTINCT citizen_id) FROM contacts WHERE address IN "
                           "('oCrossChannel', '13800138000', '+8613800138000')"),
            1);
}

TEST_F(SmsIntegration, ABrokenFormEncodingIsRefusedAndNothingIsStored) {
  httplib::Client http("127.0.0.1", harness_.port());
  auto res = http.Post("/sms/twilio", {{"X-Twilio-Signature", "AAAA"}},
                       "MessageSid=SM1&From=%2B8613800138000&Body=%E4%B",
                       "application/x-www-form-urlencoded");
  ASSERT_TRUE(res);
  EXPECT_GE(res->status, 400);
  EXPECT_LT(res->status, 500);
  auto notJson = postJson(std::string("/sms/aliyun/") + kAliyunToken, json("not an array"));
  ASSERT_TRUE(notJson);
  EXPECT_EQ(notJson->status, 400);
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM inbound_messages"), 0);
}

TEST_F(SmsIntegration, AnUndeliveredNoticeIsAFailedDeliveryStaffCanRetry) {
  for (const auto& input : complaintInputs()) sms("+8613800138000", input);
  StaffApiClient office(harness_.port(), harness_.addStaff("李四", "handler", "office"));
  ASSERT_EQ(office.act("TS-2026-000001", "accept", {{"basis", "符合受理条件"}}).status, 200);
  ASSERT_TRUE(twilio_.waitForMessages(1));
  const std::string sid = twilio_.messages().front().sid;
  // The delivery report may only follow a delivery the outbox has recorded as sent.
  ASSERT_TRUE(eventually([&] {
    return harness_.count("SELECT COUNT(*) FROM outbox WHERE status = 'sent' AND channel = 'sms'") >
           0;
  }));
  auto res = postSigned("/sms/twilio/status", {{"MessageSid", sid},
                                               {"MessageStatus", "undelivered"},
                                               {"ErrorCode", "30003"},
                                               {"AccountSid", twilio_.accountSid()}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  StaffApiClient supervisor(harness_.port(),
                            harness_.addStaff("周八", "leading_group_office", "office"));
  auto failed = supervisor.get("/api/deliveries/failed");
  ASSERT_EQ(failed.status, 200) << failed.body;
  ASSERT_EQ(failed.body["failed"].size(), 1u) << failed.body;
  EXPECT_NE(failed.body["failed"][0].dump().find("undelivered"), std::string::npos) << failed.body;
}

}  // namespace
}  // namespace civicdesk::testing
