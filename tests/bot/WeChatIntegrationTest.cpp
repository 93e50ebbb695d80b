// The whole service over HTTP on loopback, as WeChat's servers talk to it: signatures,
// encryption, retries, restarts and hostile input.
#include <future>

#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <regex>
#include <thread>

#include <httplib.h>

#include "bot/OutboxDelivery.hpp"
#include "store/Migrations.hpp"
#include "tests/bot/ComplaintFlow.hpp"
#include "tests/bot/ServiceHarness.hpp"
#include "tests/bot/WeChatTestClient.hpp"
#include "tests/support/Eventually.hpp"

namespace civicdesk::testing {
namespace {

const std::regex kCaseNumber(R"(TS-2026-\d{6})");

std::string caseNumberIn(const std::string& text) {
  std::smatch m;
  return std::regex_search(text, m, kCaseNumber) ? m.str() : "";
}

// Files a complaint message by message; returns the last reply.
WeChatReply fileComplaint(WeChatTestClient& client, const std::string& openId,
                          std::uint64_t firstMsgId) {
  WeChatReply reply;
  std::uint64_t id = firstMsgId;
  for (const auto& input : complaintInputs()) {
    reply = client.sendText(openId, input, id++);
    EXPECT_EQ(reply.status, 200) << "after: " << input;
    EXPECT_FALSE(reply.content.empty()) << "no reply to: " << input;
  }
  return reply;
}

TEST(ServiceHealth, HealthzAnswersOkWithTheSchemaVersion) {
  ServiceHarness harness;
  harness.start();
  httplib::Client http("127.0.0.1", harness.port());
  auto res = http.Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("\"status\":\"ok\""), std::string::npos);
  const int latest = store::embeddedMigrations().back().version;
  EXPECT_NE(res->body.find("\"schema_version\":" + std::to_string(latest)), std::string::npos)
      << res->body;
  EXPECT_FALSE(res->get_header_value("X-Request-Id").empty());
}

TEST(ServiceHealth, UnknownRouteIs404WithAMessage) {
  ServiceHarness harness;
  harness.start();
  httplib::Client http("127.0.0.1", harness.port());
  auto res = http.Get("/nowhere");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_NE(res->body.find("no such route"), std::string::npos);
}

TEST(ServiceMetrics, CountsMessagesInAndOutPerChannel) {
  ServiceHarness harness;
  harness.start();
  WeChatTestClient client(harness.port(), kTestToken, kTestAppId);
  ASSERT_EQ(client.sendText("oMetrics", "你好", 1).status, 200);
  httplib::Client http("127.0.0.1", harness.port());
  auto res = http.Get("/metrics");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("civicdesk_messages_in_total{channel=\"wechat\"} 1"), std::string::npos)
      << res->body;
  EXPECT_NE(res->body.find("civicdesk_messages_out_total{channel=\"wechat\",via=\"passive\"} 1"),
            std::string::npos);
  EXPECT_NE(res->body.find("civicdesk_request_duration_seconds_bucket{route=\"wechat\""),
            std::string::npos);
  // The one message went through the group commit.
  EXPECT_NE(res->body.find("civicdesk_store_batched_messages_total 1\n"), std::string::npos)
      << res->body;
  EXPECT_NE(res->body.find("civicdesk_store_batches_total 1\n"), std::string::npos);
  // The background checkpointer moves the message's WAL frames into the database file; its
  // backlog falls to 0 within a few of its 100 ms runs. Only a run that began after the
  // message was committed counts (two more completed runs: one may have been under way).
  const auto gauge = [](const std::string& body, const std::string& name) {
    const auto at = body.find("\n" + name + " ");
    return at == std::string::npos ? -1L : std::stol(body.substr(at + name.size() + 2));
  };
  const auto runsAfterMessage = gauge(res->body, "civicdesk_store_checkpoints_total") + 2;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline &&
         (gauge(res->body, "civicdesk_store_checkpoints_total") < runsAfterMessage ||
          gauge(res->body, "civicdesk_store_wal_frames") <= 0 ||
          gauge(res->body, "civicdesk_store_wal_backlog_frames") != 0)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    res = http.Get("/metrics");
    ASSERT_TRUE(res);
  }
  EXPECT_GE(gauge(res->body, "civicdesk_store_checkpoints_total"), runsAfterMessage) << res->body;
  EXPECT_GT(gauge(res->body, "civicdesk_store_wal_frames"), 0) << res->body;
  EXPECT_EQ(gauge(res->body, "civicdesk_store_wal_backlog_frames"), 0) << res->body;
}

