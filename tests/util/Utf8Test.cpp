#include "util/Utf8.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace civicdesk::utf8 {
namespace {

using namespace std::string_literals;

TEST(Utf8DecodeAt, WellFormedSequencesOfEveryLength) {
  EXPECT_EQ(decodeAt("A", 0).codePoint, U'A');
  EXPECT_EQ(decodeAt("A", 0).length, 1u);
  EXPECT_EQ(decodeAt("é", 0).codePoint, U'é');
  EXPECT_EQ(decodeAt("é", 0).length, 2u);
  EXPECT_EQ(decodeAt("张", 0).codePoint, U'张');
  EXPECT_EQ(decodeAt("张", 0).length, 3u);
  EXPECT_EQ(decodeAt("😀", 0).codePoint, U'😀');
  EXPECT_EQ(decodeAt("😀", 0).length, 4u);
  EXPECT_TRUE(decodeAt("😀", 0).valid);
  EXPECT_EQ(decodeAt("a张", 1).codePoint, U'张');
  EXPECT_EQ(decodeAt("\x00"s, 0).codePoint, U'\0');
  EXPECT_TRUE(decodeAt("\xF4\x8F\xBF\xBF", 0).valid);  // U+10FFFF, the last code point
}

TEST(Utf8DecodeAt, InvalidBytesCostOneByte) {
  for (const std::string& bad : {
           "\x80"s,              // stray continuation byte
           "\xFF"s,              // impossible lead byte
           "\xF8\x88\x80\x80"s,  // 5-byte form
           "\xE5\x88"s,          // truncated
           "\xE5\x88Z"s,         // a sequence broken by an ASCII byte
           "\xC0\xAF"s,          // overlong '/'
           "\xC1\xBF"s,          // overlong
           "\xE0\x80\xAF"s,      // overlong '/'
           "\xF0\x80\x80\xAF"s,  // overlong '/'
           "\xED\xA0\x80"s,      // surrogate U+D800
           "\xF4\x90\x80\x80"s,  // U+110000
           "\xF5\x80\x80\x80"s,  // above U+10FFFF
       }) {
    const Decoded d = decodeAt(bad, 0);
    EXPECT_FALSE(d.valid) << testing::PrintToString(bad);
    EXPECT_EQ(d.length, 1u) << testing::PrintToString(bad);
    EXPECT_EQ(d.codePoint, kReplacementCharacter) << testing::PrintToString(bad);
  }
}

TEST(Utf8Decode, SkipsOrReplacesInvalidBytes) {
  EXPECT_EQ(decode("张三"), U"张三");
  EXPECT_EQ(decode("张\xff三"), U"张三");
  EXPECT_EQ(decode("张\xff三", OnInvalid::replace), U"张\uFFFD三");
  EXPECT_EQ(decode("\xE5\x88Z"), U"Z");
  EXPECT_EQ(decode("\xE5\x88Z", OnInvalid::replace), U"\uFFFD\uFFFDZ");
  EXPECT_EQ(decode(""), U"");
}

TEST(Utf8Encode, RoundTripsEveryLength) {
  const std::u32string text = U"Aé张😀\U0010FFFF";
  EXPECT_EQ(encode(text), "Aé张😀\xF4\x8F\xBF\xBF");
  EXPECT_EQ(decode(encode(text)), text);
}

TEST(Utf8Sanitize, ReplacesEachInvalidByteAndKeepsValidText) {
  EXPECT_EQ(sanitize("你好, world"), "你好, world");
  EXPECT_EQ(sanitize("a\x80z"), "a\uFFFDz");
  EXPECT_EQ(sanitize("\xE5\x88"), "\uFFFD\uFFFD");
  EXPECT_EQ(sanitize("\xED\xA0\x80"), "\uFFFD\uFFFD\uFFFD");
  EXPECT_EQ(sanitize("\xC0\xAF"), "\uFFFD\uFFFD");
  EXPECT_EQ(sanitize(sanitize("x\xFFy")), sanitize("x\xFFy"));
}

TEST(Utf8Length, CountsCharactersNotBytes) {
  EXPECT_EQ(length(""), 0u);
  EXPECT_EQ(length("abc"), 3u);
  EXPECT_EQ(length("张三"), 2u);
  EXPECT_EQ(length("张\xff三"), 2u);
  EXPECT_EQ(length("😀"), 1u);
}

TEST(Utf8PrefixWithinBytes, EndsOnACharacterBoundary) {
  const std::string text = "ab张三";  // 2 + 3 + 3 bytes
  EXPECT_EQ(prefixWithinBytes(text, 100), text);
  EXPECT_EQ(prefixWithinBytes(text, 8), text);
  EXPECT_EQ(prefixWithinBytes(text, 7), "ab张");
  EXPECT_EQ(prefixWithinBytes(text, 5), "ab张");
  EXPECT_EQ(prefixWithinBytes(text, 4), "ab");
  EXPECT_EQ(prefixWithinBytes(text, 2), "ab");
  EXPECT_EQ(prefixWithinBytes(text, 0), "");
  EXPECT_EQ(prefixWithinBytes("😀", 3), "");
}

TEST(Utf8TruncateBytes, FitsTheByteLimitWithTheMarkAndWholeCharacters) {
  const std::string text = "ab张三李";  // 2 + 3 + 3 + 3 bytes
  EXPECT_EQ(truncateBytes(text, 11), text);
  EXPECT_EQ(truncateBytes(text, 10), "ab张…");  // 7 bytes left for text: "ab张" (5)
  EXPECT_EQ(truncateBytes(text, 8), "ab张…");
  EXPECT_EQ(truncateBytes(text, 7), "ab…");
  EXPECT_EQ(truncateBytes(text, 3), "…");
  EXPECT_LE(truncateBytes(std::string(3000, 'x'), 2048).size(), 2048u);
}

TEST(Utf8Truncate, CutsCharactersAndMarksTheCut) {
  EXPECT_EQ(truncate("一二三四五", 3), "一二三…");
  EXPECT_EQ(truncate("一二三", 3), "一二三");
  EXPECT_EQ(truncate("", 0), "");
  EXPECT_EQ(truncate("ab", 0), "…");
  EXPECT_EQ(truncate("一\xff二", 5), "一二");
}

TEST(Utf8Trim, AsciiNoBreakAndIdeographicSpaces) {
  EXPECT_EQ(trim("\u3000 你好 \u3000"), "你好");
  EXPECT_EQ(trim("\t\r\n\v\f\u00A0x y\u00A0"), "x y");
  EXPECT_EQ(trim("   "), "");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim(" 你\u3000好 "), "你\u3000好");
}

