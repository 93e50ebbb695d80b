// splitForSms (PROTOCOLS.md §3.7): characters counted as code points, sentence boundaries
// preferred, "(i/n)" inside the limit, never half a UTF-8 sequence.
#include "channels/sms/SmsText.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "util/Utf8.hpp"

namespace civicdesk::channels {
namespace {

std::string repeat(std::string_view unit, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

void expectWithin(const std::vector<std::string>& parts, std::size_t limit) {
  for (const std::string& part : parts) {
    EXPECT_LE(utf8::length(part), limit) << part;
    EXPECT_EQ(utf8::sanitize(part), part) << "invalid UTF-8 in " << part;
  }
}

TEST(SmsText, ShortTextUnchanged) {
  EXPECT_EQ(splitForSms("您的投诉已登记，编号 TS-2026-000001。"),
            (std::vector<std::string>{"您的投诉已登记，编号 TS-2026-000001。"}));
  EXPECT_EQ(splitForSms(""), (std::vector<std::string>{""}));
}

TEST(SmsText, SeventyChineseCharactersIsOneSms) {
  const std::string text = repeat("字", 70);  // 210 bytes, 70 characters
  EXPECT_EQ(splitForSms(text), (std::vector<std::string>{text}));
  EXPECT_EQ(splitForSms(text + "多").size(), 2u);
}

TEST(SmsText, SplitsOnChineseSentenceEnds) {
  const std::string first = repeat("甲", 39) + "。";   // 40
  const std::string second = repeat("乙", 29) + "！";  // 30
  const std::string third = repeat("丙", 19) + "？";   // 20
  const auto parts = splitForSms(first + second + third);
  // Capacity 70 - 5 = 65: first+second (70) do not fit together.
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0], "(1/2)" + first);
  EXPECT_EQ(parts[1], "(2/2)" + second + third);
  expectWithin(parts, 70);
}

TEST(SmsText, SplitsOnNewlineAndSemicolon) {
  const std::string a = repeat("一", 40) + "；";
  const std::string b = repeat("二", 40) + "\n";
  const std::string c = repeat("三", 10);
  const auto parts = splitForSms(a + b + c);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0], "(1/2)" + a);
  EXPECT_EQ(parts[1], "(2/2)" + b.substr(0, b.size() - 1) + "\n" + c);
}

TEST(SmsText, AsciiSentenceEndsNeedFollowingSpace) {
  const std::string text =
      "Your case TS-2026-000001 is registered. See www.gov.cn for version 3.5 of the rules! "
      "Reply 1 to confirm; reply 2 to cancel?";
  const auto parts = splitForSms(text, 50);
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0], "(1/3)Your case TS-2026-000001 is registered.");
  EXPECT_EQ(parts[1], "(2/3)See www.gov.cn for version 3.5 of the rules!");
  EXPECT_EQ(parts[2], "(3/3)Reply 1 to confirm; reply 2 to cancel?");
  expectWithin(parts, 50);
}

TEST(SmsText, LongSentenceIsCutHard) {
  const std::string text = repeat("长", 150);
  const auto parts = splitForSms(text);
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0], "(1/3)" + repeat("长", 65));
  EXPECT_EQ(parts[1], "(2/3)" + repeat("长", 65));
  EXPECT_EQ(parts[2], "(3/3)" + repeat("长", 20));
  expectWithin(parts, 70);
}

TEST(SmsText, CutRemainderSharesItsPartWithTheNextSentence) {
  const std::string text = repeat("长", 70) + "。" + repeat("短", 9) + "。";
  const auto parts = splitForSms(text);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0], "(1/2)" + repeat("长", 65));
  EXPECT_EQ(parts[1], "(2/2)" + repeat("长", 5) + "。" + repeat("短", 9) + "。");
}

TEST(SmsText, FourByteCharactersAreNeverSplit) {
  const std::string text = repeat("😀", 100);  // U+1F600, 4 bytes each
  const auto parts = splitForSms(text);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0], "(1/2)" + repeat("😀", 65));
  EXPECT_EQ(parts[1], "(2/2)" + repeat("😀", 35));
  expectWithin(parts, 70);
}

TEST(SmsText, TenOrMorePartsWidenThePrefix) {
  const std::string text = repeat("句", 600);
  const auto parts = splitForSms(text);
  // "(10/10)" is 7 wide: capacity 63, 600 / 63 → 10 parts.
  ASSERT_EQ(parts.size(), 10u);
  EXPECT_EQ(parts[0], "(1/10)" + repeat("句", 63));
  EXPECT_EQ(parts[9], "(10/10)" + repeat("句", 600 - 9 * 63));
  expectWithin(parts, 70);
}

TEST(SmsText, InvalidBytesBecomeReplacementCharacters) {
  const std::string text =
      "ab\xE4\xBD"
      "cd";  // a truncated 3-byte sequence
  const auto parts = splitForSms(text);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0], utf8::sanitize(text));
}

TEST(SmsText, WhiteSpaceAtPartEdgesDropped) {
  const std::string text = repeat("甲", 60) + "。   \n" + repeat("乙", 20);
  const auto parts = splitForSms(text);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0], "(1/2)" + repeat("甲", 60) + "。");
  EXPECT_EQ(parts[1], "(2/2)" + repeat("乙", 20));
  // Over the limit only by trailing white space: one message, trimmed.
  EXPECT_EQ(splitForSms(repeat("丙", 70) + "  "), (std::vector<std::string>{repeat("丙", 70)}));
}

TEST(SmsText, TooSmallLimitThrows) {
  EXPECT_THROW(splitForSms("abcdefghij", 5), std::invalid_argument);
  EXPECT_NO_THROW(splitForSms("abcdefghij", 7));
}

}  // namespace
}  // namespace civicdesk::channels
