// parseMime on messages as clients send them: nested multiparts from a Chinese client, Big5,
// bare LF, truncation, HTML-only mail, limits.
#include "channels/email/MimeMessage.hpp"

#include <gtest/gtest.h>

#include <string>

namespace civicdesk::channels::email {
namespace {

// LF → CRLF, so the fixtures below read naturally.
std::string crlf(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

// What Foxmail sends for a complaint with a photo: mixed › alternative (GBK text and HTML, both
// base64) plus a JPEG whose name is an encoded word inside quotes; GBK labelled gb2312.
const std::string kFoxmailMessage = crlf(R"(Received: from mx.qq.com by mail.qingxi.gov.cn
Date: Tue, 2 Jan 2024 10:00:00 +0800
From: "=?gb2312?B?1cXI/Q==?=" <ZhangSan@qq.com>
To: "=?gb2312?B?0MXPos2ov6o=?=" <xinxi+TS-2026-000123@qingxi.gov.cn>, other@qingxi.gov.cn
Subject: =?gb2312?B?udjT2sK3tcbL8Lu1tcTNtsvf?=
Message-ID: <202401021000001234567@qq.com>
In-Reply-To: <case-TS-2026-000123.1.k3j2@desk.example>
References: <first@desk.example>
	<case-TS-2026-000123.1.k3j2@desk.example>
X-Mailer: Foxmail 7.2.25.228[cn]
Mime-Version: 1.0
Content-Type: multipart/mixed;
	boundary="----=_001_NextPart572182624333_=----"

This is a multi-part message in MIME format.

------=_001_NextPart572182624333_=----
Content-Type: multipart/alternative;
	boundary="----=_002_NextPart572182624333_=----"


------=_002_NextPart572182624333_=----
Content-Type: text/plain;
	charset="gb2312"
Content-Transfer-Encoding: base64

xPq6w6O6DQrO0rzSwqXPwrXEwre1xru1wcvI/czso6zN7cnPutyyu7CyyKuhow0Kx+u+ob/stKbA
7aGjDQo=

------=_002_NextPart572182624333_=----
Content-Type: text/html;
	charset="gb2312"
Content-Transfer-Encoding: base64

PGh0bWw+PGhlYWQ+PHN0eWxlPnB7fTwvc3R5bGU+PC9oZWFkPjxib2R5PjxwPsT6usOjujwvcD48
cD7O0rzSwqXPwrXEwre1xru1wcvI/czso6zN7cnPutyyu7CyyKuhozwvcD48ZGl2PsfrvqG/7LSm
wO2hoyZuYnNwO9C70Ls8L2Rpdj48L2JvZHk+PC9odG1sPg==

------=_002_NextPart572182624333_=------

------=_001_NextPart572182624333_=----
Content-Type: image/jpeg;
	name="=?gb2312?B?z9azodXVxqwuanBn?="
Content-Transfer-Encoding: base64
Content-Disposition: attachment;
	filename="=?gb2312?B?z9azodXVxqwuanBn?="

/9j/4AAQSkZJRgABAQEASABIAAD/
2wBDAP//

------=_001_NextPart572182624333_=------

)");

TEST(MimeMessage, ChineseClientNestedMultipart) {
  const Expected<MimeMessage, std::string> parsed = parseMime(kFoxmailMessage, MimeLimits{});
  ASSERT_TRUE(parsed) << parsed.error();
  const MimeMessage& message = *parsed;
  EXPECT_EQ(message.subject, "关于路灯损坏的投诉");
  EXPECT_EQ(message.fromAddress, "zhangsan@qq.com");
  EXPECT_EQ(message.fromName, "张三");
  EXPECT_EQ(message.to, (std::vector<std::string>{"xinxi+ts-2026-000123@qingxi.gov.cn",
                                                  "other@qingxi.gov.cn"}));
  EXPECT_EQ(message.messageId, "202401021000001234567@qq.com");
  EXPECT_EQ(message.inReplyTo,
            (std::vector<std::string>{"case-TS-2026-000123.1.k3j2@desk.example"}));
  EXPECT_EQ(
      message.references,
      (std::vector<std::string>{"first@desk.example", "case-TS-2026-000123.1.k3j2@desk.example"}));
  EXPECT_EQ(message.date, "Tue, 2 Jan 2024 10:00:00 +0800");
  EXPECT_EQ(message.sentAt, 1704160800);
  // The plain alternative, not the HTML one (which ends in "谢谢").
  EXPECT_EQ(message.textBody, "您好：\n我家楼下的路灯坏了三天，晚上很不安全。\n请尽快处理。");
  ASSERT_EQ(message.attachments.size(), 1u);
  EXPECT_EQ(message.attachments[0].filename, "现场照片.jpg");
  EXPECT_EQ(message.attachments[0].contentType, "image/jpeg");
  EXPECT_EQ(message.attachments[0].data.substr(0, 4), "\xFF\xD8\xFF\xE0");
  EXPECT_TRUE(message.droppedAttachments.empty());
  ASSERT_NE(message.header("x-mailer"), nullptr);
  EXPECT_EQ(*message.header("X-Mailer"), "Foxmail 7.2.25.228[cn]");
}

TEST(MimeMessage, HeadersAreUnfoldedAndKeptInOrder) {
  const MimeMessage message =
      parseMime("A: 1\r\nB: two\r\n  lines\r\nA: 3\r\n\r\n", MimeLimits{}).value();
  ASSERT_EQ(message.headers.size(), 3u);
  EXPECT_EQ(message.headers[1].name, "B");
  EXPECT_EQ(message.headers[1].value, "two lines");
  EXPECT_EQ(*message.header("a"), "1");
}

TEST(MimeMessage, HtmlOnlyMailIsReducedToText) {
  const std::string raw = crlf(R"(From: a@163.com
Content-Type: text/html; charset=utf-8

<html><head><title>t</title><style>p {color:red}</style></head><body>
<p>路灯&nbsp;坏了</p><div>在&lt;幸福路&gt;&amp;&#21335;&#x95E8;</div><br>谢谢<script>x()</script>
</body></html>
)");
  // As a browser shows it: the <br> after the block makes an empty line.
  EXPECT_EQ(parseMime(raw, MimeLimits{}).value().textBody, "路灯 坏了\n在<幸福路>&南门\n\n谢谢");
}

TEST(MimeMessage, HtmlAlternativeUsedWhenPlainIsEmpty) {
  const std::string raw = crlf(R"(From: a@x.cn
Content-Type: multipart/alternative; boundary=alt

--alt
Content-Type: text/plain; charset=utf-8


--alt
Content-Type: text/html; charset=utf-8

<p>只有网页版</p>
--alt--
)");
  EXPECT_EQ(parseMime(raw, MimeLimits{}).value().textBody, "只有网页版");
}

TEST(MimeMessage, Big5Body) {
  const std::string raw =
      "From: a@example.tw\r\nSubject: =?big5?B?p0Gmbg==?=\r\n"
      "Content-Type: text/plain; charset=big5\r\nContent-Transfer-Encoding: base64\r\n\r\n"
      "uPS/T8NhpEY=\r\n";
  const MimeMessage message = parseMime(raw, MimeLimits{}).value();
  EXPECT_EQ(message.subject, "你好");
  EXPECT_EQ(message.textBody, "路燈壞了");
}

TEST(MimeMessage, BareLineFeeds) {
  const std::string raw =
      "From: A <a@x.cn>\nSubject: =?UTF-8?B?5L2g5aW9?=\nContent-Type: multipart/mixed; "
      "boundary=zz\n\n--zz\nContent-Type: text/plain; charset=utf-8\n\n第一行\n第二行\n--zz\n"
      "Content-Type: application/octet-stream\nContent-Disposition: attachment; filename=a.bin\n"
      "\nabc\n--zz--\n";
  const MimeMessage message = parseMime(raw, MimeLimits{}).value();
  EXPECT_EQ(message.subject, "你好");
  EXPECT_EQ(message.textBody, "第一行\n第二行");
  ASSERT_EQ(message.attachments.size(), 1u);
  EXPECT_EQ(message.attachments[0].data, "abc");
}

TEST(MimeMessage, MissingCharsetIsUtf8ElseGb18030) {
  EXPECT_EQ(parseMime("From: a@x.cn\r\n\r\n你好\r\n", MimeLimits{}).value().textBody, "你好");
  EXPECT_EQ(parseMime("From: a@x.cn\r\n\r\n\xC4\xE3\xBA\xC3\r\n", MimeLimits{}).value().textBody,
            "你好");
}

TEST(MimeMessage, TruncatedMessageWithoutFinalBoundary) {
  const std::string raw = crlf(R"(From: a@x.cn
Content-Type: multipart/mixed; boundary="cut"

--cut
Content-Type: text/plain; charset=utf-8

路灯坏了
--cut
Content-Type: image/png; name=a.png
Content-Transfer-Encoding: base64

iVBORw0KGgoAAAANSUhE)");
  const MimeMessage message = parseMime(raw, MimeLimits{}).value();
  EXPECT_EQ(message.textBody, "路灯坏了");
  ASSERT_EQ(message.attachments.size(), 1u);
  EXPECT_EQ(message.attachments[0].filename, "a.png");
  EXPECT_EQ(message.attachments[0].data.substr(0, 4), "\x89PNG");
}

TEST(MimeMessage, OversizedAttachmentDroppedAndNoted) {
  const std::string big(2000, 'A');  // 1500 decoded bytes
  const std::string raw =
      "From: a@x.cn\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
      "--b\r\nContent-Type: text/plain\r\n\r\n正文\r\n"
      "--b\r\nContent-Type: application/pdf; name=big.pdf\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n" +
      big +
      "\r\n--b\r\nContent-Type: image/png; name=small.png\r\n\r\npng\r\n"
      "--b--\r\n";
  MimeLimits limits;
  limits.maxAttachmentBytes = 1000;
  const MimeMessage message = parseMime(raw, limits).value();
  EXPECT_EQ(message.textBody, "正文");
  ASSERT_EQ(message.attachments.size(), 1u);
  EXPECT_EQ(message.attachments[0].filename, "small.png");
  ASSERT_EQ(message.droppedAttachments.size(), 1u);
  EXPECT_NE(message.droppedAttachments[0].find("big.pdf"), std::string::npos);
  EXPECT_NE(message.droppedAttachments[0].find("1500"), std::string::npos);
}

TEST(MimeMessage, AttachmentsBeyondTheCountAreDropped) {
  std::string raw = "From: a@x.cn\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n";
  for (int i = 0; i < 4; ++i) {
    raw += "--b\r\nContent-Type: image/png; name=p" + std::to_string(i) + ".png\r\n\r\nx\r\n";
  }
  raw += "--b--\r\n";
  MimeLimits limits;
  limits.maxAttachments = 3;
  const MimeMessage message = parseMime(raw, limits).value();
  EXPECT_EQ(message.attachments.size(), 3u);
  ASSERT_EQ(message.droppedAttachments.size(), 1u);
  EXPECT_NE(message.droppedAttachments[0].find("p3.png"), std::string::npos);
}

TEST(MimeMessage, OversizedMessageRefused) {
  MimeLimits limits;
  limits.maxMessageBytes = 100;
  const Expected<MimeMessage, std::string> parsed =
      parseMime("From: a@x.cn\r\n\r\n" + std::string(200, 'x'), limits);
  ASSERT_FALSE(parsed);
  EXPECT_NE(parsed.error().find("limit"), std::string::npos);
}

TEST(MimeMessage, NestingBeyondTheDepthIsLeftOut) {
  std::string raw = "From: a@x.cn\r\n";
  for (int i = 0; i < 5; ++i) {
    raw += "Content-Type: multipart/mixed; boundary=n" + std::to_string(i) + "\r\n\r\n--n" +
           std::to_string(i) + "\r\n";
  }
  raw += "Content-Type: text/plain\r\n\r\ndeep\r\n";
  MimeLimits limits;
  EXPECT_EQ(parseMime(raw, limits).value().textBody, "deep");
  limits.maxDepth = 3;
  const MimeMessage message = parseMime(raw, limits).value();
  EXPECT_EQ(message.textBody, "");
  EXPECT_EQ(message.droppedAttachments.size(), 1u);
}

TEST(MimeMessage, RelatedInlineImageIsKeptAsAnAttachment) {
  const std::string raw = crlf(R"(From: a@qq.com
Content-Type: multipart/related; boundary=rel

--rel
Content-Type: text/html; charset=utf-8

<p>见图<img src="cid:img1"></p>
--rel
Content-Type: image/png
Content-ID: <img1>
Content-Transfer-Encoding: base64

iVBORw0KGgo=
--rel--
)");
  const MimeMessage message = parseMime(raw, MimeLimits{}).value();
  EXPECT_EQ(message.textBody, "见图");
  ASSERT_EQ(message.attachments.size(), 1u);
  EXPECT_EQ(message.attachments[0].contentType, "image/png");
  EXPECT_EQ(message.attachments[0].filename, "");
}

TEST(MimeMessage, FilenamePathsAreRemoved) {
  const std::string raw =
      "From: a@x.cn\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
      "Content-Type: image/png\r\nContent-Disposition: attachment; "
      "filename=\"C:\\\\Users\\\\zs\\\\photo.png\"\r\n\r\nx\r\n--b--\r\n";
  EXPECT_EQ(parseMime(raw, MimeLimits{}).value().attachments.at(0).filename, "photo.png");
}

TEST(MimeMessage, MultipartWithoutItsBoundaryIsReadAsText) {
  const MimeMessage message =
      parseMime("From: a@x.cn\r\nContent-Type: multipart/mixed\r\n\r\n只有正文\r\n", MimeLimits{})
          .value();
  EXPECT_EQ(message.textBody, "只有正文");
}

}  // namespace
}  // namespace civicdesk::channels::email
