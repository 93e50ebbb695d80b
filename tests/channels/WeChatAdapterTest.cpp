// The WeChat official-account callback end to end on plain values: URL verification,
// plaintext and encrypted POSTs, limits and refusals, and the passive reply.
#include "channels/wechat/WeChatAdapter.hpp"

#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <string>

#include "channels/wechat/WeChatCrypto.hpp"
#include "channels/wechat/WeChatXml.hpp"
#include "tests/channels/WeChatVectors.hpp"
#include "tests/channels/XmlReadBack.hpp"

namespace civicdesk::channels {
namespace {

namespace w1 = vectors::w1;
using civicdesk::testing::readBack;

constexpr std::int64_t kWeChatNow = 1700000000;
constexpr const char* kWeChatCitizen = "oyORnuP8q7ou2gfYjqLzSIWZf0rs";
constexpr const char* kAccount = "gh_10f6c3c3ac5a";

WeChatConfig plaintextConfig() {
  WeChatConfig config;
  config.token = std::string(w1::kToken);
  config.appId = std::string(w1::kAppId);
  config.appSecret = "unused-here";
  // These tests post many bodies under the one published signed query, with a clock far from
  // its timestamp; the freshness and replay tests (WeChatAdapterFreshness) turn the check on.
  config.maxClockSkewSeconds = 0;
  return config;
}

WeChatConfig aesConfig(std::string_view appId = w1::kAppId) {
  WeChatConfig config = plaintextConfig();
  config.appId = std::string(appId);
  config.encodingAesKey = std::string(w1::kKey);
  return config;
}

WeChatAdapter makeAdapter(WeChatConfig config) {
  return WeChatAdapter(std::move(config), [] { return kWeChatNow; });
}

// A request signed with the published W2 signature (token spamtest, W1 timestamp and nonce),
// so the plaintext tests do not rely on our own signing code.
HttpRequest signedRequest(std::string method, std::string body = {},
                          std::map<std::string, std::string> extra = {}) {
  HttpRequest request;
  request.method = std::move(method);
  request.path = "/wechat";
  request.query = {{"signature", std::string(w1::kSignature)},
                   {"timestamp", std::string(w1::kTimestamp)},
                   {"nonce", std::string(w1::kNonce)},
                   {"openid", kWeChatCitizen}};
  for (auto& [name, value] : extra) request.query[name] = value;
  request.body = std::move(body);
  return request;
}

HttpRequest postToWeChat(std::string body, std::map<std::string, std::string> extra = {}) {
  return signedRequest("POST", std::move(body), std::move(extra));
}

std::string wechatHeader(const std::string& from, const std::string& createTime,
                         const std::string& msgType) {
  return "<ToUserName><![CDATA[" + std::string(kAccount) +
         "]]></ToUserName><FromUserName><![CDATA[" + from + "]]></FromUserName><CreateTime>" +
         createTime + "</CreateTime><MsgType><![CDATA[" + msgType + "]]></MsgType>";
}

std::string textXml(const std::string& content, const std::string& msgId = "6054768590064713728",
                    const std::string& from = kWeChatCitizen) {
  return "<xml>" + wechatHeader(from, "1409735668", "text") + "<Content><![CDATA[" + content +
         "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
}

std::string eventXml(const std::string& event, const std::string& from = kWeChatCitizen,
                     const std::string& createTime = "1409735668", const std::string& extra = {}) {
  return "<xml>" + wechatHeader(from, createTime, "event") + "<Event><![CDATA[" + event +
         "]]></Event>" + extra + "</xml>";
}

InboundMessage receiveOne(const WeChatAdapter& adapter, const HttpRequest& request) {
  auto batch = adapter.receive(request);
  EXPECT_TRUE(batch.has_value()) << (batch ? "" : batch.error().message);
  if (!batch || batch->messages.size() != 1) {
    ADD_FAILURE() << "expected exactly one message";
    return {};
  }
  return batch->messages.front();
}

int refusal(const WeChatAdapter& adapter, const HttpRequest& request) {
  auto batch = adapter.receive(request);
  EXPECT_FALSE(batch.has_value()) << "accepted: " << request.body;
  return batch ? 200 : batch.error().status;
}

// Builds what WeChat sends in secure mode: inner XML sealed with `appId`, signed with the
// token over the request's timestamp and nonce.
HttpRequest encryptedPost(const std::string& innerXml, std::string_view appId = w1::kAppId) {
  WeChatCrypto crypto(std::string(w1::kToken), w1::kKey, std::string(appId));
  const std::string encrypt = crypto.encrypt(innerXml);
  return postToWeChat(
      "<xml><ToUserName><![CDATA[" + std::string(kAccount) + "]]></ToUserName><Encrypt><![CDATA[" +
          encrypt + "]]></Encrypt></xml>",
      {{"encrypt_type", "aes"},
       {"msg_signature", crypto.msgSignature(w1::kTimestamp, w1::kNonce, encrypt)}});
}

// --- URL verification (GET) ----------------------------------------------------------

TEST(WeChatAdapterHandshake, EchoesTheEchostrByteForByte) {
  auto adapter = makeAdapter(plaintextConfig());
  for (std::string echo : {"hello", "5927782489442352469", "a+b/c= \"q\""}) {
    HttpResponse response = adapter.handshake(signedRequest("GET", {}, {{"echostr", echo}}));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, echo);
  }
}

TEST(WeChatAdapterHandshake, OneChangedNonceDigitIsRefused) {
  auto adapter = makeAdapter(plaintextConfig());
  HttpResponse response =
      adapter.handshake(signedRequest("GET", {}, {{"echostr", "hello"}, {"nonce", "1320562133"}}));
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(response.body, "invalid signature");
}

TEST(WeChatAdapterHandshake, AnotherTokensSignatureIsRefused) {
  WeChatConfig config = plaintextConfig();
  config.token = "not-spamtest";
  auto adapter = makeAdapter(config);
  EXPECT_EQ(adapter.handshake(signedRequest("GET", {}, {{"echostr", "hello"}})).status, 401);
}

// Documented choice: hex case carries no information, so the signature is lowercased.
TEST(WeChatAdapterHandshake, UppercaseHexSignatureIsNormalised) {
  auto adapter = makeAdapter(plaintextConfig());
  std::string upper(w1::kSignature);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  HttpResponse response =
      adapter.handshake(signedRequest("GET", {}, {{"echostr", "hello"}, {"signature", upper}}));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "hello");
}

