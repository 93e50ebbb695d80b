// The Mailgun route end to end on plain values: urlencoded and multipart/form-data posts, the
// body-mime variant, and every refusal with the status Mailgun acts on.
#include "channels/email/MailgunAdapter.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "channels/FormBody.hpp"
#include "channels/Signature.hpp"

namespace civicdesk::channels {
namespace {

constexpr const char* kKey = "test-signing-key";
constexpr std::int64_t kMailgunNow = 1700000000;

MailgunAdapter makeAdapter(MailgunConfig config = {}) {
  if (config.signingKey.empty()) config.signingKey = kKey;
  return MailgunAdapter(std::move(config), [] { return kMailgunNow; });
}

// timestamp, token and their signature with our key.
FormFields signature(std::string token, std::int64_t timestamp = kMailgunNow) {
  const std::string ts = std::to_string(timestamp);
  return {{"timestamp", ts}, {"token", token}, {"signature", toHex(hmacSha256(kKey, ts + token))}};
}

HttpRequest postToMailgun(std::string contentType, std::string body) {
  HttpRequest request;
  request.method = "POST";
  request.path = "/email/mailgun";
  request.headers["content-type"] = std::move(contentType);
  request.body = std::move(body);
  return request;
}

HttpRequest urlencoded(FormFields fields) {
  return postToMailgun("application/x-www-form-urlencoded", encodeFormBody(fields));
}

FormFields replyFields(std::string token) {
  FormFields fields = {
      {"recipient", "xinxi+TS-2026-000123@qingxi.gov.cn"},
      {"sender", "bounce-zs@qq.com"},
      {"from", "张三 <ZhangSan@QQ.com>"},
      {"subject", "回复：关于路灯损坏的投诉"},
      {"body-plain", "还没修。\n\n在 2024年1月2日，信息公开 写道：\n> 已受理\n"},
      {"stripped-text", "还没修。"},
      {"Message-Id", "<reply-1@qq.com>"},
      {"In-Reply-To", "<case-TS-2026-000123.1.k3j2@desk.example>"},
      {"References", "<first@desk.example> <case-TS-2026-000123.1.k3j2@desk.example>"},
  };
  for (auto& field : signature(std::move(token))) fields.push_back(field);
  return fields;
}

TEST(MailgunAdapter, UrlencodedReply) {
  const MailgunAdapter adapter = makeAdapter();
  Expected<InboundBatch, ChannelError> batch = adapter.receive(urlencoded(replyFields("tok-1")));
  ASSERT_TRUE(batch) << batch.error().message;
  ASSERT_EQ(batch->messages.size(), 1u);
  const InboundMessage& message = batch->messages[0];
  EXPECT_EQ(message.channel, "email");
  EXPECT_EQ(message.kind, InboundKind::Text);
  EXPECT_EQ(message.platformId, "reply-1@qq.com");
  EXPECT_EQ(message.from, "zhangsan@qq.com");
  EXPECT_EQ(message.senderName, "张三");
  EXPECT_EQ(message.to, "xinxi+ts-2026-000123@qingxi.gov.cn");
  EXPECT_EQ(message.recipient, "xinxi+ts-2026-000123@qingxi.gov.cn");
  EXPECT_EQ(message.subject, "回复：关于路灯损坏的投诉");
  EXPECT_EQ(message.text, "还没修。");
  EXPECT_EQ(message.threadIds, (std::vector<std::string>{"case-TS-2026-000123.1.k3j2@desk.example",
                                                         "first@desk.example"}));
  EXPECT_EQ(message.sentAt, kMailgunNow);
  EXPECT_FALSE(adapter.repliesInAnswer());
}

TEST(MailgunAdapter, FixtureSignatureAndHeadersFromJson) {
  FormFields fields = {
      {"timestamp", "1700000000"},
      {"token", "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0"},
      {"signature", "444628888cb731e10e2e6523bf8f5705cc808d03624d9658c376c21cb0cc3475"},
      {"recipient", "xinxi@qingxi.gov.cn"},
      {"sender", "li@163.com"},
      {"body-plain", "-----原始邮件-----\n"},  // nothing but a quote: kept whole
      {"message-headers",
       R"([["From", "=?GB2312?B?zfXpRg==?= <Li@163.com>"], ["Subject", "=?GB2312?B?xOO6ww==?="],)"
       R"( ["Message-Id", "<m1@163.com>"], ["References", "<a@desk> <b@desk>"],)"
       R"( ["Date", "Tue, 2 Jan 2024 10:00:00 +0800"]])"},
  };
  Expected<InboundBatch, ChannelError> batch = makeAdapter().receive(urlencoded(fields));
  ASSERT_TRUE(batch) << batch.error().message;
  const InboundMessage& message = batch->messages.at(0);
  EXPECT_EQ(message.from, "li@163.com");
  EXPECT_EQ(message.senderName, "王镕");
  EXPECT_EQ(message.subject, "你好");
  EXPECT_EQ(message.platformId, "m1@163.com");
  EXPECT_EQ(message.threadIds, (std::vector<std::string>{"a@desk", "b@desk"}));
  EXPECT_EQ(message.sentAt, 1704160800);
  EXPECT_EQ(message.text, "-----原始邮件-----");
}

TEST(MailgunAdapter, MultipartFormDataWithAttachment) {
  std::string body;
  const auto field = [&](const std::string& name, const std::string& value) {
    body +=
        "--XyZ\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  };
  for (const auto& [name, value] : signature("tok-mp")) field(name, value);
  field("recipient", "xinxi@qingxi.gov.cn");
  field("sender", "zs@qq.com");
  field("from", "=?UTF-8?B?5byg5LiJ?= <zs@qq.com>");
  field("subject", "路灯坏了");
  field("body-plain", "幸福路12号的路灯坏了三天。\r\n");
  field("attachment-count", "2");
  body +=
      "--XyZ\r\nContent-Disposition: form-data; name=\"attachment-1\"; "
      "filename=\"现场照片.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
      "\xFF\xD8\xFF\xE0 binary\r\n bytes\r\n";
  body +=
      "--XyZ\r\nContent-Disposition: form-data; name=\"attachment-2\"; "
      "filename=\"big.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n" +
      std::string(2048, 'x') + "\r\n";
  body += "--XyZ--\r\n";
  MailgunConfig config;
  config.limits.maxAttachmentBytes = 1024;
  Expected<InboundBatch, ChannelError> batch =
      makeAdapter(config).receive(postToMailgun("multipart/form-data; boundary=XyZ", body));
  ASSERT_TRUE(batch) << batch.error().message;
  const InboundMessage& message = batch->messages.at(0);
  EXPECT_EQ(message.platformId, "mailgun:tok-mp");  // no Message-Id field
  EXPECT_EQ(message.senderName, "张三");
  EXPECT_EQ(message.text, "幸福路12号的路灯坏了三天。");
  ASSERT_EQ(message.attachments.size(), 1u);  // big.bin is over the limit
  EXPECT_EQ(message.attachments[0].filename, "现场照片.jpg");
  EXPECT_EQ(message.attachments[0].contentType, "image/jpeg");
  EXPECT_EQ(message.attachments[0].data, "\xFF\xD8\xFF\xE0 binary\r\n bytes");
}

TEST(MailgunAdapter, BodyMimeVariant) {
  FormFields fields = signature("tok-mime");
  fields.push_back({"recipient", "xinxi+TS-2026-000007@qingxi.gov.cn"});
  fields.push_back({"sender", "envelope@qq.com"});
  fields.push_back({"body-mime",
                    "From: =?GB2312?B?1cXI/Q==?= <zs@qq.com>\r\n"
                    "Subject: =?GB2312?B?udjT2sK3tcbL8Lu1tcTNtsvf?=\r\n"
                    "Message-ID: <raw-1@qq.com>\r\n"
                    "In-Reply-To: <case-TS-2026-000007.2.aa@desk.example>\r\n"
                    "Content-Type: text/plain; charset=gb2312\r\n"
                    "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                    "=C2=B7=B5=C6=BB=B5=C1=CB=C8=FD=CC=EC=A1=A3\r\n"});
  Expected<InboundBatch, ChannelError> batch = makeAdapter().receive(urlencoded(fields));
  ASSERT_TRUE(batch) << batch.error().message;
  const InboundMessage& message = batch->messages.at(0);
  EXPECT_EQ(message.platformId, "raw-1@qq.com");
  EXPECT_EQ(message.from, "zs@qq.com");
  EXPECT_EQ(message.senderName, "张三");
  EXPECT_EQ(message.subject, "关于路灯损坏的投诉");
  EXPECT_EQ(message.text, "路灯坏了三天。");
  EXPECT_EQ(message.recipient, "xinxi+ts-2026-000007@qingxi.gov.cn");
  EXPECT_EQ(message.threadIds, (std::vector<std::string>{"case-TS-2026-000007.2.aa@desk.example"}));
}

TEST(MailgunAdapter, ReplayedTokenRefused) {
  const MailgunAdapter adapter = makeAdapter();
  ASSERT_TRUE(adapter.receive(urlencoded(replyFields("tok-replay"))));
  Expected<InboundBatch, ChannelError> again =
      adapter.receive(urlencoded(replyFields("tok-replay")));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().status, 403);
}

TEST(MailgunAdapter, StaleTimestampRefused) {
  FormFields fields = signature("tok-stale", kMailgunNow - 301);
  fields.push_back({"from", "a@x.cn"});
  Expected<InboundBatch, ChannelError> batch = makeAdapter().receive(urlencoded(fields));
  ASSERT_FALSE(batch);
  EXPECT_EQ(batch.error().status, 401);
}

TEST(MailgunAdapter, BadOrMissingSignatureRefused) {
  FormFields fields = replyFields("tok-bad");
  fields.push_back({"subject", "tampered"});
  fields[fields.size() - 2].second = std::string(64, '0');  // the signature
  Expected<InboundBatch, ChannelError> bad = makeAdapter().receive(urlencoded(fields));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().status, 401);

  Expected<InboundBatch, ChannelError> missing =
      makeAdapter().receive(urlencoded({{"from", "a@x.cn"}, {"body-plain", "hi"}}));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().status, 401);
}

TEST(MailgunAdapter, OtherRefusals) {
  HttpRequest get = urlencoded(replyFields("tok-get"));
  get.method = "GET";
  EXPECT_EQ(makeAdapter().receive(get).error().status, 405);

  MailgunConfig small;
  small.maxBodyBytes = 16;
  EXPECT_EQ(makeAdapter(small).receive(urlencoded(replyFields("tok-big"))).error().status, 413);

  EXPECT_EQ(makeAdapter().receive(postToMailgun("application/json", "{}")).error().status, 415);
  EXPECT_EQ(makeAdapter()
                .receive(postToMailgun("application/x-www-form-urlencoded", "a=%ZZ"))
                .error()
                .status,
            400);

  FormFields mime = signature("tok-mime-big");
  mime.push_back({"body-mime", "From: a@x.cn\r\n\r\n" + std::string(100, 'x')});
  MailgunConfig tight;
  tight.limits.maxMessageBytes = 50;
  EXPECT_EQ(makeAdapter(tight).receive(urlencoded(mime)).error().status, 413);

  // Signed, but without any sender: retrying cannot help, so 406.
  FormFields anonymous = signature("tok-anon");
  anonymous.push_back({"body-plain", "hi"});
  EXPECT_EQ(makeAdapter().receive(urlencoded(anonymous)).error().status, 406);
}

TEST(MailgunAdapter, AnswersAndConfiguration) {
  const MailgunAdapter adapter = makeAdapter();
  const HttpRequest request = urlencoded({});
  EXPECT_EQ(adapter.name(), "email");
  EXPECT_EQ(adapter.acknowledge(request).status, 200);
  EXPECT_EQ(adapter.acknowledge(request).contentType, "application/json");
  EXPECT_EQ(adapter.acknowledge(request).body, R"({"status":"ok"})");
  EXPECT_EQ(adapter.render(request, InboundBatch{}, {Reply{"x"}}).body, R"({"status":"ok"})");
  EXPECT_EQ(adapter.handshake(request).status, 405);
  EXPECT_THROW(MailgunAdapter(MailgunConfig{}, [] { return kMailgunNow; }), std::invalid_argument);
}

}  // namespace
}  // namespace civicdesk::channels