TEST(WeChatUrlVerification, EchoesEchostrExactly) {
  ServiceHarness harness;
  harness.start();
  WeChatTestClient client(harness.port(), kTestToken, kTestAppId);
  auto res = client.verify("7382738273827");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, "7382738273827");
}

TEST(WeChatUrlVerification, BadSignatureIsRefused) {
  ServiceHarness harness;
  harness.start();
  WeChatTestClient client(harness.port(), kTestToken, kTestAppId);
  auto res = client.verify("hello", /*badSignature=*/true);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_NE(res->body, "hello");
}

TEST(WeChatComplaint, PlaintextModeRegistersACaseAndRepliesWithItsNumber) {
  ServiceHarness harness;
  harness.start();
  WeChatTestClient client(harness.port(), kTestToken, kTestAppId);
  auto last = fileComplaint(client, "oCitizenPlain", 100);
  const std::string caseNo = caseNumberIn(last.content);
  ASSERT_FALSE(caseNo.empty()) << last.content;
  EXPECT_EQ(caseNo, "TS-2026-000001");
  // The acknowledgement names when the acceptance decision is due: 3 working days from Friday.
  EXPECT_NE(last.content.find("2026-12-02"), std::string::npos) << last.content;
  // The passive reply goes back to the citizen, from our account, in seconds.
  EXPECT_EQ(last.toUser, "oCitizenPlain");
  EXPECT_EQ(last.fromUser, "gh_demo000000");
  EXPECT_EQ(std::to_string(last.createTime).size(), 10u);

  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM cases"), 1);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM cases WHERE case_no='" + caseNo +
                          "' AND respondent_unit_id='edu' AND ground=2"),
            1);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM inbound_messages"),
            static_cast<long long>(complaintInputs().size()));
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM events WHERE kind='case.registered'"), 1);
}

TEST(WeChatComplaint, EncryptedModeRegistersACaseWithEncryptedReplies) {
  ServiceHarness harness(Env{{"CIVICDESK_WECHAT_AES_KEY", kTestAesKey}});
  harness.start();
  WeChatTestClient client(harness.port(), kTestToken, kTestAppId, kTestAesKey);
  auto last = fileComplaint(client, "oCitizenAes", 200);
  EXPECT_EQ(caseNumberIn(last.content), "TS-2026-000001") << last.content;
  EXPECT_NE(last.body.find("<Encrypt>"), std::string::npos);
  EXPECT_NE(last.body.find("<MsgSignature>"), std::string::npos);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM cases"), 1);
}

TEST(WeChatComplaint, EncryptedRequestForAnotherAppIdIsRefused) {
  ServiceHarness harness(Env{{"CIVICDESK_WECHAT_AES_KEY", kTestAesKey}});
  harness.start();
  WeChatTestClient stranger(harness.port(), kTestToken, "wx0000000000000000", kTestAesKey);
  auto reply = stranger.sendText("oStranger", "投诉", 1);
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM inbound_messages"), 0);
}

TEST(WeChatComplaint, SecureModeRefusesPlaintextCallbacks) {
  ServiceHarness harness(
      Env{{"CIVICDESK_WECHAT_AES_KEY", kTestAesKey}, {"CIVICDESK_WECHAT_SECURE_MODE", "true"}});
  harness.start();
  WeChatTestClient plain(harness.port(), kTestToken, kTestAppId);
  EXPECT_EQ(plain.sendText("oPlain", "投诉", 1).status, 401);
  WeChatTestClient sealed(harness.port(), kTestToken, kTestAppId, kTestAesKey);
  EXPECT_EQ(sealed.sendText("oSealed", "投诉", 2).status, 200);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM inbound_messages"), 1);
}

