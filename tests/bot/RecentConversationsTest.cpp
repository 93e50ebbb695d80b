// The in-memory hint the dialog steps taken ahead start from: bounded, newest version wins.
#include "bot/RecentConversations.hpp"

#include <gtest/gtest.h>

namespace civicdesk::bot::test {
namespace {

store::ConversationRecord record(const std::string& key, std::int64_t version,
                                 const std::string& state = "menu") {
  store::ConversationRecord r;
  r.key = key;
  r.state = state;
  r.version = version;
  return r;
}

TEST(RecentConversations, RemembersTheLastCommittedSnapshot) {
  RecentConversations recent(4);
  EXPECT_EQ(recent.find("wechat:oA"), nullptr);
  recent.remember(record("wechat:oA", 1, "complaint.unit"));
  recent.remember(record("wechat:oA", 2, "complaint.office"));
  const auto found = recent.find("wechat:oA");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->version, 2);
  EXPECT_EQ(found->state, "complaint.office");
}

TEST(RecentConversations, AnOlderVersionDoesNotReplaceANewerOne) {
  RecentConversations recent(4);
  recent.remember(record("wechat:oA", 5));
  recent.remember(record("wechat:oA", 3));
  EXPECT_EQ(recent.find("wechat:oA")->version, 5);
}

TEST(RecentConversations, KeepsAtMostTwoGenerations) {
  RecentConversations recent(2);
  for (int i = 0; i < 10; ++i) recent.remember(record("k" + std::to_string(i), 1));
  EXPECT_LE(recent.size(), 4u);
  // The newest are kept, the oldest dropped.
  EXPECT_NE(recent.find("k9"), nullptr);
  EXPECT_NE(recent.find("k8"), nullptr);
  EXPECT_EQ(recent.find("k0"), nullptr);
}

TEST(RecentConversations, AnEntryOfThePreviousGenerationIsStillFoundAndUpdated) {
  RecentConversations recent(2);
  recent.remember(record("a", 1));
  recent.remember(record("b", 1));
  recent.remember(record("c", 1));  // a and b are now the previous generation
  EXPECT_EQ(recent.find("a")->version, 1);
  recent.remember(record("a", 2));
  EXPECT_EQ(recent.find("a")->version, 2);
}

}  // namespace
}  // namespace civicdesk::bot::test
