// POST /email/mime: the bearer token, the InboundMessage mapping and the envelope recipient.
#include "channels/email/MimeAdapter.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "channels/Signature.hpp"

namespace civicdesk::channels {
namespace {

constexpr const char* kMimeToken = "s3cret-pipe-token";

MimeAdapter makeMimeAdapter() {
  return MimeAdapter(MimeInboundConfig{kMimeToken, {}});
}

HttpRequest postToMime(std::string body,
                       std::string authorization = std::string("Bearer ") + kMimeToken) {
  HttpRequest request;
  request.method = "POST";
  request.path = "/email/mime";
  request.headers["content-type"] = "message/rfc822";
  if (!authorization.empty()) request.headers["authorization"] = std::move(authorization);
  request.body = std::move(body);
  return request;
}

const std::string kMessage =
    "Return-Path: <zs@qq.com>\n"
    "X-Original-To: xinxi+TS-2026-000123@qingxi.gov.cn\n"
    "Delivered-To: xinxi@qingxi.gov.cn\n"
    "From: =?GB2312?B?1cXI/Q==?= <ZS@qq.com>\n"
    "To: xinxi@qingxi.gov.cn\n"
    "Subject: =?UTF-8?B?5YWz5LqO6Lev54Gv5o2f5Z2P55qE5oqV6K+J?=\n"
    "Date: Tue, 2 Jan 2024 10:00:00 +0800\n"
    "Message-ID: <mime-1@qq.com>\n"
    "References: <case-TS-2026-000123.1.k3j2@desk.example>\n"
    "Content-Type: text/plain; charset=utf-8\n\n"
    "还是没修。\n\n> 已受理\n";

TEST(MimeAdapter, RawMessageBecomesOneInboundMessage) {
  Expected<InboundBatch, ChannelError> batch = makeMimeAdapter().receive(postToMime(kMessage));
  ASSERT_TRUE(batch) << batch.error().message;
  const InboundMessage& message = batch->messages.at(0);
  EXPECT_EQ(message.channel, "email");
  EXPECT_EQ(message.platformId, "mime-1@qq.com");
  EXPECT_EQ(message.from, "zs@qq.com");
  EXPECT_EQ(message.senderName, "张三");
  EXPECT_EQ(message.recipient, "xinxi+ts-2026-000123@qingxi.gov.cn");  // X-Original-To
  EXPECT_EQ(message.to, message.recipient);
  EXPECT_EQ(message.subject, "关于路灯损坏的投诉");
  EXPECT_EQ(message.text, "还是没修。");
  EXPECT_EQ(message.threadIds,
            (std::vector<std::string>{"case-TS-2026-000123.1.k3j2@desk.example"}));
  EXPECT_EQ(message.sentAt, 1704160800);
}

TEST(MimeAdapter, RecipientFallsBackToDeliveredToThenTo) {
  std::string delivered = kMessage;
  delivered.erase(delivered.find("X-Original-To"),
                  delivered.find("Delivered-To") - delivered.find("X-Original-To"));
  EXPECT_EQ(makeMimeAdapter().receive(postToMime(delivered))->messages.at(0).recipient,
            "xinxi@qingxi.gov.cn");
  const std::string bare = "From: a@x.cn\nTo: B <Desk+TS-1@x.cn>, c@x.cn\n\nhi\n";
  EXPECT_EQ(makeMimeAdapter().receive(postToMime(bare))->messages.at(0).recipient,
            "desk+ts-1@x.cn");
}

TEST(MimeAdapter, WithoutMessageIdThePlatformIdIsTheHash) {
  const std::string raw = "From: a@x.cn\n\nhi\n";
  EXPECT_EQ(makeMimeAdapter().receive(postToMime(raw))->messages.at(0).platformId,
            "mime:" + sha256Hex(raw));
}

TEST(MimeAdapter, TokenChecked) {
  const MimeAdapter adapter = makeMimeAdapter();
  EXPECT_EQ(adapter.receive(postToMime(kMessage, "")).error().status, 401);
  EXPECT_EQ(adapter.receive(postToMime(kMessage, "Bearer wrong")).error().status, 401);
  EXPECT_EQ(
      adapter.receive(postToMime(kMessage, std::string("Basic ") + kMimeToken)).error().status,
      401);
  EXPECT_EQ(adapter.receive(postToMime(kMessage, std::string("Bearer ") + kMimeToken + "x"))
                .error()
                .status,
            401);
  EXPECT_TRUE(adapter.receive(postToMime(kMessage, std::string("bearer ") + kMimeToken)));
  EXPECT_THROW(MimeAdapter(MimeInboundConfig{}), std::invalid_argument);
}

TEST(MimeAdapter, OtherRefusalsAndAnswers) {
  const MimeAdapter adapter = makeMimeAdapter();
  HttpRequest get = postToMime(kMessage);
  get.method = "GET";
  EXPECT_EQ(adapter.receive(get).error().status, 405);
  EXPECT_EQ(adapter.receive(postToMime("")).error().status, 400);
  EXPECT_EQ(adapter.receive(postToMime("Subject: no sender\n\nhi\n")).error().status, 400);
  MimeInboundConfig tight{kMimeToken, {}};
  tight.limits.maxMessageBytes = 10;
  EXPECT_EQ(MimeAdapter(tight).receive(postToMime(kMessage)).error().status, 413);

  EXPECT_EQ(adapter.name(), "email");
  EXPECT_FALSE(adapter.repliesInAnswer());
  EXPECT_EQ(adapter.acknowledge(get).body, R"({"status":"ok"})");
  EXPECT_EQ(adapter.acknowledge(get).contentType, "application/json");
  EXPECT_EQ(adapter.render(get, InboundBatch{}, {}).status, 200);
  EXPECT_EQ(adapter.handshake(get).status, 405);
}

}  // namespace
}  // namespace civicdesk::channels
