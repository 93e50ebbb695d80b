// Charset labels to UTF-8: the GB2312-means-GBK rule, Big5, HZ, and the strict, lenient and
// best-effort modes the MIME reader chooses between.
#include "channels/email/Charset.hpp"

#include <gtest/gtest.h>

#include <string>

namespace civicdesk::channels::email {
namespace {

const std::string kNihaoGbk = "\xC4\xE3\xBA\xC3";     // 你好
const std::string kWangRongGbk = "\xCD\xF5\xE9\x46";  // 王镕: 镕 is GBK, not GB2312

TEST(Charset, EveryGbLabelDecodesAsGb18030) {
  for (const char* label : {"GB2312", "gb2312", "\"GB2312\"", "GBK", "x-gbk", "cp936", "GB18030",
                            "euc-cn", "csGB2312"}) {
    Expected<std::string, std::string> text = toUtf8(kWangRongGbk, label);
    ASSERT_TRUE(text) << label << ": " << text.error();
    EXPECT_EQ(*text, "王镕") << label;
  }
}

TEST(Charset, Big5) {
  Expected<std::string, std::string> text = toUtf8("\xA7\x41\xA6\x6E", "big5");
  ASSERT_TRUE(text) << text.error();
  EXPECT_EQ(*text, "你好");
}

TEST(Charset, HzGb2312) {
  Expected<std::string, std::string> text = toUtf8("~{Dc:C~} ~~ok", "HZ-GB-2312");
  ASSERT_TRUE(text) << text.error();
  EXPECT_EQ(*text, "你好 ~ok");
}

TEST(Charset, Utf8AsciiAndLatin1) {
  EXPECT_EQ(toUtf8("你好", "UTF-8").value(), "你好");
  EXPECT_EQ(toUtf8("hello", "us-ascii").value(), "hello");
  EXPECT_EQ(toUtf8("caf\xE9", "iso-8859-1").value(), "café");
}

TEST(Charset, InvalidSequencesAndUnknownLabelsAreErrors) {
  EXPECT_FALSE(toUtf8(kNihaoGbk, "utf-8"));
  EXPECT_FALSE(toUtf8("caf\xE9", "us-ascii"));
  EXPECT_FALSE(toUtf8("\xC4", "gbk"));  // a lead byte without its trail byte
  EXPECT_FALSE(toUtf8("abc", "x-no-such-charset"));
  EXPECT_FALSE(toUtf8("abc", "utf-8//IGNORE"));  // iconv suffixes are not labels
  EXPECT_FALSE(isKnownCharset("x-no-such-charset"));
  EXPECT_TRUE(isKnownCharset("koi8-r"));  // known to iconv, beyond our table
}

TEST(Charset, LenientReplacesOnlyTheBadBytes) {
  EXPECT_EQ(toUtf8Lenient("\xC4\xE3\xFF\xBA\xC3", "gbk"), "你\uFFFD好");
  EXPECT_EQ(toUtf8Lenient("ok\xFF", "utf-8"), "ok\uFFFD");
  EXPECT_EQ(toUtf8Lenient("ok\xFF", "x-no-such-charset"), "ok\uFFFD");
}

TEST(Charset, BestEffortFallsBackFromUtf8ToGb18030) {
  EXPECT_EQ(toUtf8BestEffort(kNihaoGbk, ""), "你好");           // undeclared GBK
  EXPECT_EQ(toUtf8BestEffort("你好", ""), "你好");              // undeclared UTF-8
  EXPECT_EQ(toUtf8BestEffort(kNihaoGbk, "us-ascii"), "你好");   // mislabelled
  EXPECT_EQ(toUtf8BestEffort("你好", "gb2312"), "浣犲ソ");      // labelled: the label wins
  EXPECT_EQ(toUtf8BestEffort(kNihaoGbk, "x-unknown"), "你好");  // unknown label
}

}  // namespace
}  // namespace civicdesk::channels::email
