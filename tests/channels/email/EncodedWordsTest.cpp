// RFC 2047 header decoding, RFC 2231 parameters and the Content-Type parameter syntax.
#include "channels/email/EncodedWords.hpp"

#include <gtest/gtest.h>

#include <string>

namespace civicdesk::channels::email {
namespace {

TEST(EncodedWords, PlainTextIsUnchanged) {
  EXPECT_EQ(decodeHeaderText("Street light broken"), "Street light broken");
  EXPECT_EQ(decodeHeaderText("1+1=2 ?= =?"), "1+1=2 ?= =?");
}

TEST(EncodedWords, WhitespaceBetweenWordsOnlyIsDropped) {
  EXPECT_EQ(decodeHeaderText("=?UTF-8?Q?a?= =?UTF-8?Q?b?="), "ab");
  EXPECT_EQ(decodeHeaderText("=?UTF-8?Q?a?=\t  =?UTF-8?Q?b?="), "ab");
  EXPECT_EQ(decodeHeaderText("x =?UTF-8?Q?a?= y"), "x a y");
  EXPECT_EQ(decodeHeaderText("Re: =?UTF-8?B?5L2g5aW9?="), "Re: 你好");
}

TEST(EncodedWords, QUnderscoreAndLowercaseEncoding) {
  EXPECT_EQ(decodeHeaderText("=?utf-8?q?a_b?="), "a b");
}

TEST(EncodedWords, GluedToTextAndLanguageSuffix) {
  EXPECT_EQ(decodeHeaderText("Re:=?UTF-8?B?5L2g5aW9?=!"), "Re:你好!");
  EXPECT_EQ(decodeHeaderText("=?UTF-8*zh-CN?B?5L2g5aW9?="), "你好");
}

TEST(EncodedWords, DifferentCharsetsConvertSeparately) {
  EXPECT_EQ(decodeHeaderText("=?GBK?B?xOO6ww==?= =?UTF-8?B?5L2g5aW9?="), "你好你好");
}

TEST(EncodedWords, MalformedWordsStayText) {
  EXPECT_EQ(decodeHeaderText("=?UTF-8?X?abc?="), "=?UTF-8?X?abc?=");
  EXPECT_EQ(decodeHeaderText("=?UTF-8?B?5L2g"), "=?UTF-8?B?5L2g");
}

TEST(EncodedWords, Raw8BitHeadersAreUtf8ElseGb18030) {
  EXPECT_EQ(decodeHeaderText("投诉"), "投诉");
  EXPECT_EQ(decodeHeaderText("\xCD\xB6\xCB\xDF"), "投诉");
}

TEST(EncodedWords, ContentTypeParameters) {
  const ParameterizedHeader type = parseParameterizedHeader(
      "Multipart/Mixed; boundary=\"----=_NextPart_5F2A\"; charset=GB2312 ; x=\"a\\\"b\"");
  EXPECT_EQ(type.value, "multipart/mixed");
  ASSERT_NE(type.raw("boundary"), nullptr);
  EXPECT_EQ(*type.raw("boundary"), "----=_NextPart_5F2A");
  EXPECT_EQ(*type.raw("CHARSET"), "GB2312");
  EXPECT_EQ(*type.raw("x"), "a\"b");
  EXPECT_EQ(type.raw("name"), nullptr);
  EXPECT_FALSE(type.text("name"));
}

TEST(EncodedWords, Rfc2231ExtendedValue) {
  const ParameterizedHeader disposition = parseParameterizedHeader(
      "attachment; filename*=UTF-8''%E6%8A%95%E8%AF%89%E6%9D%90%E6%96%99.pdf");
  EXPECT_EQ(disposition.value, "attachment");
  EXPECT_EQ(disposition.text("filename").value(), "投诉材料.pdf");
}

TEST(EncodedWords, Rfc2231ContinuationsInGbk) {
  const ParameterizedHeader disposition = parseParameterizedHeader(
      "attachment;\r\n filename*0*=gb2312'zh-cn'%CD%B6%CB%DF;\r\n filename*1*=%B2%C4%C1%CF;\r\n"
      " filename*2=\".pdf\"");
  EXPECT_EQ(disposition.text("filename").value(), "投诉材料.pdf");
}

TEST(EncodedWords, Rfc2231WinsOverThePlainParameter) {
  const ParameterizedHeader disposition = parseParameterizedHeader(
      "attachment; filename=\"fallback.pdf\"; filename*=UTF-8''%E6%8A%95.pdf");
  EXPECT_EQ(disposition.text("filename").value(), "投.pdf");
}

TEST(EncodedWords, PlainContinuations) {
  const ParameterizedHeader type =
      parseParameterizedHeader("message/external-body; URL*0=\"ftp://\"; URL*1=\"cs.utk.edu\"");
  EXPECT_EQ(*type.raw("url"), "ftp://cs.utk.edu");
}

TEST(EncodedWords, EncodedWordInsideAQuotedFilenameIsDecoded) {
  const ParameterizedHeader type =
      parseParameterizedHeader("image/jpeg; name=\"=?GB2312?B?z9azodXVxqwuanBn?=\"");
  EXPECT_EQ(type.text("name").value(), "现场照片.jpg");
  EXPECT_EQ(*type.raw("name"), "=?GB2312?B?z9azodXVxqwuanBn?=");  // raw stays raw
}

TEST(EncodedWords, LenientAboutBrokenParameters) {
  const ParameterizedHeader type =
      parseParameterizedHeader("text/plain; junk; charset=\"utf-8; name=x");
  EXPECT_EQ(*type.raw("charset"), "utf-8; name=x");  // unterminated quote: to the end
  EXPECT_EQ(parseParameterizedHeader("").value, "");
}

TEST(EncodedWords, HostileHeaderTakesLinearTime) {
  // Many openings without a closing "?=": each is given up after a bounded look-ahead.
  std::string hostile;
  for (int i = 0; i < 200000; ++i) hostile += "=?x?B?";
  EXPECT_EQ(decodeHeaderText(hostile), hostile);
}

}  // namespace
}  // namespace civicdesk::channels::email
