// Phone-hotline transcripts through the real server (issue 5): a complete call becomes a case
// received at the call's end, acknowledged by SMS to the caller (through the loopback gateway);
// an incomplete call becomes a call-back task naming what is missing; the same call twice
// gets the same answer; and the caller is the same citizen when they text later.
#include <gtest/gtest.h>

#include <httplib.h>

#include "channels/FormBody.hpp"
#include "channels/sms/TwilioSignature.hpp"
#include "tests/bot/ServiceHarness.hpp"
#include "tests/support/FakeTwilioApi.hpp"

namespace civicdesk::testing {
namespace {

using nlohmann::json;

constexpr const char* kHotlineToken = "hotline-operators-system-token";
constexpr const char* kPublicUrl = "https://desk.qingxi-demo.gov.cn";

json completeCall(const std::string& callId) {
  return {{"call_id", callId},
          {"caller", "138-0013-8000"},
          {"operator", "话务员07"},
          {"started_at", "2026-11-27T09:40:00+08:00"},
          {"ended_at", "2026-11-27T09:52:30+08:00"},
          {"turns",
           {{{"speaker", "operator"}, {"text", "您好，青溪区政务服务热线，请讲。"}},
            {{"speaker", "caller"},
             {"text",
              "我叫王芳，我要投诉区教育局，他们网站上的招生政策好几年没更新了，"
              "2023年的简章还挂在首页。"}},
            {{"speaker", "operator"}, {"text", "请问您的地址？"}},
            {{"speaker", "caller"}, {"text", "青溪区人民路100号。"}}}},
          {"fields", {{"address", "青溪区人民路100号"}, {"ground", 2}}}};
}

class HotlineIntegration : public ::testing::Test {
 protected:
  HotlineIntegration()
      : harness_({{"CIVICDESK_HOTLINE_TOKEN", kHotlineToken},
                  {"CIVICDESK_PUBLIC_URL", kPublicUrl},
                  {"CIVICDESK_TWILIO_ACCOUNT_SID", twilio_.accountSid()},
                  {"CIVICDESK_TWILIO_AUTH_TOKEN", twilio_.authToken()},
                  {"CIVICDESK_TWILIO_FROM", "+8610690000001"},
                  {"CIVICDESK_TWILIO_API_BASE", twilio_.baseUrl()}}) {
    harness_.start();  // Friday 2026-11-27 10:00 Shanghai
  }

  httplib::Result post(const std::string& body, const std::string& token = kHotlineToken) {
    httplib::Client http("127.0.0.1", harness_.port());
    http.set_read_timeout(15, 0);
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    return http.Post("/hotline/transcripts", headers, body, "application/json");
  }

  FakeTwilioApi twilio_;
  ServiceHarness harness_;
};

TEST_F(HotlineIntegration, Complaint_Art5_ACompleteCallIsRegisteredAtItsEndAndAcknowledgedBySms) {
  auto res = post(completeCall("call-0001").dump());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const auto answer = json::parse(res->body);
  EXPECT_EQ(answer["outcome"], "registered") << answer;
  EXPECT_EQ(answer["case_no"], "TS-2026-000001");
  EXPECT_EQ(answer["received_at"], "2026-11-27T09:52:30+08:00");
  EXPECT_EQ(answer["acknowledgement"], "sms");
  // Received Friday: 3 working days for the acceptance decision → Wednesday 2026-12-02.
  EXPECT_EQ(answer["acceptance_due"], "2026-12-02");
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM cases WHERE received_at = 1795744350 AND "
                           "json_extract(form_json, '$.respondentUnitId') = 'edu' AND "
                           "json_extract(form_json, '$.complainant.name') = '王芳' AND "
                           "json_extract(form_json, '$.ground') = 2"),
            1);
  ASSERT_TRUE(twilio_.waitForMessages(1));
  const auto sms = twilio_.messages().front();
  EXPECT_EQ(sms.to, "+8613800138000");
  EXPECT_NE(sms.body.find("TS-2026-000001"), std::string::npos) << sms.body;
  EXPECT_NE(sms.body.find("2026-12-02"), std::string::npos) << sms.body;

  // The operators' system retries: the same answer, no second case, no second SMS.
  auto again = post(completeCall("call-0001").dump());
  ASSERT_TRUE(again);
  EXPECT_EQ(json::parse(again->body), answer);
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM cases"), 1);
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM outbox WHERE channel = 'sms'"), 1);

