// The digest primitives every channel's signature check is built on, against the FIPS 180
// examples ("abc" and the empty message).
#include "channels/Signature.hpp"

#include <gtest/gtest.h>

namespace civicdesk::channels {
namespace {

TEST(Signature, Sha1OfTheFipsExamples) {
  EXPECT_EQ(sha1Hex("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(sha1Hex(""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  EXPECT_EQ(sha1("abc").size(), 20u);
  EXPECT_EQ(toHex(sha1("abc")), sha1Hex("abc"));
}

TEST(Signature, Sha256OfTheFipsExample) {
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Signature, ConstantTimeEqualsComparesWholeStrings) {
  EXPECT_TRUE(constantTimeEquals("abc", "abc"));
  EXPECT_FALSE(constantTimeEquals("abc", "abd"));
  EXPECT_FALSE(constantTimeEquals("abc", "abcd"));
}

}  // namespace
}  // namespace civicdesk::channels