TEST(WeChatAdapterHandshake, AMissingParameterIs400) {
  auto adapter = makeAdapter(plaintextConfig());
  for (const char* name : {"signature", "timestamp", "nonce", "echostr"}) {
    HttpRequest request = signedRequest("GET", {}, {{"echostr", "hello"}});
    request.query.erase(name);
    EXPECT_EQ(adapter.handshake(request).status, 400) << name;
  }
}

// --- plaintext messages --------------------------------------------------------------

TEST(WeChatAdapterReceive, TextMessage) {
  auto batch = makeAdapter(plaintextConfig()).receive(postToWeChat(textXml("路灯不亮了")));
  ASSERT_TRUE(batch.has_value()) << batch.error().message;
  EXPECT_FALSE(batch->encrypted);
  ASSERT_EQ(batch->messages.size(), 1u);
  const InboundMessage& m = batch->messages.front();
  EXPECT_EQ(m.channel, "wechat");
  EXPECT_EQ(m.kind, InboundKind::Text);
  EXPECT_EQ(m.text, "路灯不亮了");
  EXPECT_EQ(m.from, kWeChatCitizen);
  EXPECT_EQ(m.to, kAccount);
  EXPECT_EQ(m.sentAt, 1409735668);
  EXPECT_EQ(m.platformType, "text");
  // 6054768590064713728 > 2^53: a double would have turned it into ...3700 or so.
  EXPECT_EQ(m.platformId, "6054768590064713728");
}

TEST(WeChatAdapterReceive, VoiceCarriesTheRecognitionText) {
  const std::string xml =
      "<xml>" + wechatHeader(kWeChatCitizen, "1409735668", "voice") +
      "<MediaId><![CDATA[media-v1]]></MediaId><Format><![CDATA[amr]]></Format>"
      "<Recognition><![CDATA[我要投诉噪音]]></Recognition><MsgId>1234567890123456</MsgId></xml>";
  InboundMessage m = receiveOne(makeAdapter(plaintextConfig()), postToWeChat(xml));
  EXPECT_EQ(m.kind, InboundKind::Voice);
  EXPECT_EQ(m.text, "我要投诉噪音");
  EXPECT_EQ(m.mediaId, "media-v1");
  EXPECT_EQ(m.platformId, "1234567890123456");
}

