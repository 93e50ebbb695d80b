// The in-memory hint the dialog steps taken ahead start from: bounded, newest version wins.
#include "bot/RecentConversations.hpp"

#include <gtest/gtest.h>

namespace civicdesk::bot::test {
namespace {

dialogs::DialogSnapshot inState(const std::string& state) {
  dialogs::DialogSnapshot snapshot;
  snapshot.state = state;
  snapshot.slots = {{"respondentUnitId", "edu"}};
  return snapshot;
}

TEST(RecentConversations, RemembersTheLastCommittedSnapshot) {
  RecentConversations recent(4);
  EXPECT_EQ(recent.find("wechat:oA"), nullptr);
  recent.remember("wechat:oA", 1, inState("complaint.unit"));
  recent.remember("wechat:oA", 2, inState("complaint.office"));
  const auto found = recent.find("wechat:oA");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->version, 2);
  EXPECT_EQ(found->snapshot.state, "complaint.office");
  EXPECT_EQ(found->snapshot.slots.at("respondentUnitId"), "edu");  // kept parsed
}

TEST(RecentConversations, AnOlderVersionDoesNotReplaceANewerOne) {
  RecentConversations recent(4);
  recent.remember("wechat:oA", 5, inState("menu"));
  recent.remember("wechat:oA", 3, inState("menu"));
  EXPECT_EQ(recent.find("wechat:oA")->version, 5);
}

TEST(RecentConversations, KeepsAtMostTwoGenerations) {
  RecentConversations recent(2);
  for (int i = 0; i < 10; ++i) recent.remember("k" + std::to_string(i), 1, inState("menu"));
  EXPECT_LE(recent.size(), 4u);
  // The newest are kept, the oldest dropped.
  EXPECT_NE(recent.find("k9"), nullptr);
  EXPECT_NE(recent.find("k8"), nullptr);
  EXPECT_EQ(recent.find("k0"), nullptr);
}

TEST(RecentConversations, AnEntryOfThePreviousGenerationIsStillFoundAndUpdated) {
  RecentConversations recent(2);
  recent.remember("a", 1, inState("menu"));
  recent.remember("b", 1, inState("menu"));
  recent.remember("c", 1, inState("menu"));  // a and b are now the previous generation
  EXPECT_EQ(recent.find("a")->version, 1);
  recent.remember("a", 2, inState("menu"));
  EXPECT_EQ(recent.find("a")->version, 2);
}

}  // namespace
}  // namespace civicdesk::bot::test
