// Menu item 3 end to end: a complaint filed over WeChat shows up in its complainant's progress
// query with the acceptance deadline, and in no one else's.
#include <gtest/gtest.h>

#include "tests/bot/ComplaintFlow.hpp"
#include "tests/bot/ServiceHarness.hpp"
#include "tests/bot/WeChatTestClient.hpp"

namespace civicdesk::testing {
namespace {

TEST(ProgressOverWeChat, TheComplainantSeesTheirCaseWithItsDueDateAndNoOneElseDoes) {
  ServiceHarness harness;
  harness.start();  // Friday 2026-11-27 10:00
  WeChatTestClient client(harness.port(), kTestToken, kTestAppId);
  std::uint64_t id = 7000;
  for (const auto& input : complaintInputs()) {
    ASSERT_EQ(client.sendText("oProgressOwner", input, id++).status, 200) << input;
  }
  ASSERT_EQ(harness.count("SELECT COUNT(*) FROM cases WHERE case_no='TS-2026-000001'"), 1);

  // The acceptance decision is due in 3 working days: Mon 11-30, Tue 12-01, Wed 12-02.
  const WeChatReply own = client.sendText("oProgressOwner", "3", id++);
  ASSERT_EQ(own.status, 200);
  EXPECT_NE(own.content.find("TS-2026-000001"), std::string::npos) << own.content;
  EXPECT_NE(own.content.find("已登记，等待受理审查"), std::string::npos) << own.content;
  EXPECT_NE(own.content.find("2026-12-02"), std::string::npos) << own.content;
  EXPECT_NE(own.content.find("作出是否受理的决定"), std::string::npos) << own.content;

  const WeChatReply byNumber = client.sendText("oProgressOwner", "查询 ts-2026-000001", id++);
  EXPECT_NE(byNumber.content.find("2026-12-02"), std::string::npos) << byNumber.content;

  // Another citizen, knowing (or guessing) the number, learns nothing about the case.
  const WeChatReply other = client.sendText("oProgressStranger", "查询 TS-2026-000001", id++);
  ASSERT_EQ(other.status, 200);
  EXPECT_NE(other.content.find("无法显示案件 TS-2026-000001"), std::string::npos) << other.content;
  EXPECT_EQ(other.content.find("2026-12-02"), std::string::npos) << other.content;
  EXPECT_EQ(other.content.find("已登记"), std::string::npos) << other.content;
  const WeChatReply otherList = client.sendText("oProgressStranger", "3", id++);
  EXPECT_NE(otherList.content.find("还没有提交过投诉"), std::string::npos) << otherList.content;
  EXPECT_EQ(otherList.content.find("TS-2026-000001"), std::string::npos) << otherList.content;
}

}  // namespace
}  // namespace civicdesk::testing