TEST(WeChatAdapterReceive, VoiceWithoutRecognitionHasEmptyText) {
  const std::string xml =
      "<xml>" + wechatHeader(kWeChatCitizen, "1409735668", "voice") +
      "<MediaId><![CDATA[media-v2]]></MediaId><Format><![CDATA[speex]]></Format>"
      "<MsgId>1234567890123457</MsgId></xml>";
  InboundMessage m = receiveOne(makeAdapter(plaintextConfig()), postToWeChat(xml));
  EXPECT_EQ(m.kind, InboundKind::Voice);
  EXPECT_EQ(m.text, "");
  EXPECT_EQ(m.mediaId, "media-v2");
}

TEST(WeChatAdapterReceive, ImageKeepsMediaIdAndPicUrl) {
  const std::string xml =
      "<xml>" + wechatHeader(kWeChatCitizen, "1409735668", "image") +
      "<PicUrl><![CDATA[http://mmbiz.qpic.cn/x.jpg]]></PicUrl>"
      "<MediaId><![CDATA[media-i1]]></MediaId><MsgId>1234567890123458</MsgId></xml>";
  InboundMessage m = receiveOne(makeAdapter(plaintextConfig()), postToWeChat(xml));
  EXPECT_EQ(m.kind, InboundKind::Image);
  EXPECT_EQ(m.mediaId, "media-i1");
  EXPECT_EQ(m.mediaUrl, "http://mmbiz.qpic.cn/x.jpg");
  EXPECT_EQ(m.platformType, "image");
}

TEST(WeChatAdapterReceive, LocationIsOtherNamedByItsType) {
  const std::string xml =
      "<xml>" + wechatHeader(kWeChatCitizen, "1409735668", "location") +
      "<Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y>"
      "<Scale>20</Scale><Label><![CDATA[位置信息]]></Label><MsgId>1234567890123459</MsgId></xml>";
  InboundMessage m = receiveOne(makeAdapter(plaintextConfig()), postToWeChat(xml));
  EXPECT_EQ(m.kind, InboundKind::Other);
  EXPECT_EQ(m.platformType, "location");
  EXPECT_EQ(m.platformId, "1234567890123459");
}

TEST(WeChatAdapterReceive, SubscribeEvent) {
  InboundMessage m = receiveOne(makeAdapter(plaintextConfig()),
                                postToWeChat(eventXml("subscribe", "oXYZ", "1409735668",
                                                      "<EventKey><![CDATA[]]></EventKey>")));
  EXPECT_EQ(m.kind, InboundKind::Subscribe);
  EXPECT_EQ(m.platformType, "event/subscribe");
  EXPECT_EQ(m.platformId, "event:oXYZ:1409735668");
  EXPECT_EQ(m.from, "oXYZ");
  EXPECT_EQ(m.sentAt, 1409735668);
}

TEST(WeChatAdapterReceive, UnsubscribeEvent) {
  InboundMessage m =
      receiveOne(makeAdapter(plaintextConfig()), postToWeChat(eventXml("unsubscribe")));
  EXPECT_EQ(m.kind, InboundKind::Unsubscribe);
  EXPECT_EQ(m.platformType, "event/unsubscribe");
}

TEST(WeChatAdapterReceive, MenuClickCarriesTheMenuKey) {
  InboundMessage m =
      receiveOne(makeAdapter(plaintextConfig()),
                 postToWeChat(eventXml("CLICK", kWeChatCitizen, "1409735668",
                                       "<EventKey><![CDATA[MENU_COMPLAIN]]></EventKey>")));
  EXPECT_EQ(m.kind, InboundKind::MenuClick);
  EXPECT_EQ(m.text, "MENU_COMPLAIN");
  EXPECT_EQ(m.platformType, "event/CLICK");
}

TEST(WeChatAdapterReceive, OtherEventsAreOtherNamedByTheEvent) {
  InboundMessage m =
      receiveOne(makeAdapter(plaintextConfig()),
                 postToWeChat(eventXml("VIEW", kWeChatCitizen, "1409735668",
                                       "<EventKey><![CDATA[https://x.gov.cn]]></EventKey>")));
  EXPECT_EQ(m.kind, InboundKind::Other);
  EXPECT_EQ(m.platformType, "event/VIEW");
}

