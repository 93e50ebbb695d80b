// Citizens by contact address, and the persisted dialog snapshots.
#include <SQLiteCpp/Exception.h>
#include <gtest/gtest.h>

#include <string>

#include "store/Citizens.hpp"
#include "store/Conversations.hpp"
#include "tests/store/StoreTestSupport.hpp"

namespace civicdesk::store::test {
namespace {

using CitizensTest = StoreFixture;

class ConversationsTest : public StoreFixture {
 protected:
  // The conversation of WeChat address `address`, its citizen created if new.
  ConversationRecord conversationOf(const std::string& address, const std::string& state) {
    ConversationRecord record;
    record.key = "wechat:" + address;
    record.citizenId = citizen(address);
    record.state = state;
    return record;
  }
};

TEST_F(CitizensTest, EnsureCreatesOnceThenFinds) {
  Citizens citizens(store());
  EXPECT_FALSE(citizens.find("wechat", "oA"));
  const std::int64_t a = citizens.ensure("wechat", "oA", kNow);
  EXPECT_EQ(citizens.ensure("wechat", "oA", kNow + 60), a);
  EXPECT_EQ(citizens.find("wechat", "oA"), a);
}

TEST_F(CitizensTest, AddressFindsWhereToReplyOnAChannel) {
  Citizens citizens(store());
  const std::int64_t a = citizens.ensure("wechat", "oA", kNow);
  EXPECT_EQ(citizens.address(a, "wechat"), "oA");
  EXPECT_FALSE(citizens.address(a, "sms"));
  EXPECT_FALSE(citizens.address(a + 100, "wechat"));
}

TEST_F(CitizensTest, EachChannelAddressIsItsOwnCitizen) {
  Citizens citizens(store());
  const std::int64_t a = citizens.ensure("wechat", "oA", kNow);
  EXPECT_NE(citizens.ensure("wechat", "oB", kNow), a);
  EXPECT_NE(citizens.ensure("sms", "oA", kNow), a);
}

TEST_F(CitizensTest, EnsureInsideARolledBackTransactionLeavesNothing) {
  {
    Transaction tx(store());
    Citizens(store()).ensure("wechat", "oA", kNow);
  }
  EXPECT_FALSE(Citizens(store()).find("wechat", "oA"));
  EXPECT_EQ(store().db().execAndGet("SELECT COUNT(*) FROM citizens").getInt(), 0);
}

TEST_F(ConversationsTest, SaveCountsVersionsAndLoadReadsBack) {
  Conversations conversations(store());
  EXPECT_FALSE(conversations.load("wechat:oA"));
  ConversationRecord record = conversationOf("oA", "complaint.facts");
  record.slotsJson = R"({"respondent":"edu"})";
  record.lastActivityAt = kNow;
  EXPECT_EQ(conversations.save(record), 1);

  record.state = "complaint.evidence";
  record.lastActivityAt = kNow + 30;
  EXPECT_EQ(conversations.save(record), 2);

  reopen();
  const auto loaded = Conversations(store()).load("wechat:oA");
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->key, "wechat:oA");
  EXPECT_EQ(loaded->citizenId, record.citizenId);
  EXPECT_EQ(loaded->state, "complaint.evidence");
  EXPECT_EQ(loaded->slotsJson, R"({"respondent":"edu"})");
  EXPECT_EQ(loaded->lastActivityAt, kNow + 30);
  EXPECT_EQ(loaded->version, 2);
}

TEST_F(ConversationsTest, HeadNamesTheVersionAndTheCitizen) {
  Conversations conversations(store());
  EXPECT_FALSE(conversations.head("wechat:oA"));
  const ConversationRecord record = conversationOf("oA", "menu");
  conversations.save(record);
  conversations.save(record);
  const auto head = conversations.head("wechat:oA");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->version, 2);
  EXPECT_EQ(head->citizenId, record.citizenId);
  EXPECT_FALSE(conversations.head("wechat:oB"));
}

TEST_F(ConversationsTest, TheCitizenIsTheOneOfTheFirstSave) {
  Conversations conversations(store());
  ConversationRecord record = conversationOf("oA", "menu");
  conversations.save(record);
  record.citizenId = citizen("oB");
  record.state = "complaint.unit";
  EXPECT_EQ(conversations.save(record), 2);
  const auto loaded = conversations.load("wechat:oA");
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->state, "complaint.unit");
  EXPECT_EQ(loaded->citizenId, citizen("oA"));
}

TEST_F(ConversationsTest, SlotsMustBeJson) {
  ConversationRecord record = conversationOf("oA", "menu");
  record.slotsJson = "{not json";
  EXPECT_THROW(Conversations(store()).save(record), SQLite::Exception);
}

}  // namespace
}  // namespace civicdesk::store::test
