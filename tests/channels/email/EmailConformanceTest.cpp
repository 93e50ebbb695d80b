// PROTOCOLS.md §6 item 9: the Chinese email header and body vectors of §4.3, each checked
// through the public decoding functions and, where it belongs to a message, through parseMime.
#include <gtest/gtest.h>

#include <string>

#include "channels/email/Charset.hpp"
#include "channels/email/EncodedWords.hpp"
#include "channels/email/MimeMessage.hpp"
#include "channels/email/TransferEncoding.hpp"

namespace civicdesk::channels::email {
namespace {

constexpr const char* kSubjectUtf8 = "=?UTF-8?B?5YWz5LqO6Lev54Gv5o2f5Z2P55qE5oqV6K+J?=";
constexpr const char* kSubjectGb2312 = "=?GB2312?B?udjT2sK3tcbL8Lu1tcTNtsvf?=";

TEST(EmailConformance, NihaoInFourEncodings) {
  EXPECT_EQ(decodeHeaderText("=?UTF-8?B?5L2g5aW9?="), "你好");
  EXPECT_EQ(decodeHeaderText("=?GB2312?B?xOO6ww==?="), "你好");
  EXPECT_EQ(decodeHeaderText("=?GBK?Q?=C4=E3=BA=C3?="), "你好");
  EXPECT_EQ(decodeHeaderText("=?UTF-8?B?5L2g?= =?UTF-8?B?5aW9?="), "你好");
}

TEST(EmailConformance, AdjacentWordsSplittingACharacterAreJoined) {
  // "关于路灯" in UTF-8 cut after its fourth byte, in the middle of 于.
  EXPECT_EQ(decodeHeaderText("=?UTF-8?B?5YWz5A==?=\r\n =?UTF-8?B?uo7ot6/nga8=?="), "关于路灯");
}

TEST(EmailConformance, ComplaintSubjectBothWays) {
  EXPECT_EQ(decodeHeaderText(kSubjectUtf8), "关于路灯损坏的投诉");
  EXPECT_EQ(decodeHeaderText(kSubjectGb2312), "关于路灯损坏的投诉");
}

TEST(EmailConformance, GbkOnlyNameUnderGb2312Label) {
  // 镕 is not in GB2312: only a GBK/GB18030 decoder reads it (strict GB2312 fails).
  EXPECT_EQ(decodeHeaderText("=?GB2312?B?zfXpRg==?="), "王镕");
  EXPECT_EQ(toUtf8(decodeBase64Lenient("zfXpRg=="), "GB2312").value(), "王镕");
}

TEST(EmailConformance, FromDisplayNameZhangSan) {
  const std::string raw =
      "From: =?GB2312?B?1cXI/Q==?= <ZhangSan@Example.CN>\r\n"
      "Subject: test\r\n\r\nbody\r\n";
  const MimeMessage message = parseMime(raw, MimeLimits{}).value();
  EXPECT_EQ(message.fromName, "张三");
  EXPECT_EQ(message.fromAddress, "zhangsan@example.cn");
}

TEST(EmailConformance, Gb2312QuotedPrintableBody) {
  const std::string raw =
      "From: a@example.cn\r\n"
      "Content-Type: text/plain; charset=gb2312\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
      "=C2=B7=B5=C6=BB=B5=C1=CB=C8=FD=CC=EC=A1=A3\r\n";
  EXPECT_EQ(parseMime(raw, MimeLimits{}).value().textBody, "路灯坏了三天。");
}

TEST(EmailConformance, EncodedWordInQuotedFilename) {
  const std::string raw =
      "From: a@example.cn\r\n"
      "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
      "--b1\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n\r\n"
      "见附件\r\n"
      "--b1\r\n"
      "Content-Type: image/jpeg; name=\"=?GB2312?B?z9azodXVxqwuanBn?=\"\r\n"
      "Content-Disposition: attachment; filename=\"=?GB2312?B?z9azodXVxqwuanBn?=\"\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n"
      "/9j/4AAQ\r\n"
      "--b1--\r\n";
  const MimeMessage message = parseMime(raw, MimeLimits{}).value();
  ASSERT_EQ(message.attachments.size(), 1u);
  EXPECT_EQ(message.attachments[0].filename, "现场照片.jpg");
  EXPECT_EQ(message.attachments[0].contentType, "image/jpeg");
  EXPECT_EQ(message.attachments[0].data, std::string("\xFF\xD8\xFF\xE0\x00\x10", 6));
  EXPECT_EQ(message.textBody, "见附件");
}

TEST(EmailConformance, Rfc2231Filename) {
  const std::string raw =
      "From: a@example.cn\r\n"
      "Content-Type: multipart/mixed; boundary=b2\r\n\r\n"
      "--b2\r\n"
      "Content-Type: application/pdf\r\n"
      "Content-Disposition: attachment;\r\n"
      " filename*=UTF-8''%E6%8A%95%E8%AF%89%E6%9D%90%E6%96%99.pdf\r\n\r\n"
      "%PDF-1.4\r\n"
      "--b2--\r\n";
  const MimeMessage message = parseMime(raw, MimeLimits{}).value();
  ASSERT_EQ(message.attachments.size(), 1u);
  EXPECT_EQ(message.attachments[0].filename, "投诉材料.pdf");
  EXPECT_EQ(message.attachments[0].data, "%PDF-1.4");
}

}  // namespace
}  // namespace civicdesk::channels::email