// WeChat's dedupe rule for events (§1.5): FromUserName + CreateTime.
TEST(WeChatAdapterReceive, EventIdsFollowSenderAndCreateTime) {
  auto adapter = makeAdapter(plaintextConfig());
  auto id = [&](const std::string& from, const std::string& time) {
    return receiveOne(adapter, postToWeChat(eventXml("subscribe", from, time))).platformId;
  };
  EXPECT_EQ(id("oA", "1409735668"), id("oA", "1409735668"));
  EXPECT_NE(id("oA", "1409735668"), id("oA", "1409735669"));
  EXPECT_NE(id("oA", "1409735668"), id("oB", "1409735668"));
}

TEST(WeChatAdapterReceive, AcceptsEncryptTypeRaw) {
  InboundMessage m = receiveOne(makeAdapter(plaintextConfig()),
                                postToWeChat(textXml("hi"), {{"encrypt_type", "raw"}}));
  EXPECT_EQ(m.text, "hi");
}

// --- refusals ------------------------------------------------------------------------

TEST(WeChatAdapterRefuse, BodyOneByteOverTheLimitIs413) {
  auto adapter = makeAdapter(plaintextConfig());
  const std::size_t limit = 64 * 1024;
  std::string atLimit = textXml("x");
  atLimit.insert(atLimit.size() - 6, std::string(limit - atLimit.size(), ' '));  // before </xml>
  ASSERT_EQ(atLimit.size(), limit);
  EXPECT_TRUE(adapter.receive(postToWeChat(atLimit)).has_value());
  EXPECT_EQ(refusal(adapter, postToWeChat(atLimit + " ")), 413);
}

TEST(WeChatAdapterRefuse, AMissingSignatureParameterIs400) {
  auto adapter = makeAdapter(plaintextConfig());
  for (const char* name : {"signature", "timestamp", "nonce"}) {
    HttpRequest request = postToWeChat(textXml("hi"));
    request.query.erase(name);
    EXPECT_EQ(refusal(adapter, request), 400) << name;
  }
}

TEST(WeChatAdapterRefuse, BadSignatureIs401BeforeTheBodyIsLookedAt) {
  auto adapter = makeAdapter(plaintextConfig());
  EXPECT_EQ(refusal(adapter, postToWeChat(textXml("hi"), {{"nonce", "1320562133"}})), 401);
  EXPECT_EQ(refusal(adapter, postToWeChat("<!DOCTYPE x><xml/>", {{"nonce", "1320562133"}})), 401);
}

TEST(WeChatAdapterRefuse, UnknownEncryptTypeIs400) {
  EXPECT_EQ(
      refusal(makeAdapter(aesConfig()), postToWeChat(textXml("hi"), {{"encrypt_type", "des"}})),
      400);
}

TEST(WeChatAdapterRefuse, DoctypeAndEntityAre400) {
  auto adapter = makeAdapter(plaintextConfig());
  EXPECT_EQ(refusal(adapter,
                    postToWeChat("<!DOCTYPE xml [<!ENTITY e SYSTEM \"http://169.254.169.254/\">]>" +
                                 textXml("&e;"))),
            400);
  EXPECT_EQ(refusal(adapter, postToWeChat("<!doctype xml>" + textXml("hi"))), 400);
}

TEST(WeChatAdapterRefuse, MalformedXmlIs400) {
  auto adapter = makeAdapter(plaintextConfig());
  EXPECT_EQ(refusal(adapter, postToWeChat("<xml><ToUserName>gh</ToUserName>")), 400);
  EXPECT_EQ(refusal(adapter, postToWeChat("")), 400);
  EXPECT_EQ(refusal(adapter, postToWeChat("{\"MsgType\":\"text\"}")), 400);
}

TEST(WeChatAdapterRefuse, MissingOrMalformedFieldsAre400) {
  auto adapter = makeAdapter(plaintextConfig());
  EXPECT_EQ(
      refusal(adapter, postToWeChat("<xml><FromUserName>o</FromUserName><CreateTime>1</CreateTime>"
                                    "<ToUserName>gh</ToUserName></xml>")),
      400);  // no MsgType
  std::string badTime = textXml("hi");
  badTime.replace(badTime.find("1409735668"), 10, "yesterday!");
  EXPECT_EQ(refusal(adapter, postToWeChat(badTime)), 400);
  EXPECT_EQ(refusal(adapter, postToWeChat(textXml("hi", "6.05e18"))), 400);
}

