// One citizen across channels: which numbers are mainland mobiles (the "phone" contact key).
#include "bot/CitizenIdentity.hpp"

#include <gtest/gtest.h>

namespace civicdesk::bot {
namespace {

TEST(CitizenIdentity, MainlandMobilesInEverySpellingShareOneKey) {
  for (const char* spelling : {"13800138000", "+8613800138000", "008613800138000", "8613800138000",
                               "138 0013 8000", "+86 138-0013-8000"}) {
    EXPECT_EQ(mainlandMobile(spelling), "13800138000") << spelling;
  }
}

TEST(CitizenIdentity, AnotherCountrysNumberIsNotAMainlandMobile) {
  // 11 digits after "+1" look like a mainland mobile; an SMS to "+8614155550100" would be
  // somebody else's.
  EXPECT_FALSE(mainlandMobile("+14155550100").has_value());
  EXPECT_FALSE(mainlandMobile("0014155550100").has_value());
  EXPECT_FALSE(mainlandMobile("+85291234567").has_value());
  EXPECT_FALSE(mainlandMobile("057188888888").has_value());  // a landline
  EXPECT_FALSE(mainlandMobile("12345678901").has_value());   // no mobile starts 12
  EXPECT_FALSE(mainlandMobile("1380013800a").has_value());
}

}  // namespace
}  // namespace civicdesk::bot
