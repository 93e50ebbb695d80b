// TwilioAdapter on plain values: the signed form POST into an InboundMessage, every refusal,
// and the TwiML answer.
#include "channels/sms/TwilioAdapter.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "tests/channels/sms/SignedTwilioRequest.hpp"

namespace civicdesk::channels {
namespace {

using namespace channels::testing;

constexpr const char* kXmlDecl = R"(<?xml version="1.0" encoding="UTF-8"?>)";

void setField(FormFields& fields, const std::string& name, const std::string& value) {
  for (auto& [n, v] : fields) {
    if (n == name) {
      v = value;
      return;
    }
  }
  fields.emplace_back(name, value);
}

void removeField(FormFields& fields, const std::string& name) {
  std::erase_if(fields, [&](const auto& field) { return field.first == name; });
}

TEST(TwilioAdapter, TextMessageParsed) {
  TwilioAdapter adapter(twilioConfig());
  EXPECT_EQ(adapter.name(), "sms");
  EXPECT_TRUE(adapter.repliesInAnswer());
  auto batch = adapter.receive(signedTwilioPost(inboundSms("我要投诉 & 举报")));
  ASSERT_TRUE(batch) << batch.error().message;
  ASSERT_EQ(batch->messages.size(), 1u);
  const InboundMessage& message = batch->messages[0];
  EXPECT_EQ(message.channel, "sms");
  EXPECT_EQ(message.platformId, "SM11111111111111111111111111111111");
  EXPECT_EQ(message.from, "+8613800138000");
  EXPECT_EQ(message.to, "+15005550006");
  EXPECT_EQ(message.kind, InboundKind::Text);
  EXPECT_EQ(message.text, "我要投诉 & 举报");
  EXPECT_EQ(message.sentAt, 0);
  EXPECT_EQ(message.platformType, "sms");
  EXPECT_TRUE(message.mediaUrl.empty());
}

TEST(TwilioAdapter, PictureWithoutTextIsImage) {
  FormFields fields = inboundSms("");
  setField(fields, "NumMedia", "2");
  setField(fields, "MediaUrl0",
           "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1");
  setField(fields, "MediaContentType0", "image/jpeg");
  setField(fields, "MediaUrl1",
           "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2");
  setField(fields, "MessageSid", "MM11111111111111111111111111111111");
  auto batch = TwilioAdapter(twilioConfig()).receive(signedTwilioPost(fields));
  ASSERT_TRUE(batch) << batch.error().message;
  const InboundMessage& message = batch->messages[0];
  EXPECT_EQ(message.kind, InboundKind::Image);
  EXPECT_EQ(message.platformType, "mms");
  EXPECT_EQ(message.mediaUrl,
            "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1");
}

TEST(TwilioAdapter, PictureWithTextIsTextWithMedia) {
  FormFields fields = inboundSms("现场照片");
  setField(fields, "NumMedia", "1");
  setField(fields, "MediaUrl0", "https://media.example/1");
  auto batch = TwilioAdapter(twilioConfig()).receive(signedTwilioPost(fields));
  ASSERT_TRUE(batch);
  EXPECT_EQ(batch->messages[0].kind, InboundKind::Text);
  EXPECT_EQ(batch->messages[0].mediaUrl, "https://media.example/1");
}

TEST(TwilioAdapter, SignedUrlIncludesRawQuery) {
  // The URL is publicUrl + the target as received, query and escapes included.
  const HttpRequest request = signedTwilioPost(inboundSms(), "/sms/twilio?site=%E9%9D%92");
  EXPECT_TRUE(TwilioAdapter(twilioConfig()).receive(request));
  // A trailing '/' in publicUrl does not double the slash.
  TwilioConfig config = twilioConfig();
  config.publicUrl += "/";
  EXPECT_TRUE(TwilioAdapter(config).receive(request));
}

TEST(TwilioAdapter, SignedFor443Accepted) {
  const HttpRequest request =
      signedTwilioPost(inboundSms(), kTarget, "https://desk.example.gov.cn:443/sms/twilio");
  EXPECT_TRUE(TwilioAdapter(twilioConfig()).receive(request));
}

TEST(TwilioAdapter, BadSignatureIs403) {
  HttpRequest request = signedTwilioPost(inboundSms());
  request.body += "&Extra=1";  // a field the signature does not cover
  auto batch = TwilioAdapter(twilioConfig()).receive(request);
  ASSERT_FALSE(batch);
  EXPECT_EQ(batch.error().status, 403);
}

TEST(TwilioAdapter, SignatureForAnotherHostIs403) {
  HttpRequest request = signedTwilioPost(inboundSms(), kTarget, "https://evil.example/sms/twilio");
  request.headers["host"] = "evil.example";  // never trusted
  auto batch = TwilioAdapter(twilioConfig()).receive(request);
  ASSERT_FALSE(batch);
  EXPECT_EQ(batch.error().status, 403);
}

TEST(TwilioAdapter, MissingSignatureIs403) {
  HttpRequest request = signedTwilioPost(inboundSms());
  request.headers.erase("x-twilio-signature");
  auto batch = TwilioAdapter(twilioConfig()).receive(request);
  ASSERT_FALSE(batch);
  EXPECT_EQ(batch.error().status, 403);
  EXPECT_EQ(batch.error().message, "missing X-Twilio-Signature");
}

TEST(TwilioAdapter, SignatureSettingsHeaderIs403) {
  HttpRequest request = signedTwilioPost(inboundSms());
  request.headers["x-twilio-webhooks-signature-settings"] = "algorithm=hmac-sha256";
  auto batch = TwilioAdapter(twilioConfig()).receive(request);
  ASSERT_FALSE(batch);
  EXPECT_EQ(batch.error().status, 403);
}

TEST(TwilioAdapter, OtherAccountIs403) {
  FormFields fields = inboundSms();
  setField(fields, "AccountSid", "AC99999999999999999999999999999999");
  auto batch = TwilioAdapter(twilioConfig()).receive(signedTwilioPost(fields));
  ASSERT_FALSE(batch);
  EXPECT_EQ(batch.error().status, 403);
  removeField(fields, "AccountSid");
  batch = TwilioAdapter(twilioConfig()).receive(signedTwilioPost(fields));
  ASSERT_FALSE(batch);
  EXPECT_EQ(batch.error().status, 403);
}

TEST(TwilioAdapter, NotFormIs415) {
  HttpRequest request = signedTwilioPost(inboundSms());
  request.headers["content-type"] = "application/json";
  auto batch = TwilioAdapter(twilioConfig()).receive(request);
  ASSERT_FALSE(batch);
  EXPECT_EQ(batch.error().status, 415);
  request.headers.erase("content-type");
  EXPECT_EQ(TwilioAdapter(twilioConfig()).receive(request).error().status, 415);
}

TEST(TwilioAdapter, NotPostIs405) {
  HttpRequest request = signedTwilioPost(inboundSms());
  request.method = "GET";
  EXPECT_EQ(TwilioAdapter(twilioConfig()).receive(request).error().status, 405);
  EXPECT_EQ(TwilioAdapter(twilioConfig()).handshake(request).status, 405);
}

TEST(TwilioAdapter, TooLargeIs413) {
  TwilioConfig config = twilioConfig();
  config.maxBodyBytes = 100;
  auto batch = TwilioAdapter(config).receive(signedTwilioPost(inboundSms(std::string(200, 'x'))));
  ASSERT_FALSE(batch);
  EXPECT_EQ(batch.error().status, 413);
}

TEST(TwilioAdapter, MalformedFormIs400) {
  HttpRequest request = signedTwilioPost(inboundSms());
  request.body += "&bad=%G1";
  EXPECT_EQ(TwilioAdapter(twilioConfig()).receive(request).error().status, 400);
}

TEST(TwilioAdapter, MissingMessageSidOrFromIs400) {
  for (const char* name : {"MessageSid", "From"}) {
    FormFields fields = inboundSms();
    removeField(fields, name);
    auto batch = TwilioAdapter(twilioConfig()).receive(signedTwilioPost(fields));
    ASSERT_FALSE(batch) << name;
    EXPECT_EQ(batch.error().status, 400) << name;
    EXPECT_EQ(batch.error().message, std::string("missing ") + name);
  }
  FormFields fields = inboundSms();
  setField(fields, "NumMedia", "lots");
  EXPECT_EQ(TwilioAdapter(twilioConfig()).receive(signedTwilioPost(fields)).error().status, 400);
}

TEST(TwilioAdapter, RenderOneMessagePerPartEscaped) {
  TwilioAdapter adapter(twilioConfig());
  const HttpRequest request = signedTwilioPost(inboundSms());
  const std::string longText = std::string(60, 'a') + ". " + std::string(30, 'b') + ".";
  const HttpResponse response = adapter.render(
      request, InboundBatch{}, {Reply{"编号 <TS-1> & \"确认\" 'ok'"}, Reply{""}, Reply{longText}});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.contentType, "text/xml");
  EXPECT_EQ(
      response.body,
      std::string(kXmlDecl) +
          "<Response><Message>编号 &lt;TS-1&gt; &amp; &quot;确认&quot; &apos;ok&apos;</Message>"
          "<Message>(1/2)" +
          std::string(60, 'a') +
          ".</Message>"
          "<Message>(2/2)" +
          std::string(30, 'b') + ".</Message></Response>");
}

TEST(TwilioAdapter, RenderDropsCharactersXmlForbids) {
  const HttpResponse response = TwilioAdapter(twilioConfig())
                                    .render(HttpRequest{}, InboundBatch{},
                                            {Reply{"a\x01"
                                                   "b\tc"}});
  EXPECT_EQ(response.body, std::string(kXmlDecl) + "<Response><Message>ab\tc</Message></Response>");
}

TEST(TwilioAdapter, NothingToSayIsEmptyResponse) {
  TwilioAdapter adapter(twilioConfig());
  const std::string empty = std::string(kXmlDecl) + "<Response/>";
  EXPECT_EQ(adapter.render(HttpRequest{}, InboundBatch{}, {}).body, empty);
  EXPECT_EQ(adapter.render(HttpRequest{}, InboundBatch{}, {Reply{""}}).body, empty);
  const HttpResponse ack = adapter.acknowledge(HttpRequest{});
  EXPECT_EQ(ack.status, 200);
  EXPECT_EQ(ack.contentType, "text/xml");
  EXPECT_EQ(ack.body, empty);
}

TEST(TwilioAdapter, BadConfigurationThrows) {
  TwilioConfig config = twilioConfig();
  config.authToken.clear();
  EXPECT_THROW(TwilioAdapter{config}, std::invalid_argument);
  config = twilioConfig();
  config.accountSid.clear();
  EXPECT_THROW(TwilioAdapter{config}, std::invalid_argument);
  config = twilioConfig();
  config.publicUrl = "desk.example.gov.cn";
  EXPECT_THROW(TwilioAdapter{config}, std::invalid_argument);
}

}  // namespace
}  // namespace civicdesk::channels