// --- encrypted mode ------------------------------------------------------------------

TEST(WeChatAdapterEncrypted, W1RequestGivesTheOfficialMessage) {
  const std::string body =
      "<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA[" +
      std::string(w1::kEncrypt) + "]]></Encrypt></xml>";
  HttpRequest request = postToWeChat(
      body, {{"encrypt_type", "aes"}, {"msg_signature", std::string(w1::kMsgSignature)}});
  auto batch = makeAdapter(aesConfig()).receive(request);
  ASSERT_TRUE(batch.has_value()) << batch.error().message;
  EXPECT_TRUE(batch->encrypted);
  ASSERT_EQ(batch->messages.size(), 1u);
  const InboundMessage& m = batch->messages.front();
  EXPECT_EQ(m.kind, InboundKind::Text);
  EXPECT_EQ(m.text, "abcdteT");
  EXPECT_EQ(m.platformId, "6054768590064713728");
  EXPECT_EQ(m.from, kWeChatCitizen);
  EXPECT_EQ(m.to, kAccount);
  EXPECT_EQ(m.sentAt, 1409735668);
}

TEST(WeChatAdapterEncrypted, SecureModeRefusesPlaintextButTakesEncrypted) {
  WeChatConfig config = aesConfig();
  config.requireEncryption = true;
  auto adapter = makeAdapter(config);
  // A plaintext body is not signed; in secure mode it is refused even with a valid query.
  EXPECT_EQ(refusal(adapter, postToWeChat(textXml("路灯不亮了"))), 401);
  EXPECT_EQ(receiveOne(adapter, encryptedPost(textXml("路灯不亮了"))).text, "路灯不亮了");
  // Compatible mode (the default) takes both.
  EXPECT_EQ(receiveOne(makeAdapter(aesConfig()), postToWeChat(textXml("路灯不亮了"))).text,
            "路灯不亮了");
}

TEST(WeChatAdapterEncrypted, SecureModeWithoutAKeyIsAConfigurationError) {
  WeChatConfig config = plaintextConfig();
  config.requireEncryption = true;
  EXPECT_THROW(makeAdapter(config), std::invalid_argument);
}

TEST(WeChatAdapterEncrypted, W1SealedForAnotherAppIdIs401) {
  const std::string body =
      "<xml><Encrypt><![CDATA[" + std::string(w1::kEncrypt) + "]]></Encrypt></xml>";
  HttpRequest request = postToWeChat(
      body, {{"encrypt_type", "aes"}, {"msg_signature", std::string(w1::kMsgSignature)}});
  EXPECT_EQ(refusal(makeAdapter(aesConfig("wx0000000000000000")), request), 401);
}

TEST(WeChatAdapterEncrypted, WrongMsgSignatureIs401) {
  HttpRequest request = encryptedPost(textXml("hi"));
  std::string& signature = request.query["msg_signature"];
  signature[0] = signature[0] == 'a' ? 'b' : 'a';
  EXPECT_EQ(refusal(makeAdapter(aesConfig()), request), 401);
}

TEST(WeChatAdapterEncrypted, MissingMsgSignatureOrEncryptIs400) {
  auto adapter = makeAdapter(aesConfig());
  HttpRequest noSignature = encryptedPost(textXml("hi"));
  noSignature.query.erase("msg_signature");
  EXPECT_EQ(refusal(adapter, noSignature), 400);
  EXPECT_EQ(
      refusal(adapter, postToWeChat(textXml("hi"), {{"encrypt_type", "aes"},
                                                    {"msg_signature", std::string(40, 'a')}})),
      400);
}

TEST(WeChatAdapterEncrypted, EncryptedRequestWithoutAKeyConfiguredIs400) {
  EXPECT_EQ(refusal(makeAdapter(plaintextConfig()), encryptedPost(textXml("hi"))), 400);
}

