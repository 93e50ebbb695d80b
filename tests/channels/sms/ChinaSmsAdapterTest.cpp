// Aliyun SmsUp and Tencent reply pushes: the path token and allow-list, the JSON shapes,
// all-or-nothing refusals, and the fixed acknowledgements. Plus the number and time formats.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "channels/Signature.hpp"
#include "channels/sms/AliyunSmsAdapter.hpp"
#include "channels/sms/ChinaSmsPush.hpp"
#include "channels/sms/TencentSmsAdapter.hpp"

namespace civicdesk::channels {
namespace {

constexpr const char* kPushToken = "0123456789abcdef0123456789abcdef";

ChinaSmsPushConfig config(std::vector<std::string> allowed = {}) {
  ChinaSmsPushConfig c;
  c.pathToken = kPushToken;
  c.allowedAddresses = std::move(allowed);
  return c;
}

HttpRequest push(std::string body, std::string token = kPushToken) {
  HttpRequest request;
  request.method = "POST";
  request.path = "/sms/aliyun/" + token;
  request.target = request.path;
  request.pathParams = {std::move(token)};
  request.remoteAddress = "47.96.1.2";
  request.headers["content-type"] = "application/json;charset=utf-8";
  request.body = std::move(body);
  return request;
}

const std::string kAliyunOne =
    R"([{"phone_number":"13800138000","content":"投诉","send_time":"2026-03-01 08:30:00",)"
    R"("dest_code":"1234","sequence_id":1234567890123,"sign_name":"青溪区政务"}])";

TEST(AliyunSmsAdapter, OneItemParsed) {
  AliyunSmsAdapter adapter(config());
  EXPECT_EQ(adapter.name(), "sms");
  EXPECT_FALSE(adapter.repliesInAnswer());
  auto batch = adapter.receive(push(kAliyunOne));
  ASSERT_TRUE(batch) << batch.error().message;
  ASSERT_EQ(batch->messages.size(), 1u);
  const InboundMessage& m = batch->messages[0];
  EXPECT_EQ(m.channel, "sms");
  EXPECT_EQ(m.platformId, "aliyun:1234567890123:13800138000");
  EXPECT_EQ(m.from, "+8613800138000");
  EXPECT_EQ(m.to, "1234");
  EXPECT_EQ(m.kind, InboundKind::Text);
  EXPECT_EQ(m.text, "投诉");
  EXPECT_EQ(m.sentAt, 1772325000);  // 2026-03-01T00:30:00Z
  EXPECT_EQ(m.platformType, "aliyun-smsup");
}

TEST(AliyunSmsAdapter, StringSequenceIdAndPrefixedNumbers) {
  const std::string body =
      R"([{"phone_number":"+8613800138000","content":"a","send_time":"2026-03-01 08:30:00",)"
      R"("sequence_id":"987"},)"
      R"({"phone_number":"008613900139000","content":"b","send_time":"2026-03-01 08:30:01",)"
      R"("sequence_id":988},)"
      R"({"phone_number":"8613700137000","content":"c","send_time":"2026-03-01 08:30:02",)"
      R"("sequence_id":989}])";
  auto batch = AliyunSmsAdapter(config()).receive(push(body));
  ASSERT_TRUE(batch) << batch.error().message;
  ASSERT_EQ(batch->messages.size(), 3u);
  EXPECT_EQ(batch->messages[0].platformId, "aliyun:987:+8613800138000");
  EXPECT_EQ(batch->messages[0].from, "+8613800138000");
  EXPECT_EQ(batch->messages[1].from, "+8613900139000");
  EXPECT_EQ(batch->messages[2].from, "+8613700137000");
  EXPECT_TRUE(batch->messages[0].to.empty());
}

TEST(AliyunSmsAdapter, OneBadItemRefusesThePush) {
  const std::string body =
      R"([{"phone_number":"13800138000","content":"a","send_time":"2026-03-01 08:30:00",)"
      R"("sequence_id":1},)"
      R"({"phone_number":"13800138000","content":"b","send_time":"2026-03-01 8:30",)"
      R"("sequence_id":2}])";
  auto batch = AliyunSmsAdapter(config()).receive(push(body));
  ASSERT_FALSE(batch);
  EXPECT_EQ(batch.error().status, 400);
  EXPECT_EQ(batch.error().message, "item 1: send_time: not yyyy-MM-dd HH:mm:ss: 2026-03-01 8:30");
}

TEST(AliyunSmsAdapter, MalformedBodiesAre400) {
  AliyunSmsAdapter adapter(config());
  EXPECT_EQ(adapter.receive(push("[{")).error().message, "body is not JSON");
  EXPECT_EQ(adapter.receive(push("{}")).error().message, "body is not a JSON array");
  EXPECT_EQ(adapter.receive(push("[1]")).error().message, "item 0: is not an object");
  EXPECT_EQ(adapter
                .receive(push(R"([{"phone_number":"13800138000","content":"a",)"
                              R"("send_time":"2026-03-01 08:30:00"}])"))
                .error()
                .message,
            "item 0: sequence_id missing");
  EXPECT_EQ(adapter
                .receive(push(R"([{"phone_number":"138-abc","content":"a",)"
                              R"("send_time":"2026-03-01 08:30:00","sequence_id":1}])"))
                .error()
                .message,
            "item 0: phone_number: not a phone number: 138-abc");
  EXPECT_EQ(adapter
                .receive(push(R"([{"phone_number":"13800138000","content":7,)"
                              R"("send_time":"2026-03-01 08:30:00","sequence_id":1}])"))
                .error()
                .message,
            "item 0: content is not a string");
}

TEST(AliyunSmsAdapter, EmptyArrayIsNoMessages) {
  auto batch = AliyunSmsAdapter(config()).receive(push("[]"));
  ASSERT_TRUE(batch);
  EXPECT_TRUE(batch->messages.empty());
}

TEST(AliyunSmsAdapter, WrongTokenIs404) {
  AliyunSmsAdapter adapter(config());
  for (const std::string& token : {std::string("wrong"), std::string(kPushToken) + "x",
                                   std::string(kPushToken).substr(0, 31), std::string()}) {
    auto batch = adapter.receive(push(kAliyunOne, token));
    ASSERT_FALSE(batch) << token;
    EXPECT_EQ(batch.error().status, 404) << token;
    EXPECT_EQ(batch.error().message, "not found");
  }
  HttpRequest noParams = push(kAliyunOne);
  noParams.pathParams.clear();
  EXPECT_EQ(adapter.receive(noParams).error().status, 404);
  EXPECT_EQ(adapter.handshake(noParams).status, 404);
}

TEST(AliyunSmsAdapter, AllowList) {
  AliyunSmsAdapter adapter(config({"47.96.0.0/16", "106.11.1.1", "2408:4000::/32"}));
  EXPECT_TRUE(adapter.receive(push(kAliyunOne)));
  HttpRequest request = push(kAliyunOne);
  request.remoteAddress = "106.11.1.1";
  EXPECT_TRUE(adapter.receive(request));
  request.remoteAddress = "2408:4000:1::5";
  EXPECT_TRUE(adapter.receive(request));
  for (const char* outsider : {"47.97.0.1", "106.11.1.2", "2409::1", "", "not-an-ip"}) {
    request.remoteAddress = outsider;
    auto batch = adapter.receive(request);
    ASSERT_FALSE(batch) << outsider;
    EXPECT_EQ(batch.error().status, 403) << outsider;
  }
  // The token is checked first: an outsider with a wrong token learns nothing more.
  request = push(kAliyunOne, "wrong");
  request.remoteAddress = "8.8.8.8";
  EXPECT_EQ(adapter.receive(request).error().status, 404);
}

TEST(AliyunSmsAdapter, MethodAndSize) {
  ChinaSmsPushConfig small = config();
  small.maxBodyBytes = 50;
  EXPECT_EQ(AliyunSmsAdapter(small).receive(push(kAliyunOne)).error().status, 413);
  HttpRequest get = push(kAliyunOne);
  get.method = "GET";
  EXPECT_EQ(AliyunSmsAdapter(config()).receive(get).error().status, 405);
}

TEST(AliyunSmsAdapter, RenderAndAcknowledgeAreTheAck) {
  AliyunSmsAdapter adapter(config());
  const HttpRequest request = push(kAliyunOne);
  for (const HttpResponse& response :
       {adapter.acknowledge(request),
        adapter.render(request, InboundBatch{}, {Reply{"ignored"}})}) {
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.contentType, "application/json");
    EXPECT_EQ(response.body, R"({"code":0,"msg":"接收成功"})");
  }
}

TEST(AliyunSmsAdapter, BadConfigurationThrows) {
  EXPECT_THROW(AliyunSmsAdapter{ChinaSmsPushConfig{}}, std::invalid_argument);
  EXPECT_THROW(AliyunSmsAdapter{config({"47.96.0.0/33"})}, std::invalid_argument);
  EXPECT_THROW(TencentSmsAdapter{config({"example.com"})}, std::invalid_argument);
}

const std::string kTencentReply =
    R"({"extend":"","mobile":"13800138000","nationcode":"86","sign":"青溪区政务",)"
    R"("text":"我要投诉","time":1772325000})";

TEST(TencentSmsAdapter, ReplyParsed) {
  TencentSmsAdapter adapter(config());
  EXPECT_EQ(adapter.name(), "sms");
  EXPECT_FALSE(adapter.repliesInAnswer());
  auto batch = adapter.receive(push(kTencentReply));
  ASSERT_TRUE(batch) << batch.error().message;
  ASSERT_EQ(batch->messages.size(), 1u);
  const InboundMessage& m = batch->messages[0];
  EXPECT_EQ(m.channel, "sms");
  EXPECT_EQ(m.from, "+8613800138000");
  EXPECT_EQ(m.platformId,
            "tencent:8613800138000:1772325000:" + sha256Hex("我要投诉").substr(0, 16));
  EXPECT_EQ(m.sentAt, 1772325000);
  EXPECT_EQ(m.text, "我要投诉");
  EXPECT_EQ(m.kind, InboundKind::Text);
  EXPECT_EQ(m.platformType, "tencent-reply");
}

TEST(TencentSmsAdapter, StringTimeAndNumericNationcodeAccepted) {
  auto batch = TencentSmsAdapter(config()).receive(
      push(R"({"mobile":"13800138000","nationcode":86,"text":"a","time":"1772325000"})"));
  ASSERT_TRUE(batch) << batch.error().message;
  EXPECT_EQ(batch->messages[0].from, "+8613800138000");
  EXPECT_EQ(batch->messages[0].sentAt, 1772325000);
}

TEST(TencentSmsAdapter, MalformedBodiesAre400) {
  TencentSmsAdapter adapter(config());
  EXPECT_EQ(adapter.receive(push("[]")).error().message, "body is not a JSON object");
  EXPECT_EQ(adapter.receive(push("{")).error().message, "body is not JSON");
  EXPECT_EQ(adapter.receive(push(R"({"nationcode":"86","text":"a","time":1})")).error().message,
            "mobile missing");
  EXPECT_EQ(adapter.receive(push(R"({"mobile":"13800138000","nationcode":"86","text":"a"})"))
                .error()
                .message,
            "time missing");
  EXPECT_EQ(adapter.receive(push(R"({"mobile":"138 0013","nationcode":"86","text":"a","time":1})"))
                .error()
                .status,
            400);
  EXPECT_EQ(
      adapter.receive(push(R"({"mobile":"13800138000","nationcode":"86","text":"a","time":-5})"))
          .error()
          .message,
      "time is not a non-negative integer");
}

TEST(TencentSmsAdapter, AckIsFixed) {
  TencentSmsAdapter adapter(config());
  const HttpRequest request = push(kTencentReply);
  for (const HttpResponse& response :
       {adapter.acknowledge(request), adapter.render(request, InboundBatch{}, {Reply{"x"}})}) {
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.contentType, "application/json");
    EXPECT_EQ(response.body, R"({"result":0,"errmsg":"OK"})");
  }
  EXPECT_EQ(adapter.receive(push(kTencentReply, "nope")).error().status, 404);
}

