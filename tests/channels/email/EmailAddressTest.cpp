// Address lists, message ids and dates as mailers write them.
#include <gtest/gtest.h>

#include "channels/email/MailAddress.hpp"
#include "channels/email/MailDate.hpp"

namespace civicdesk::channels::email {
namespace {

TEST(EmailAddress, DisplayNamesQuotedEncodedAndCommented) {
  const std::vector<Mailbox> list = parseAddressList(
      "\"Zhang, San\" <Zhang@Example.cn>, =?GB2312?B?1cXI/Q==?= <z3@x.cn>,plain@X.cn (Li Si),"
      " <bare@x.cn>");
  ASSERT_EQ(list.size(), 4u);
  EXPECT_EQ(list[0].name, "Zhang, San");
  EXPECT_EQ(list[0].address, "zhang@example.cn");
  EXPECT_EQ(list[1].name, "张三");
  EXPECT_EQ(list[2].address, "plain@x.cn");
  EXPECT_EQ(list[2].name, "Li Si");
  EXPECT_EQ(list[3].name, "");
  EXPECT_EQ(list[3].address, "bare@x.cn");
}

TEST(EmailAddress, GroupsAndEmptyLists) {
  EXPECT_TRUE(parseAddressList("undisclosed-recipients:;").empty());
  EXPECT_TRUE(parseAddressList("").empty());
  const std::vector<Mailbox> list = parseAddressList("team: a@x.cn, B <b@x.cn>;, c@x.cn");
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[1].address, "b@x.cn");
  EXPECT_EQ(list[2].address, "c@x.cn");
}

TEST(EmailAddress, MessageIds) {
  EXPECT_EQ(parseMessageIds("<a@x> <b@y>\r\n <c@z>"),
            (std::vector<std::string>{"a@x", "b@y", "c@z"}));
  EXPECT_EQ(parseMessageIds("a@x b@y"), (std::vector<std::string>{"a@x", "b@y"}));
  EXPECT_TRUE(parseMessageIds("").empty());
}

TEST(EmailDate, Rfc5322Dates) {
  EXPECT_EQ(parseMailDate("Tue, 2 Jan 2024 10:00:00 +0800"), 1704160800);
  EXPECT_EQ(parseMailDate("2 Jan 2024 02:00 GMT"), 1704160800);
  EXPECT_EQ(parseMailDate("Tue, 02 Jan 2024 02:00:00 +0000 (UTC)"), 1704160800);
  EXPECT_EQ(parseMailDate("Mon, 1 Jan 2024 21:00:00 -0500"), 1704160800);
  EXPECT_FALSE(parseMailDate("yesterday"));
  EXPECT_FALSE(parseMailDate("Tue, 2 Foo 2024 10:00:00 +0800"));
}

}  // namespace
}  // namespace civicdesk::channels::email
