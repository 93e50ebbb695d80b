// Request targets split as the routes expect them (the values cpp-httplib handed them before).
#include "bot/HttpTarget.hpp"

#include "channels/FormBody.hpp"

#include <gtest/gtest.h>

namespace civicdesk::bot::test {
namespace {

TEST(HttpTarget, PathIsDecodedAndKeepsItsPlus) {
  const auto target = splitTarget("/sms/aliyun/a%20b+c");
  EXPECT_EQ(target.path, "/sms/aliyun/a b+c");
  EXPECT_TRUE(target.query.empty());
}

TEST(HttpTarget, QueryValuesAreDecodedWithPlusAsSpace) {
  const auto target = splitTarget("/wechat?signature=abc&msg=%E4%BD%A0+%E5%A5%BD&flag");
  EXPECT_EQ(target.path, "/wechat");
  EXPECT_EQ(target.query.at("signature"), "abc");
  EXPECT_EQ(target.query.at("msg"), "你 好");
  EXPECT_EQ(target.query.at("flag"), "");
}

TEST(HttpTarget, TheFirstValueOfARepeatedNameIsKept) {
  const auto target = splitTarget("/x?a=1&a=2&&b=%2B");
  EXPECT_EQ(target.query.at("a"), "1");
  EXPECT_EQ(target.query.at("b"), "+");
  EXPECT_EQ(target.query.size(), 2u);
}

TEST(HttpTarget, MalformedEscapesStayAsSent) {
  EXPECT_EQ(channels::decodeUrlComponent("100%", false), "100%");
  EXPECT_EQ(channels::decodeUrlComponent("%zz%4", false), "%zz%4");
  EXPECT_EQ(channels::decodeUrlComponent("%41%62", false), "Ab");
}

TEST(HttpTarget, AFragmentIsNotPartOfTheQuery) {
  const auto target = splitTarget("/x?a=1#b=2");
  EXPECT_EQ(target.query.at("a"), "1");
  EXPECT_EQ(target.query.count("b"), 0u);
}

}  // namespace
}  // namespace civicdesk::bot::test