  // The caller texts later: the same citizen, who sees the case.
  const channels::FormFields fields{{"MessageSid", "SM00000000000000000000000000000001"},
                                    {"AccountSid", twilio_.accountSid()},
                                    {"From", "+8613800138000"},
                                    {"To", "+8610690000001"},
                                    {"Body", "查询 TS-2026-000001"}};
  httplib::Client http("127.0.0.1", harness_.port());
  auto progress =
      http.Post("/sms/twilio",
                {{"X-Twilio-Signature",
                  channels::twilioSignature(twilio_.authToken(),
                                            std::string(kPublicUrl) + "/sms/twilio", fields)}},
                channels::encodeFormBody(fields), "application/x-www-form-urlencoded");
  ASSERT_TRUE(progress);
  EXPECT_NE(progress->body.find("TS-2026-000001"), std::string::npos) << progress->body;
  EXPECT_EQ(progress->body.find("无法显示"), std::string::npos) << progress->body;
}

TEST_F(HotlineIntegration, AnIncompleteCallIsACallBackTaskNamingWhatIsMissing) {
  json call = completeCall("call-0002");
  call["turns"] = {{{"speaker", "caller"}, {"text", "我想反映一下网站信息好久没更新的问题。"}}};
  call["fields"] = json::object();
  auto res = post(call.dump());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const auto answer = json::parse(res->body);
  EXPECT_EQ(answer["outcome"], "callback") << answer;
  std::vector<std::string> items;
  for (const auto& m : answer["missing"]) {
    items.push_back(m["item"]);
    EXPECT_FALSE(m["ask"].get<std::string>().empty());
  }
  EXPECT_EQ(items,
            (std::vector<std::string>{"respondent", "complainant.name", "complainant.address"}))
      << answer;
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM cases"), 0);

  httplib::Client http("127.0.0.1", harness_.port());
  auto tasks = http.Get("/hotline/callback-tasks",
                        {{"Authorization", std::string("Bearer ") + kHotlineToken}});
  ASSERT_TRUE(tasks);
  ASSERT_EQ(tasks->status, 200);
  const auto open = json::parse(tasks->body)["tasks"];
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0]["call_id"], "call-0002");

  // The operator calls back and fills in the rest: the case is registered, the task closed.
  json callback = completeCall("call-0003");
  callback["fields"]["callback_of"] = "call-0002";
  auto done = post(callback.dump());
  ASSERT_TRUE(done);
  const auto registered = json::parse(done->body);
  EXPECT_EQ(registered["outcome"], "registered") << registered;
  EXPECT_EQ(registered["closed_callback_task"], "call-0002");
  auto after = http.Get("/hotline/callback-tasks",
                        {{"Authorization", std::string("Bearer ") + kHotlineToken}});
  ASSERT_TRUE(after);
  EXPECT_TRUE(json::parse(after->body)["tasks"].empty());
}

// Issue 6 by phone: the operator marks the call as an application ("kind": "info_request") and
// fills in its items; the caller's mobile is the contact and gets the acknowledgement by SMS.
json applicationCall(const std::string& callId) {
  json call = completeCall(callId);
  call["turns"] = {
      {{"speaker", "caller"},
       {"text", "我想申请公开区教育局今年的义务教育招生工作方案，要电子版，发我邮箱。"}}};
  call["fields"] = {{"kind", "info_request"},
                    {"name", "王芳"},
                    {"id_number", "11010519491231002x"},
                    {"email", "wangfang@example.com"},
                    {"unit", "青溪区教育局"},
                    {"title", "2026年义务教育招生工作方案"},
                    {"form", "electronic"},
                    {"delivery", "email"}};
  return call;
}

TEST_F(HotlineIntegration, InfoRequest_ACompleteApplicationCallIsRegisteredAndAcknowledgedBySms) {
  auto res = post(applicationCall("call-info-1").dump());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const auto answer = json::parse(res->body);
  EXPECT_EQ(answer["kind"], "info_request") << answer;
  EXPECT_EQ(answer["outcome"], "registered") << answer;
  EXPECT_EQ(answer["case_no"], "YS-2026-000001");
  EXPECT_EQ(answer["received_at"], "2026-11-27T09:52:30+08:00");
  EXPECT_EQ(answer["acknowledgement"], "sms");
  // Received Friday: 20 working days for the reply (Art. 33) → Friday 2026-12-25.
  const std::string replyDue = answer["reply_due"];
  EXPECT_EQ(replyDue, "2026-12-25");
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM cases WHERE kind = 'info_request' AND "
                           "received_at = 1795744350 AND channel = 'sms' AND "
                           "respondent_unit_id = 'edu'"),
            1);
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM cases WHERE kind = 'complaint'"), 0);
  ASSERT_TRUE(twilio_.waitForMessages(1));
  const auto sms = twilio_.messages().front();
  EXPECT_EQ(sms.to, "+8613800138000");
  EXPECT_NE(sms.body.find("YS-2026-000001"), std::string::npos) << sms.body;
  EXPECT_NE(sms.body.find("政府信息公开申请"), std::string::npos) << sms.body;
  EXPECT_NE(sms.body.find(replyDue), std::string::npos) << sms.body;

  // The same call again: the same answer, nothing new.
  auto again = post(applicationCall("call-info-1").dump());
  ASSERT_TRUE(again);
  EXPECT_EQ(json::parse(again->body), answer);
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM cases"), 1);
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM outbox WHERE channel = 'sms'"), 1);
}