TEST(WeChatRetries, SameMsgIdIsProcessedOnceAndGetsTheSameReply) {
  ServiceHarness harness;
  harness.start();
  WeChatTestClient client(harness.port(), kTestToken, kTestAppId);
  auto first = client.sendText("oRetry", "投诉", 555);
  auto second = client.sendText("oRetry", "投诉", 555);
  auto third = client.sendText("oRetry", "投诉", 555);
  EXPECT_EQ(first.content, second.content);
  EXPECT_EQ(first.content, third.content);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM inbound_messages"), 1);
  // The dialog moved one step, not three: the next answer is taken as the unit.
  auto next = client.sendText("oRetry", "教育局", 556);
  EXPECT_NE(next.content, first.content);
}

TEST(WeChatRetries, RetriedConfirmationRegistersOneCase) {
  ServiceHarness harness;
  harness.start();
  WeChatTestClient client(harness.port(), kTestToken, kTestAppId);
  auto last = fileComplaint(client, "oRetryConfirm", 700);
  const std::uint64_t confirmId = 700 + complaintInputs().size() - 1;
  auto retried = client.sendText("oRetryConfirm", "确认", confirmId);
  EXPECT_EQ(retried.content, last.content);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM cases"), 1);
}

TEST(WeChatRetries, EventsAreDedupedByUserAndCreateTime) {
  ServiceHarness harness;
  harness.start();
  WeChatTestClient client(harness.port(), kTestToken, kTestAppId);
  auto a = client.sendEvent("oEvents", "subscribe", 1790000100);
  auto b = client.sendEvent("oEvents", "subscribe", 1790000100);
  EXPECT_EQ(a.content, b.content);
  EXPECT_FALSE(a.content.empty());
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM inbound_messages"), 1);
  client.sendEvent("oEvents", "subscribe", 1790000101);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM inbound_messages"), 2);
}

TEST(WeChatRestart, ADialogContinuesAfterTheServiceRestarts) {
  ServiceHarness harness;
  harness.start();
  const auto& inputs = complaintInputs();
  const std::size_t half = inputs.size() / 2;
  {
    WeChatTestClient client(harness.port(), kTestToken, kTestAppId);
    for (std::size_t i = 0; i < half; ++i) client.sendText("oRestart", inputs[i], 900 + i);
  }
  harness.restart();
  WeChatTestClient client(harness.port(), kTestToken, kTestAppId);
  WeChatReply reply;
  for (std::size_t i = half; i < inputs.size(); ++i) {
    reply = client.sendText("oRestart", inputs[i], 900 + i);
  }
  EXPECT_EQ(caseNumberIn(reply.content), "TS-2026-000001") << reply.content;
}

TEST(WeChatBudget, ALateAnswerIsAcknowledgedAndDeliveredThroughTheCustomerServiceApi) {
  ServiceHarness harness(Env{{"CIVICDESK_WECHAT_REPLY_BUDGET_MS", "50"}});
  harness.start();
  WeChatTestClient client(harness.port(), kTestToken, kTestAppId);
  // Hold the store until the service has given up answering within the budget, however
  // slowly this machine runs (a fixed hold could end before the request even arrives).
  std::promise<void> held;
  std::thread holder([&] {
    std::unique_lock lock(harness.service().storeMutex());
    held.set_value();
    eventually([&] { return harness.logs().find("reply.deferred") != std::string::npos; });
  });
  held.get_future().wait();
  WeChatReply reply = client.sendText("oSlow", "投诉", 4242);
  // `success` came only once the message was stored (nothing acknowledged is lost).
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM inbound_messages WHERE platform_id = '4242'"), 1);
  holder.join();
  EXPECT_TRUE(reply.isSuccess()) << reply.body;
  ASSERT_TRUE(harness.wechatApi().waitForSent(1, std::chrono::seconds(10)));
  auto sent = harness.wechatApi().sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].touser, "oSlow");
  EXPECT_FALSE(sent[0].content.empty());
  // A retry of the same message now gets `success` too, and nothing is sent twice.
  auto retried = client.sendText("oSlow", "投诉", 4242);
  EXPECT_TRUE(retried.isSuccess());
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(harness.wechatApi().sent().size(), 1u);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM outbox WHERE status='sent'"), 1);
}