TEST(WeChatAdapterEncrypted, SignedGarbageCiphertextIs400) {
  WeChatCrypto crypto(std::string(w1::kToken), w1::kKey, std::string(w1::kAppId));
  const std::string garbage = std::string(w1::kEncrypt).substr(0, 64);  // valid base64, bad pad
  HttpRequest request =
      postToWeChat("<xml><Encrypt><![CDATA[" + garbage + "]]></Encrypt></xml>",
                   {{"encrypt_type", "aes"},
                    {"msg_signature", crypto.msgSignature(w1::kTimestamp, w1::kNonce, garbage)}});
  EXPECT_EQ(refusal(makeAdapter(aesConfig()), request), 400);
}

TEST(WeChatAdapterEncrypted, DoctypeInsideTheCiphertextIs400) {
  EXPECT_EQ(refusal(makeAdapter(aesConfig()),
                    encryptedPost("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" +
                                  textXml("&e;"))),
            400);
}

// Compatible mode (兼容): with a key configured, WeChat may still send plaintext.
TEST(WeChatAdapterEncrypted, PlaintextIsStillAcceptedWhenAKeyIsConfigured) {
  auto adapter = makeAdapter(aesConfig());
  auto batch = adapter.receive(postToWeChat(textXml("明文")));
  ASSERT_TRUE(batch.has_value()) << batch.error().message;
  EXPECT_FALSE(batch->encrypted);
  HttpResponse response = adapter.render(postToWeChat(textXml("明文")), *batch, {Reply{"收到"}});
  EXPECT_EQ(readBack(response.body, "Content"), "收到");  // answered in plaintext too
}

TEST(WeChatAdapterEncrypted, RoundTripReplyIsSealedForTheCitizen) {
  auto adapter = makeAdapter(aesConfig());
  HttpRequest request = encryptedPost(textXml("井盖丢了"));
  auto batch = adapter.receive(request);
  ASSERT_TRUE(batch.has_value()) << batch.error().message;
  ASSERT_TRUE(batch->encrypted);
  EXPECT_EQ(batch->messages.front().text, "井盖丢了");

  HttpResponse response =
      adapter.render(request, *batch, {Reply{"已受理，编号 A-17"}, Reply{"回复 1 查看进度"}});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.contentType, "application/xml; charset=utf-8");

  const std::string encrypt = readBack(response.body, "Encrypt");
  const std::string timestamp = readBack(response.body, "TimeStamp");
  const std::string nonce = readBack(response.body, "Nonce");
  EXPECT_EQ(timestamp, w1::kTimestamp);  // echoed from the request
  EXPECT_EQ(nonce, w1::kNonce);
  WeChatCrypto crypto(std::string(w1::kToken), w1::kKey, std::string(w1::kAppId));
  EXPECT_EQ(readBack(response.body, "MsgSignature"),
            crypto.msgSignature(timestamp, nonce, encrypt));

  auto inner = crypto.decrypt(encrypt);
  ASSERT_TRUE(inner.has_value()) << inner.error().message;
  EXPECT_EQ(readBack(*inner, "ToUserName"), kWeChatCitizen);
  EXPECT_EQ(readBack(*inner, "FromUserName"), kAccount);
  EXPECT_EQ(readBack(*inner, "CreateTime"), "1700000000");  // seconds: 10 digits, not 13
  EXPECT_EQ(readBack(*inner, "MsgType"), "text");
  EXPECT_EQ(readBack(*inner, "Content"), "已受理，编号 A-17\n\n回复 1 查看进度");
}

TEST(WeChatAdapterEncrypted, FreshTimestampAndNonceWhenTheRequestHasNone) {
  auto adapter = makeAdapter(aesConfig());
  HttpRequest request = encryptedPost(textXml("hi"));
  auto batch = adapter.receive(request);
  ASSERT_TRUE(batch.has_value());
  request.query.erase("timestamp");
  request.query.erase("nonce");
  HttpResponse response = adapter.render(request, *batch, {Reply{"ok"}});
  EXPECT_EQ(readBack(response.body, "TimeStamp"), "1700000000");
  const std::string nonce = readBack(response.body, "Nonce");
  EXPECT_FALSE(nonce.empty());
  WeChatCrypto crypto(std::string(w1::kToken), w1::kKey, std::string(w1::kAppId));
  EXPECT_EQ(readBack(response.body, "MsgSignature"),
            crypto.msgSignature("1700000000", nonce, readBack(response.body, "Encrypt")));
}

// --- passive reply -------------------------------------------------------------------