TEST(Utf8ToHalfWidth, FullWidthAsciiFormsOnly) {
  EXPECT_EQ(toHalfWidth(U'Ａ'), U'A');
  EXPECT_EQ(toHalfWidth(U'ｚ'), U'z');
  EXPECT_EQ(toHalfWidth(U'１'), U'1');
  EXPECT_EQ(toHalfWidth(U'－'), U'-');
  EXPECT_EQ(toHalfWidth(U'！'), U'!');  // U+FF01, the first
  EXPECT_EQ(toHalfWidth(U'～'), U'~');  // U+FF5E, the last
  EXPECT_EQ(toHalfWidth(U'\u3000'), U'\u3000');
  EXPECT_EQ(toHalfWidth(U'张'), U'张');
  EXPECT_EQ(toHalfWidth(U'A'), U'A');
}

}  // namespace
TEST(Utf8SplitLines, SplitsAtLineFeedsAndDropsTheCarriageReturnBeforeThem) {
  using V = std::vector<std::string>;
  EXPECT_EQ(utf8::splitLines("姓名：王镕\r\n电话：13800138000\n地址"),
            (V{"姓名：王镕", "电话：13800138000", "地址"}));
  EXPECT_EQ(utf8::splitLines("一\n"), (V{"一", ""}));
  EXPECT_EQ(utf8::splitLines(""), (V{""}));
  EXPECT_EQ(utf8::splitLines("a\r\rb"), (V{"a\r\rb"}));  // a lone CR is not a line break
  EXPECT_EQ(utf8::splitLines("\n\r\n"), (V{"", "", ""}));
}

}  // namespace civicdesk::utf8
