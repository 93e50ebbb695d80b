// Parsing WeChat's XML safely, and writing replies WeChat (and any XML parser) reads back.
#include "channels/wechat/WeChatXml.hpp"

#include <gtest/gtest.h>

#include <string>

#include "tests/channels/XmlReadBack.hpp"

namespace civicdesk::channels {
namespace {

using civicdesk::testing::readBack;

constexpr const char* kTextMessage =
    "<xml>\n"
    " <ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>\n"
    " <FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>\n"
    " <CreateTime>1409735668</CreateTime>\n"
    " <MsgType><![CDATA[text]]></MsgType>\n"
    " <Content><![CDATA[路灯坏了 & <不亮>]]></Content>\n"
    " <MsgId>6054768590064713728</MsgId>\n"
    "</xml>";

TEST(WeChatXmlParse, ReadsCdataAndPlainFields) {
  auto fields = parseWeChatXml(kTextMessage);
  ASSERT_TRUE(fields.has_value()) << fields.error().message;
  EXPECT_EQ(fields->getOr("ToUserName"), "gh_10f6c3c3ac5a");
  EXPECT_EQ(fields->getOr("CreateTime"), "1409735668");
  EXPECT_EQ(fields->getOr("Content"), "路灯坏了 & <不亮>");
  EXPECT_EQ(fields->getOr("MsgId"), "6054768590064713728");
  EXPECT_FALSE(fields->has("Recognition"));
  EXPECT_EQ(fields->get("Recognition"), std::nullopt);
}

TEST(WeChatXmlParse, JoinsAFieldSplitOverSeveralCdataSections) {
  auto fields = parseWeChatXml("<xml><Content><![CDATA[a]]]]><![CDATA[>b]]>&amp;c</Content></xml>");
  ASSERT_TRUE(fields.has_value()) << fields.error().message;
  EXPECT_EQ(fields->getOr("Content"), "a]]>b&c");
}

TEST(WeChatXmlParse, FirstOfTwoDuplicateFieldsWins) {
  auto fields =
      parseWeChatXml("<xml><FromUserName>a</FromUserName><FromUserName>b</FromUserName></xml>");
  ASSERT_TRUE(fields.has_value());
  EXPECT_EQ(fields->getOr("FromUserName"), "a");
}

TEST(WeChatXmlParse, RefusesAnExternalEntity) {
  auto fields = parseWeChatXml(
      "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
      "<xml><Content>&xxe;</Content></xml>");
  ASSERT_FALSE(fields.has_value());
  EXPECT_NE(fields.error().message.find("DOCTYPE"), std::string::npos);
}

TEST(WeChatXmlParse, RefusesDoctypeInAnyCase) {
  EXPECT_FALSE(parseWeChatXml("<!doctype xml><xml><A>1</A></xml>").has_value());
  EXPECT_FALSE(parseWeChatXml("<!DocType xml><xml><A>1</A></xml>").has_value());
}

TEST(WeChatXmlParse, RefusesABillionLaughs) {
  EXPECT_FALSE(parseWeChatXml("<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                              "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
                              "<xml><Content>&lol2;</Content></xml>")
                   .has_value());
}

TEST(WeChatXmlParse, RefusesABareEntityDeclaration) {
  EXPECT_FALSE(parseWeChatXml("<xml><!ENTITY x \"y\"><A>1</A></xml>").has_value());
}

// The scan skips comments as a whole: one that mentions "<![CDATA[" must not hide the
// declaration after it.
TEST(WeChatXmlParse, RefusesADoctypeAfterACommentThatMentionsCdata) {
  EXPECT_FALSE(parseWeChatXml("<!-- <![CDATA[ --><!DOCTYPE x><xml><A>]]></A></xml>").has_value());
  EXPECT_FALSE(parseWeChatXml("<!-- x --><!DOCTYPE x><xml><A>1</A></xml>").has_value());
}

// A citizen may type anything, including the text of a declaration: inside CDATA it is
// content, and refusing it would show them WeChat's "service unavailable" screen.
TEST(WeChatXmlParse, AcceptsDeclarationTextTypedInsideCdata) {
  auto fields =
      parseWeChatXml("<xml><Content><![CDATA[<!DOCTYPE html> <!ENTITY>]]></Content></xml>");
  ASSERT_TRUE(fields.has_value()) << fields.error().message;
  EXPECT_EQ(fields->getOr("Content"), "<!DOCTYPE html> <!ENTITY>");
}

TEST(WeChatXmlParse, RefusesMalformedXml) {
  EXPECT_FALSE(parseWeChatXml("<xml><Content>unclosed</xml>").has_value());
  EXPECT_FALSE(parseWeChatXml("<xml><Content><![CDATA[never closed</Content></xml>").has_value());
  EXPECT_FALSE(parseWeChatXml("").has_value());
  EXPECT_FALSE(parseWeChatXml("{\"MsgType\":\"text\"}").has_value());
}

TEST(WeChatXmlParse, RequiresOneXmlRoot) {
  EXPECT_FALSE(parseWeChatXml("<message><A>1</A></message>").has_value());
  EXPECT_FALSE(parseWeChatXml("<xml><A>1</A></xml><xml><A>2</A></xml>").has_value());
}

TEST(WeChatXmlCdata, SplitsTheCdataTerminatorAcrossTwoSections) {
  EXPECT_EQ(cdata("a]]>b"), "<![CDATA[a]]]]><![CDATA[>b]]>");
}

TEST(WeChatXmlCdata, AnyConsumerReadsTheOriginalTextBack) {
  for (std::string text : {"a]]>b", "]]>", "]]>]]>", "x]]", "]]]>>", "plain 中文", ""}) {
    const std::string xml = "<xml><Content>" + cdata(text) + "</Content></xml>";
    EXPECT_EQ(readBack(xml, "Content"), text) << xml;
    auto fields = parseWeChatXml(xml);
    ASSERT_TRUE(fields.has_value()) << xml;
    EXPECT_EQ(fields->getOr("Content"), text);
  }
}

TEST(WeChatXmlCdata, DropsControlCharactersXmlForbids) {
  const std::string xml =
      "<xml><Content>" + cdata(std::string("a\x01\x1f\tb\nc", 8)) + "</Content></xml>";
  EXPECT_EQ(readBack(xml, "Content"), "a\tb\nc");
}

TEST(WeChatXmlRender, TextReplyHasTheOfficialFields) {
  const std::string xml = renderTextReply("oCitizen", "gh_account", 1700000000, "已受理 ]]> ok");
  EXPECT_EQ(readBack(xml, "ToUserName"), "oCitizen");
  EXPECT_EQ(readBack(xml, "FromUserName"), "gh_account");
  EXPECT_EQ(readBack(xml, "CreateTime"), "1700000000");
  EXPECT_EQ(readBack(xml, "MsgType"), "text");
  EXPECT_EQ(readBack(xml, "Content"), "已受理 ]]> ok");
}

TEST(WeChatXmlRender, EncryptedWrapperHasTheOfficialFields) {
  const std::string xml = renderEncryptedReply("AAAA+/==", "abc123", 1411525903, "461056294");
  EXPECT_EQ(readBack(xml, "Encrypt"), "AAAA+/==");
  EXPECT_EQ(readBack(xml, "MsgSignature"), "abc123");
  EXPECT_EQ(readBack(xml, "TimeStamp"), "1411525903");
  EXPECT_EQ(readBack(xml, "Nonce"), "461056294");
}

}  // namespace
}  // namespace civicdesk::channels

namespace civicdesk::channels {
namespace {

// Found by the wechat_xml fuzzer: user names with bytes that are not UTF-8 were echoed into the
// passive reply, which then could not be read back (by us, or by WeChat).
TEST(Fuzz_Regression, AReplyToNamesThatAreNotUtf8IsStillReadableXml) {
  // "]" + control characters + "]>": once the control characters are dropped, "]]>".
  const std::string toUser = "gh\xff\xff\xff\xffnt\n]\x16\x16]></MsgTy\xff";
  const std::string fromUser = "\x1c![CDATA['XoYZ[[[%[";
  const std::string xml = renderTextReply(toUser, fromUser, 1409735700, "收到：\xff\xfe正文");
  auto readBack = parseWeChatXml(xml);
  ASSERT_TRUE(readBack.has_value()) << xml;
  EXPECT_TRUE(readBack->has("Content"));
}

}  // namespace
}  // namespace civicdesk::channels
