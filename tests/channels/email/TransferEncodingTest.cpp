// Content-Transfer-Encoding decoding as mail needs it: tolerant of line breaks, truncation and
// the small mistakes of real mailers.
#include "channels/email/TransferEncoding.hpp"

#include <gtest/gtest.h>

namespace civicdesk::channels::email {
namespace {

TEST(TransferEncoding, Base64IgnoresLineBreaksAndJunk) {
  EXPECT_EQ(decodeBase64Lenient("5L2g\r\n5aW9"), "你好");
  EXPECT_EQ(decodeBase64Lenient(" 5L2g5aW9 \n"), "你好");
  EXPECT_EQ(decodeBase64Lenient("5L2g*5aW9"), "你好");
  EXPECT_EQ(decodeBase64Lenient("xOO6ww=="), "\xC4\xE3\xBA\xC3");
}

TEST(TransferEncoding, Base64KeepsWhatATruncatedQuantumCompletes) {
  EXPECT_EQ(decodeBase64Lenient("aGVsbG8"), "hello");         // padding missing
  EXPECT_EQ(decodeBase64Lenient("aGVsbG8=aGk="), "hellohi");  // concatenated encodings
  EXPECT_EQ(decodeBase64Lenient("aGVsbG8gd"), "hello ");      // cut mid-quantum
  EXPECT_EQ(decodeBase64Lenient(""), "");
}

TEST(TransferEncoding, QuotedPrintableOctetsAndSoftBreaks) {
  EXPECT_EQ(decodeQuotedPrintable("=C4=E3=BA=C3"), "\xC4\xE3\xBA\xC3");
  EXPECT_EQ(decodeQuotedPrintable("=c4=e3"), "\xC4\xE3");  // lowercase hex
  EXPECT_EQ(decodeQuotedPrintable("abc=\r\ndef"), "abcdef");
  EXPECT_EQ(decodeQuotedPrintable("abc=\ndef"), "abcdef");      // bare LF
  EXPECT_EQ(decodeQuotedPrintable("abc=  \r\ndef"), "abcdef");  // padding after the '='
}

TEST(TransferEncoding, QuotedPrintableHardBreaksAndStrayEquals) {
  EXPECT_EQ(decodeQuotedPrintable("a  \nb"), "a\r\nb");  // trailing space is transport's
  EXPECT_EQ(decodeQuotedPrintable("1+1=2"), "1+1=2");    // not an escape: kept
  EXPECT_EQ(decodeQuotedPrintable("x=ZZ"), "x=ZZ");
  EXPECT_EQ(decodeQuotedPrintable("end="), "end");
}

TEST(TransferEncoding, QEncodingUnderscoreIsSpace) {
  EXPECT_EQ(decodeQEncoding("a_b=20c"), "a b c");
  EXPECT_EQ(decodeQEncoding("=C4=E3=BA=C3"), "\xC4\xE3\xBA\xC3");
}

TEST(TransferEncoding, ByName) {
  EXPECT_EQ(decodeTransferEncoding("5L2g5aW9", " BASE64 "), "你好");
  EXPECT_EQ(decodeTransferEncoding("a=3Db", "Quoted-Printable"), "a=b");
  EXPECT_EQ(decodeTransferEncoding("a=3Db", "8bit"), "a=3Db");
  EXPECT_EQ(decodeTransferEncoding("a=3Db", "x-unknown"), "a=3Db");
}

}  // namespace
}  // namespace civicdesk::channels::email
