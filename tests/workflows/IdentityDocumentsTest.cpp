// The check characters of the resident identity card (GB 11643-1999, ISO 7064 MOD 11-2) and
// the unified social credit code (GB 32100-2015). The vectors were computed by hand from the
// standards' weights, not copied from the code under test.
#include <gtest/gtest.h>

#include "workflows/info_requests/Application.hpp"

namespace civicdesk::workflows {
namespace {

TEST(IdentityDocuments, ResidentIdWithTheRightCheckDigitIsValid) {
  EXPECT_TRUE(isValidResidentId("11010519491231002X"));  // the standard's own example
  EXPECT_TRUE(isValidResidentId("110105199003071239"));
  EXPECT_TRUE(isValidResidentId("11010520240229002X"));  // 2024 is a leap year
}

TEST(IdentityDocuments, ResidentIdAcceptsSpacesAndALowerCaseX) {
  EXPECT_TRUE(isValidResidentId("11010519491231002x"));
  EXPECT_TRUE(isValidResidentId("110105 19491231 002X"));
  EXPECT_TRUE(
      isValidResidentId("\xE3\x80\x80"
                        "11010519491231002X"));
}

TEST(IdentityDocuments, ResidentIdWithAWrongCheckDigitIsRefused) {
  EXPECT_FALSE(isValidResidentId("110105194912310021"));
  EXPECT_FALSE(isValidResidentId("110105199003071230"));
  // Two digits swapped: the weights catch it.
  EXPECT_FALSE(isValidResidentId("11010519491231020X"));
}

TEST(IdentityDocuments, ResidentIdNeedsEighteenCharactersOfDigits) {
  EXPECT_FALSE(isValidResidentId(""));
  EXPECT_FALSE(isValidResidentId("11010519491231002"));    // 17
  EXPECT_FALSE(isValidResidentId("11010519491231002XX"));  // 19
  EXPECT_FALSE(isValidResidentId("1101051949123100AX"));   // a letter among the digits
  EXPECT_FALSE(isValidResidentId("110105490101001"));      // the old 15-digit card
  EXPECT_FALSE(isValidResidentId("11010519491231002Y"));   // only X stands for 10
}

TEST(IdentityDocuments, ResidentIdNeedsARealBirthDateFrom1900) {
  // Each has the right check digit for its digits; only the date is wrong.
  EXPECT_FALSE(isValidResidentId("110105189912310023"));  // 1899
  EXPECT_FALSE(isValidResidentId("110105202302300024"));  // 30 February
  EXPECT_FALSE(isValidResidentId("110105202302290022"));  // 29 February of a common year
  EXPECT_FALSE(isValidResidentId("110105194913310021"));  // month 13
}

TEST(IdentityDocuments, CreditCodeWithTheRightCheckCharacterIsValid) {
  EXPECT_TRUE(isValidCreditCode("91350100M000100Y43"));
  EXPECT_TRUE(isValidCreditCode("91110000600037341L"));
  EXPECT_TRUE(isValidCreditCode("91440300708461136T"));
  EXPECT_TRUE(isValidCreditCode("121000004000000010"));  // weighted sum a multiple of 31: "0"
}

TEST(IdentityDocuments, CreditCodeWithAWrongCheckCharacterIsRefused) {
  EXPECT_FALSE(isValidCreditCode("91350100M000100Y44"));
  EXPECT_FALSE(isValidCreditCode("91110000600037341K"));
  EXPECT_FALSE(isValidCreditCode("91350100M000100Y4"));    // 17
  EXPECT_FALSE(isValidCreditCode("91350100M000100Y433"));  // 19
}

TEST(IdentityDocuments, CreditCodeRefusesTheLettersTheStandardLeavesOut) {
  // I, O, Z, S and V are not in the alphabet, wherever they stand.
  for (const char* code : {"91350100I000100Y43", "91350100O000100Y43", "91350100Z000100Y43",
                           "91350100S000100Y43", "91350100V000100Y43", "91350100M000100Y4I"}) {
    EXPECT_FALSE(isValidCreditCode(code)) << code;
  }
}

TEST(IdentityDocuments, CreditCodeAcceptsSpacesAndLowerCase) {
  EXPECT_TRUE(isValidCreditCode("91350100m000100y43"));
  EXPECT_TRUE(isValidCreditCode("913501 00M000100Y43"));
}

TEST(IdentityDocuments, NormalisingUpperCasesAndRemovesSpaces) {
  EXPECT_EQ(normaliseIdNumber("11010519491231002x"), "11010519491231002X");
  EXPECT_EQ(normaliseIdNumber(" 110105 19491231\t002x "), "11010519491231002X");
  EXPECT_EQ(normaliseIdNumber("\xE3\x80\x80"
                              "e12345678"),
            "E12345678");
  EXPECT_EQ(normaliseIdNumber(""), "");
}

}  // namespace
}  // namespace civicdesk::workflows