TEST_F(HotlineIntegration, InfoRequest_AnIncompleteApplicationCallIsACallBackTask) {
  json call = applicationCall("call-info-2");
  call["fields"]["id_number"] = "110105194912310021";  // a wrong check digit
  call["fields"].erase("title");
  call["fields"].erase("form");
  call["fields"].erase("delivery");
  auto res = post(call.dump());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const auto answer = json::parse(res->body);
  EXPECT_EQ(answer["kind"], "info_request") << answer;
  EXPECT_EQ(answer["outcome"], "callback") << answer;
  std::vector<std::string> items;
  for (const auto& m : answer["missing"]) {
    items.push_back(m["item"]);
    EXPECT_FALSE(m["ask"].get<std::string>().empty()) << m;
  }
  // In missingApplicationItems' words and order.
  EXPECT_EQ(items, (std::vector<std::string>{"applicant.idNumber", "info", "form", "delivery"}))
      << answer;
  EXPECT_EQ(answer["missing"][0]["given"], "110105194912310021");
  EXPECT_EQ(answer["understood"]["name"], "王芳");
  EXPECT_EQ(answer["understood"]["unit"], "青溪区教育局");
  EXPECT_EQ(answer["understood"]["phone"], "13800138000") << "the caller's mobile";
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM cases"), 0);

  httplib::Client http("127.0.0.1", harness_.port());
  auto tasks = http.Get("/hotline/callback-tasks",
                        {{"Authorization", std::string("Bearer ") + kHotlineToken}});
  ASSERT_TRUE(tasks);
  const auto open = json::parse(tasks->body)["tasks"];
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0]["call_id"], "call-info-2");
  EXPECT_EQ(open[0]["missing"].size(), 4u);

  // The call-back completes it: registered, the task closed.
  json callback = applicationCall("call-info-3");
  callback["fields"]["callback_of"] = "call-info-2";
  auto done = post(callback.dump());
  ASSERT_TRUE(done);
  const auto registered = json::parse(done->body);
  EXPECT_EQ(registered["outcome"], "registered") << registered;
  EXPECT_EQ(registered["closed_callback_task"], "call-info-2");
}

TEST_F(HotlineIntegration, BadRequestsAreRefusedClearlyAndStoreNothing) {
  auto noToken = post(completeCall("call-x").dump(), "");
  ASSERT_TRUE(noToken);
  EXPECT_EQ(noToken->status, 401);
  auto wrongToken = post(completeCall("call-x").dump(), "guess");
  ASSERT_TRUE(wrongToken);
  EXPECT_EQ(wrongToken->status, 401);

  json bad = completeCall("call-y");
  bad["turns"][1]["speaker"] = "robot";
  auto invalid = post(bad.dump());
  ASSERT_TRUE(invalid);
  EXPECT_EQ(invalid->status, 422);
  EXPECT_EQ(json::parse(invalid->body)["field"], "turns[1].speaker") << invalid->body;

  auto notJson = post("{\"call_id\": ");
  ASSERT_TRUE(notJson);
  EXPECT_EQ(notJson->status, 400);

  json huge = completeCall("call-z");
  huge["turns"][1]["text"] = std::string(300 * 1024, 'a');
  auto tooLarge = post(huge.dump());
  ASSERT_TRUE(tooLarge);
  EXPECT_EQ(tooLarge->status, 413);

  // Broken UTF-8 in a turn's text.
  std::string brokenUtf8 = completeCall("call-u").dump();
  brokenUtf8.replace(brokenUtf8.find("王芳"), 3, "\xE7\x8E");
  auto broken = post(brokenUtf8);
  ASSERT_TRUE(broken);
  EXPECT_GE(broken->status, 400);
  EXPECT_LT(broken->status, 500);

  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM hotline_calls"), 0);
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM cases"), 0);
}

}  // namespace
}  // namespace civicdesk::testing