TEST(WeChatAdapterRender, RepliesJoinIntoOneTextToTheSender) {
  auto adapter = makeAdapter(plaintextConfig());
  HttpRequest request = postToWeChat(textXml("hi"));
  auto batch = adapter.receive(request);
  ASSERT_TRUE(batch.has_value());
  HttpResponse response = adapter.render(request, *batch, {Reply{"one"}, Reply{""}, Reply{"two"}});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.contentType, "application/xml; charset=utf-8");
  EXPECT_EQ(readBack(response.body, "ToUserName"), kWeChatCitizen);
  EXPECT_EQ(readBack(response.body, "FromUserName"), kAccount);
  EXPECT_EQ(readBack(response.body, "CreateTime"), "1700000000");
  EXPECT_EQ(readBack(response.body, "MsgType"), "text");
  EXPECT_EQ(readBack(response.body, "Content"), "one\n\ntwo");
}

TEST(WeChatAdapterRender, ContentWithCdataTerminatorReadsBackIntact) {
  auto adapter = makeAdapter(plaintextConfig());
  HttpRequest request = postToWeChat(textXml("hi"));
  auto batch = adapter.receive(request);
  ASSERT_TRUE(batch.has_value());
  const std::string tricky = "see <![CDATA[x]]> and ]]> twice]]>";
  HttpResponse response = adapter.render(request, *batch, {Reply{tricky}});
  EXPECT_EQ(readBack(response.body, "Content"), tricky);
}

TEST(WeChatAdapterRender, NothingToSayIsSuccess) {
  auto adapter = makeAdapter(plaintextConfig());
  HttpRequest request = postToWeChat(textXml("hi"));
  auto batch = adapter.receive(request);
  ASSERT_TRUE(batch.has_value());
  for (const std::vector<Reply>& replies : {std::vector<Reply>{}, std::vector<Reply>{Reply{""}}}) {
    HttpResponse response = adapter.render(request, *batch, replies);
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "success");
    EXPECT_EQ(response.contentType, "text/plain; charset=utf-8");
  }
}

TEST(WeChatAdapterRender, UnsubscribeGetsSuccessEvenWithReplies) {
  auto adapter = makeAdapter(plaintextConfig());
  HttpRequest request = postToWeChat(eventXml("unsubscribe"));
  auto batch = adapter.receive(request);
  ASSERT_TRUE(batch.has_value());
  EXPECT_EQ(adapter.render(request, *batch, {Reply{"再见"}}).body, "success");
}

TEST(WeChatAdapterRender, AcknowledgeIsSuccess) {
  HttpResponse response = makeAdapter(plaintextConfig()).acknowledge(postToWeChat(textXml("hi")));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "success");
}

// --- freshness and replays (maxClockSkewSeconds) -------------------------------------

// The W1 request's timestamp, as our clock would see it when the request is fresh.
constexpr std::int64_t kW1Time = 1409735669;

WeChatConfig guardedConfig() {
  WeChatConfig config = plaintextConfig();
  config.maxClockSkewSeconds = 300;
  return config;
}

WeChatAdapter adapterAt(std::int64_t now, WeChatConfig config = guardedConfig()) {
  return WeChatAdapter(std::move(config), [now] { return now; });
}

int status(const WeChatAdapter& adapter, const HttpRequest& request) {
  auto batch = adapter.receive(request);
  return batch ? 200 : batch.error().status;
}

// A plaintext callback signed with our own token over `timestamp` and `nonce`.
HttpRequest signedAt(std::int64_t timestamp, const std::string& nonce, std::string body) {
  HttpRequest request = postToWeChat(std::move(body));
  request.query["timestamp"] = std::to_string(timestamp);
  request.query["nonce"] = nonce;
  request.query["signature"] =
      sortedSha1({w1::kToken, request.query["timestamp"], request.query["nonce"]});
  return request;
}

TEST(WeChatAdapterFreshness, DefaultIsFiveMinutes) {
  EXPECT_EQ(WeChatConfig{}.maxClockSkewSeconds, 300);
}

TEST(WeChatAdapterFreshness, TimestampWithinTheWindowIsAccepted) {
  EXPECT_EQ(status(adapterAt(kW1Time + 300), postToWeChat(textXml("hi"))), 200);
  EXPECT_EQ(status(adapterAt(kW1Time - 300), postToWeChat(textXml("hi"))), 200);
}