TEST(WeChatBadInput, BadSignatureIs401AndNothingIsStored) {
  ServiceHarness harness;
  harness.start();
  WeChatTestClient client(harness.port(), kTestToken, kTestAppId);
  auto reply = client.post(WeChatTestClient::textXml("oBad", "投诉", 1, 1790000000), true);
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM inbound_messages"), 0);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM citizens"), 0);
}

TEST(WeChatBadInput, StaleTimestampIs401AndNothingIsStored) {
  ServiceHarness harness;
  harness.start();
  WeChatTestClient client(harness.port(), kTestToken, kTestAppId);
  // A correctly signed callback, captured and posted again an hour later. (The check reads
  // the host's clock: WeChat signs with real time, whatever the service's business clock.)
  const std::int64_t captured = static_cast<std::int64_t>(std::time(nullptr)) - 3600;
  client.signingTime = [captured] { return captured; };
  auto reply = client.sendText("oStale", "投诉", 1);
  EXPECT_EQ(reply.status, 401);
  EXPECT_NE(reply.body.find("timestamp"), std::string::npos) << reply.body;
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM inbound_messages"), 0);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM citizens"), 0);
}

TEST(WeChatBadInput, FreshnessIsCheckedAgainstTheHostClockNotTheSimulatedOne) {
  ServiceHarness harness;
  harness.start();
  // A training run jumps the business clock two months ahead; WeChat still signs with the
  // real time, and its callbacks are still answered.
  harness.clock().advance(std::chrono::hours(24 * 60));
  WeChatTestClient client(harness.port(), kTestToken, kTestAppId);
  EXPECT_EQ(client.sendText("oTrainee", "你好", 1).status, 200);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM inbound_messages"), 1);
}

TEST(WeChatBadInput, CapturedPlaintextQueryWithAForgedBodyIs403) {
  ServiceHarness harness;
  harness.start();
  WeChatTestClient client(harness.port(), kTestToken, kTestAppId);
  ASSERT_EQ(client.sendText("oReal", "你好", 1).status, 200);
  // An eavesdropper reuses the query of that callback, signature and all, with its own body.
  const std::string query = "/wechat?" + client.lastQuery;
  auto forged =
      client.raw(query, WeChatTestClient::textXml("oReal", "撤回我的投诉", 2, 1790000001));
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 403);
  // WeChat's own retry of the real callback (same query, same body) is still answered.
  auto retry = client.raw(query, client.lastBody);
  ASSERT_TRUE(retry);
  EXPECT_EQ(retry->status, 200);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM inbound_messages"), 1);
}

TEST(WeChatBadInput, OversizedBodyIs413) {
  ServiceHarness harness;
  harness.start();
  WeChatTestClient client(harness.port(), kTestToken, kTestAppId);
  auto reply =
      client.post(WeChatTestClient::textXml("oBig", std::string(70 * 1024, 'a'), 1, 1790000000));
  EXPECT_EQ(reply.status, 413);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM inbound_messages"), 0);
}

TEST(WeChatBadInput, MalformedXmlIs400) {
  ServiceHarness harness;
  harness.start();
  WeChatTestClient client(harness.port(), kTestToken, kTestAppId);
  EXPECT_EQ(client.post("<xml><ToUserName>unclosed").status, 400);
  EXPECT_EQ(client.post("not xml at all").status, 400);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM inbound_messages"), 0);
}