TEST(ChinaSmsPush, E164Normalisation) {
  EXPECT_EQ(*chinaE164("13800138000"), "+8613800138000");
  EXPECT_EQ(*chinaE164("+86 138-0013-8000"), "+8613800138000");
  EXPECT_EQ(*chinaE164("008613800138000"), "+8613800138000");
  EXPECT_EQ(*chinaE164("8613800138000"), "+8613800138000");
  EXPECT_EQ(*chinaE164("106900001234"), "+86106900001234");  // a service number stays whole
  EXPECT_FALSE(chinaE164("+14155550100"));
  EXPECT_FALSE(chinaE164(""));
  EXPECT_FALSE(chinaE164("1380013800a"));
}

TEST(ChinaSmsPush, ShanghaiTime) {
  EXPECT_EQ(*shanghaiTimeToUnix("1970-01-01 08:00:00"), 0);
  EXPECT_EQ(*shanghaiTimeToUnix("2026-03-01 08:30:00"), 1772325000);
  EXPECT_EQ(*shanghaiTimeToUnix("2024-02-29 23:59:59"), 1709222399);
  EXPECT_FALSE(shanghaiTimeToUnix("2026-02-29 00:00:00"));
  EXPECT_FALSE(shanghaiTimeToUnix("2026-13-01 00:00:00"));
  EXPECT_FALSE(shanghaiTimeToUnix("2026-03-01T08:30:00"));
  EXPECT_FALSE(shanghaiTimeToUnix("2026-03-01 24:00:00"));
}

}  // namespace
}  // namespace civicdesk::channels
