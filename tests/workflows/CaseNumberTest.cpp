// Case numbers: "TS-2026-000123", strictly formatted, leniently read back from citizens.
#include "workflows/complaints/CaseNumber.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

#include "workflows/complaints/Complaint.hpp"

namespace civicdesk::workflows {
namespace {

TEST(CaseNumber, Format) {
  EXPECT_EQ(formatCaseNumber(2026, 123), "TS-2026-000123");
  EXPECT_EQ(formatCaseNumber(2027, 1), "TS-2027-000001");
  EXPECT_EQ(formatCaseNumber(2026, 999999), "TS-2026-999999");
  EXPECT_THROW(formatCaseNumber(2026, 1000000), std::out_of_range);
  EXPECT_THROW(formatCaseNumber(2026, 0), std::out_of_range);
  EXPECT_THROW(formatCaseNumber(-1, 5), std::out_of_range);
}

TEST(CaseNumber, StrictCheck) {
  EXPECT_TRUE(isCaseNumber("TS-2026-000123"));
  EXPECT_TRUE(isCaseNumber(formatCaseNumber(2031, 42)));
  EXPECT_FALSE(isCaseNumber("ts-2026-000123"));
  EXPECT_FALSE(isCaseNumber(" TS-2026-000123"));
  EXPECT_FALSE(isCaseNumber("TS-2026-00123"));
  EXPECT_FALSE(isCaseNumber("TS-2026-0001234"));
  EXPECT_FALSE(isCaseNumber("TS-20A6-000123"));
  EXPECT_FALSE(isCaseNumber("TS_2026_000123"));
  EXPECT_FALSE(isCaseNumber("TS2026000123"));
  EXPECT_FALSE(isCaseNumber(""));
}

TEST(CaseNumber, Parse) {
  auto parts = parseCaseNumber("TS-2026-000123");
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->year, 2026);
  EXPECT_EQ(parts->sequence, 123);
  EXPECT_FALSE(parseCaseNumber("ts-2026-000123"));
}

TEST(CaseNumber, NormaliseWhatCitizensType) {
  const std::optional<std::string> expected = "TS-2026-000123";
  EXPECT_EQ(normaliseCaseNumber("TS-2026-000123"), expected);
  EXPECT_EQ(normaliseCaseNumber("  ts-2026-000123\n"), expected);
  EXPECT_EQ(normaliseCaseNumber("ＴＳ－２０２６－０００１２３"), expected);  // full width
  EXPECT_EQ(normaliseCaseNumber("TS—2026—000123"), expected);                // em dash
  EXPECT_EQ(normaliseCaseNumber("TS——2026——000123"), expected);              // IME "——"
  EXPECT_EQ(normaliseCaseNumber("TS 2026 000123"), expected);
  EXPECT_EQ(normaliseCaseNumber("ts2026000123"), expected);
  EXPECT_EQ(normaliseCaseNumber("　TS-2026-000123　"), expected);  // ideographic spaces
}

TEST(CaseNumber, NormaliseRefusesOtherText) {
  EXPECT_FALSE(normaliseCaseNumber(""));
  EXPECT_FALSE(normaliseCaseNumber("我的案件号是TS-2026-000123"));
  EXPECT_FALSE(normaliseCaseNumber("TS-2026-00123"));
  EXPECT_FALSE(normaliseCaseNumber("XS-2026-000123"));
  EXPECT_FALSE(normaliseCaseNumber("TS-2026-000123-1"));
  EXPECT_FALSE(normaliseCaseNumber("TS-2026-000123\xFF"));
  EXPECT_FALSE(normaliseCaseNumber("\xE5\x88"));  // truncated UTF-8
  EXPECT_FALSE(normaliseCaseNumber(std::string(10000, '-')));
}

TEST(CaseNumber, NormaliseRefusesOverlongUtf8) {
  // An overlong form of an ASCII character is malformed UTF-8, not the character: "\xC0\xAD"
  // is not '-', "\xE0\x80\xB2" is not '2'.
  EXPECT_FALSE(normaliseCaseNumber(std::string("TS\xC0\xAD") + "2026-000123"));
  EXPECT_FALSE(normaliseCaseNumber(std::string("TS-\xE0\x80\xB2") + "026-000123"));
}

}  // namespace
}  // namespace civicdesk::workflows