TEST(WeChatBadInput, DoctypeAndEntitiesAreRefusedWithoutFetchingAnything) {
  // A server the hostile document points at; it must never be asked for anything.
  httplib::Server bait;
  std::atomic<int> fetches{0};
  bait.Get(".*", [&](const httplib::Request&, httplib::Response& res) {
    ++fetches;
    res.set_content("x", "text/plain");
  });
  const int baitPort = bait.bind_to_any_port("127.0.0.1");
  std::thread baitThread([&] { bait.listen_after_bind(); });

  ServiceHarness harness;
  harness.start();
  WeChatTestClient client(harness.port(), kTestToken, kTestAppId);
  const std::string url = "http://127.0.0.1:" + std::to_string(baitPort) + "/secret";
  auto external = client.post("<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY e SYSTEM \"" + url +
                              "\">]><xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName>"
                              "<CreateTime>1</CreateTime><MsgType>text</MsgType>"
                              "<Content>&e;</Content><MsgId>1</MsgId></xml>");
  auto laughs = client.post(
      "<!DOCTYPE xml [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><xml><Content>&b;"
      "</Content></xml>");
  EXPECT_EQ(external.status, 400);
  EXPECT_EQ(laughs.status, 400);
  EXPECT_EQ(fetches.load(), 0);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM inbound_messages"), 0);
  bait.stop();
  baitThread.join();
}

TEST(WeChatMessages, UnknownMessageTypeGetsAPoliteReply) {
  ServiceHarness harness;
  harness.start();
  WeChatTestClient client(harness.port(), kTestToken, kTestAppId);
  auto reply = client.post(
      "<xml><ToUserName><![CDATA[gh_demo000000]]></ToUserName><FromUserName><![CDATA[oLoc]]>"
      "</FromUserName><CreateTime>1790000000</CreateTime><MsgType><![CDATA[location]]></MsgType>"
      "<Location_X>23.1</Location_X><Location_Y>113.3</Location_Y><Scale>20</Scale>"
      "<Label><![CDATA[somewhere]]></Label><MsgId>31</MsgId></xml>");
  EXPECT_EQ(reply.status, 200);
  EXPECT_FALSE(reply.content.empty());
}

TEST(WeChatMessages, VoiceWithoutRecognitionAsksToType) {
  ServiceHarness harness;
  harness.start();
  WeChatTestClient client(harness.port(), kTestToken, kTestAppId);
  auto withoutText = client.sendVoice("oVoice", "", 41);
  EXPECT_EQ(withoutText.status, 200);
  EXPECT_NE(withoutText.content.find("文字"), std::string::npos) << withoutText.content;
  // Recognised speech is handled as text: "投诉" starts a complaint.
  auto spoken = client.sendVoice("oVoice", "投诉。", 42);
  EXPECT_NE(spoken.content, withoutText.content);
}

TEST(WeChatMessages, UnsubscribeIsRecordedAndAnsweredWithSuccess) {
  ServiceHarness harness;
  harness.start();
  WeChatTestClient client(harness.port(), kTestToken, kTestAppId);
  auto reply = client.sendEvent("oLeaving", "unsubscribe", 1790000200);
  EXPECT_TRUE(reply.isSuccess());
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM inbound_messages"), 1);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM events WHERE kind='citizen.unsubscribed'"), 1);
}

TEST(WeChatMessages, ImageDuringAComplaintIsKeptAsEvidence) {
  ServiceHarness harness;
  harness.start();
  WeChatTestClient client(harness.port(), kTestToken, kTestAppId);
  const auto& inputs = complaintInputs();
  std::uint64_t id = 3000;
  for (std::size_t i = 0; i < 6; ++i) client.sendText("oPhoto", inputs[i], id++);  // up to facts
  auto ack = client.sendImage("oPhoto", "MEDIA123", id++);
  EXPECT_EQ(ack.status, 200);
  WeChatReply last;
  for (std::size_t i = 6; i < inputs.size(); ++i) last = client.sendText("oPhoto", inputs[i], id++);
  ASSERT_FALSE(caseNumberIn(last.content).empty()) << last.content;
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM cases WHERE form_json LIKE '%MEDIA123%'"), 1);
}

}  // namespace
}  // namespace civicdesk::testing
