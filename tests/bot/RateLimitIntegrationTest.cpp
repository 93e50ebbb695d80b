// A flood from one WeChat sender is refused before it is stored; everyone else is served.
// The real service on loopback, signed requests.
#include <gtest/gtest.h>

#include <string>

#include "tests/bot/ServiceHarness.hpp"
#include "tests/bot/WeChatTestClient.hpp"

namespace civicdesk::testing {
namespace {

TEST(RateLimitIntegration, AFloodFromOneSenderIsRefusedUnstoredWhileOthersAreServed) {
  ServiceHarness harness(
      {{"CIVICDESK_RATE_LIMIT_BURST", "3"}, {"CIVICDESK_RATE_LIMIT_PER_MINUTE", "1"}});
  harness.start();
  WeChatTestClient client(harness.port(), kTestToken, kTestAppId);
  for (std::uint64_t id = 1; id <= 3; ++id) {
    EXPECT_EQ(client.sendText("oFlood", "你好", id).status, 200);
  }
  const auto refused = client.sendText("oFlood", "你好", 4);
  EXPECT_EQ(refused.status, 429);
  EXPECT_NE(refused.body.find("too many messages"), std::string::npos) << refused.body;
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM inbound_messages WHERE platform_id = '4'"), 0);
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM inbound_messages"), 3);

  // Another citizen, at the same moment, is answered as usual.
  const auto other = client.sendText("oNeighbour", "你好", 5);
  EXPECT_EQ(other.status, 200);
  EXPECT_FALSE(other.content.empty());
  EXPECT_EQ(harness.count("SELECT COUNT(*) FROM inbound_messages"), 4);
}

TEST(RateLimitIntegration, ABurstOfZeroTurnsTheLimitOff) {
  ServiceHarness harness(Env{{"CIVICDESK_RATE_LIMIT_BURST", "0"}});
  harness.start();
  WeChatTestClient client(harness.port(), kTestToken, kTestAppId);
  for (std::uint64_t id = 1; id <= 40; ++id) {
    ASSERT_EQ(client.sendText("oBusy", "你好", id).status, 200) << "message " << id;
  }
}

}  // namespace
}  // namespace civicdesk::testing