TEST(WeChatAdapterFreshness, StaleOrFutureTimestampIsRefused) {
  // The published W1 request, correctly signed, replayed six minutes later (or early).
  auto late = adapterAt(kW1Time + 301).receive(postToWeChat(textXml("hi")));
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().status, 401);
  EXPECT_NE(late.error().message.find("timestamp"), std::string::npos);
  EXPECT_EQ(status(adapterAt(kW1Time - 301), postToWeChat(textXml("hi"))), 401);
  // Encrypted callbacks are held to the same window.
  WeChatConfig sealed = aesConfig();
  sealed.maxClockSkewSeconds = 300;
  EXPECT_EQ(status(adapterAt(kW1Time, sealed), encryptedPost(textXml("hi"))), 200);
  EXPECT_EQ(status(adapterAt(kW1Time + 3600, sealed), encryptedPost(textXml("hi"))), 401);
}

TEST(WeChatAdapterFreshness, BadSignatureIsRefusedBeforeTheClockIsConsulted) {
  HttpRequest forged = signedAt(kW1Time + 7200, "1", textXml("hi"));
  forged.query["signature"] = std::string(40, '0');
  auto refused = adapterAt(kW1Time).receive(forged);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().message, "invalid signature");
  HttpRequest wordy = signedAt(kW1Time, "1", textXml("hi"));
  wordy.query["timestamp"] = "soon";
  wordy.query["signature"] = sortedSha1({w1::kToken, "soon", "1"});
  EXPECT_EQ(status(adapterAt(kW1Time), wordy), 400);
}

TEST(WeChatAdapterFreshness, CapturedQueryWithAnotherBodyIsRefused) {
  auto adapter = adapterAt(kW1Time);
  EXPECT_EQ(status(adapter, signedAt(kW1Time, "777", textXml("路灯不亮了", "1001"))), 200);
  auto forged = adapter.receive(signedAt(kW1Time, "777", textXml("冒名投诉", "1002")));
  ASSERT_FALSE(forged.has_value());
  EXPECT_EQ(forged.error().status, 403);
  // A fresh nonce is a new request, whatever the body.
  EXPECT_EQ(status(adapter, signedAt(kW1Time, "778", textXml("冒名投诉", "1002"))), 200);
}

TEST(WeChatAdapterFreshness, WeChatRetryOfTheSameRequestIsAccepted) {
  auto adapter = adapterAt(kW1Time);
  const HttpRequest request = signedAt(kW1Time, "777", textXml("路灯不亮了", "1001"));
  EXPECT_EQ(status(adapter, request), 200);
  EXPECT_EQ(status(adapter, request), 200);  // same MsgId: the dispatcher deduplicates it
}

TEST(WeChatAdapterFreshness, ARefusedRequestIsNotRemembered) {
  auto adapter = adapterAt(kW1Time);
  EXPECT_EQ(status(adapter, signedAt(kW1Time, "777", "<xml><broken")), 400);
  EXPECT_EQ(status(adapter, signedAt(kW1Time, "777", textXml("路灯不亮了"))), 200);
}

TEST(WeChatAdapterFreshness, ZeroTurnsTheCheckOff) {
  auto adapter = adapterAt(kW1Time + 86400 * 365, plaintextConfig());
  EXPECT_EQ(status(adapter, signedAt(kW1Time, "777", textXml("a", "1"))), 200);
  EXPECT_EQ(status(adapter, signedAt(kW1Time, "777", textXml("b", "2"))), 200);
  WeChatConfig negative = plaintextConfig();
  negative.maxClockSkewSeconds = -1;
  EXPECT_THROW(adapterAt(kW1Time, negative), std::invalid_argument);
}

// --- configuration -------------------------------------------------------------------

TEST(WeChatAdapterConfig, RefusesABadKeyAnEmptyTokenOrAKeyWithoutAppId) {
  WeChatConfig badKey = aesConfig();
  badKey.encodingAesKey = "tooshort";
  EXPECT_THROW(makeAdapter(badKey), std::invalid_argument);
  WeChatConfig noToken = plaintextConfig();
  noToken.token.clear();
  EXPECT_THROW(makeAdapter(noToken), std::invalid_argument);
  EXPECT_THROW(makeAdapter(aesConfig("")), std::invalid_argument);
  EXPECT_EQ(makeAdapter(plaintextConfig()).name(), "wechat");
}

}  // namespace
}  // namespace civicdesk::channels
