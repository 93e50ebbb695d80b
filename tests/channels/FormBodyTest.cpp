#include "channels/FormBody.hpp"

#include <gtest/gtest.h>

namespace civicdesk::channels {
namespace {

TEST(FormBody, DecodesPlusPercentAndKeepsRepeatsInOrder) {
  auto fields = parseFormBody("Body=%E4%BD%A0%E5%A5%BD+world&From=%2B8613800138000&a=1&a=2&empty=");
  ASSERT_TRUE(fields.has_value());
  ASSERT_EQ(fields->size(), 5u);
  EXPECT_EQ((*fields)[0].second, "你好 world");
  EXPECT_EQ(*formValue(*fields, "From"), "+8613800138000");
  EXPECT_EQ((*fields)[2], (std::pair<std::string, std::string>{"a", "1"}));
  EXPECT_EQ((*fields)[3], (std::pair<std::string, std::string>{"a", "2"}));
  EXPECT_EQ(*formValue(*fields, "empty"), "");
  EXPECT_EQ(formValue(*fields, "missing"), nullptr);
}

TEST(FormBody, RefusesABrokenEscapeNamingTheField) {
  auto fields = parseFormBody("a=1&b=%E4%B");
  ASSERT_FALSE(fields.has_value());
  EXPECT_EQ(fields.error(), "bad percent-escape in field 2");
  EXPECT_FALSE(parseFormBody("a=%zz").has_value());
}

TEST(FormBody, EncodesWhatItDecodes) {
  FormFields fields{{"To", "+8613800138000"}, {"Body", "您好 & 再见"}};
  auto round = parseFormBody(encodeFormBody(fields));
  ASSERT_TRUE(round.has_value());
  EXPECT_EQ(*round, fields);
}

}  // namespace
}  // namespace civicdesk::channels
