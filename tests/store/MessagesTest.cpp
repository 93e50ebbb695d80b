// The inbound table as the dedupe table: a platform retry finds the first delivery's answer.
#include "store/Messages.hpp"

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include "tests/store/StoreTestSupport.hpp"

namespace civicdesk::store::test {
namespace {

class MessagesTest : public StoreFixture {
 protected:
  InboundRecord inbound(const std::string& channel, const std::string& platformId) {
    InboundRecord r;
    r.channel = channel;
    r.platformId = platformId;
    r.citizenId = citizenId_;
    r.kind = "text";
    r.text = "我要投诉";
    r.sentAt = kNow - 1;
    r.receivedAt = kNow;
    return r;
  }
  std::int64_t citizenId_ = citizen();
};

TEST_F(MessagesTest, FirstDeliveryIsNewAndPending) {
  Messages messages(store());
  const InboundInsert first = messages.recordInbound(inbound("wechat", "msg-1"));
  EXPECT_TRUE(first.isNew);
  EXPECT_GT(first.id, 0);
  EXPECT_EQ(first.answer.mode, AnswerMode::Pending);
  EXPECT_TRUE(first.answer.replies.empty());
}

TEST_F(MessagesTest, RetryFindsTheFirstDeliveryAndItsAnswer) {
  Messages messages(store());
  const InboundInsert first = messages.recordInbound(inbound("wechat", "msg-1"));
  messages.setAnswer(first.id, {AnswerMode::Passive, {"您好，请选择：", "1. 投诉举报"}});

  const InboundInsert retry = messages.recordInbound(inbound("wechat", "msg-1"));
  EXPECT_FALSE(retry.isNew);
  EXPECT_EQ(retry.id, first.id);
  EXPECT_EQ(retry.answer.mode, AnswerMode::Passive);
  EXPECT_EQ(retry.answer.replies, (std::vector<std::string>{"您好，请选择：", "1. 投诉举报"}));
  EXPECT_EQ(messages.countInbound(), 1);
}

TEST_F(MessagesTest, RetryBeforeTheAnswerIsPending) {
  Messages messages(store());
  messages.recordInbound(inbound("wechat", "msg-1"));
  const InboundInsert retry = messages.recordInbound(inbound("wechat", "msg-1"));
  EXPECT_FALSE(retry.isNew);
  EXPECT_EQ(retry.answer.mode, AnswerMode::Pending);
}

TEST_F(MessagesTest, EveryAnswerModeRoundTrips) {
  Messages messages(store());
  const InboundInsert first = messages.recordInbound(inbound("wechat", "msg-1"));
  for (AnswerMode mode :
       {AnswerMode::Pending, AnswerMode::Passive, AnswerMode::Async, AnswerMode::None}) {
    messages.setAnswer(first.id, {mode, {"x"}});
    EXPECT_EQ(messages.recordInbound(inbound("wechat", "msg-1")).answer.mode, mode);
  }
}

TEST_F(MessagesTest, SameIdOnAnotherChannelIsAnotherMessage) {
  Messages messages(store());
  const InboundInsert wechat = messages.recordInbound(inbound("wechat", "42"));
  const InboundInsert sms = messages.recordInbound(inbound("sms", "42"));
  EXPECT_TRUE(sms.isNew);
  EXPECT_NE(sms.id, wechat.id);
  EXPECT_EQ(messages.countInbound(), 2);
}

TEST_F(MessagesTest, MessagesWithoutPlatformIdAreNeverDuplicates) {
  Messages messages(store());
  EXPECT_TRUE(messages.recordInbound(inbound("console", "")).isNew);
  EXPECT_TRUE(messages.recordInbound(inbound("console", "")).isNew);
  EXPECT_EQ(messages.countInbound(), 2);
}

TEST_F(MessagesTest, SetAnswerOnAnUnknownIdThrows) {
  EXPECT_THROW(Messages(store()).setAnswer(12345, {AnswerMode::None, {}}), std::out_of_range);
}

TEST_F(MessagesTest, InboundNeedsAKnownCitizen) {
  InboundRecord r = inbound("wechat", "msg-1");
  r.citizenId = 999;
  EXPECT_THROW(Messages(store()).recordInbound(r), SQLite::Exception);
}

TEST_F(MessagesTest, OutboundIsRecordedWithOrWithoutACitizen) {
  Messages messages(store());
  const InboundInsert in = messages.recordInbound(inbound("wechat", "msg-1"));
  const std::int64_t reply =
      messages.recordOutbound({"wechat", citizenId_, "oCitizen1", "收到", "passive", in.id, kNow});
  const std::int64_t notice =
      messages.recordOutbound({"email", 0, "office@example.gov.cn", "新案件", "outbox", {}, kNow});
  EXPECT_GT(reply, 0);
  EXPECT_NE(notice, reply);
  SQLite::Statement query(store().db(), "SELECT citizen_id FROM outbound_messages WHERE id = ?");
  query.bind(1, notice);
  ASSERT_TRUE(query.executeStep());
  EXPECT_TRUE(query.isColumnNull(0));  // 0 is "no citizen", not a dangling reference
}

TEST_F(MessagesTest, AnAnswerKnownBeforehandIsStoredWithTheMessage) {
  Messages messages(store());
  InboundRecord record = inbound("wechat", "msg-1");
  record.answer = {AnswerMode::Passive, {"您好", "请说明情况"}};
  const InboundInsert first = messages.recordInbound(record);
  EXPECT_TRUE(first.isNew);
  // A retry carrying another answer keeps the first one.
  record.answer = {AnswerMode::Async, {"稍后回复"}};
  const InboundInsert retry = messages.recordInbound(record);
  EXPECT_FALSE(retry.isNew);
  EXPECT_EQ(retry.id, first.id);
  EXPECT_EQ(retry.answer.mode, AnswerMode::Passive);
  EXPECT_EQ(retry.answer.replies, (std::vector<std::string>{"您好", "请说明情况"}));
}

TEST_F(MessagesTest, DedupeSurvivesReopen) {
  const InboundInsert first = Messages(store()).recordInbound(inbound("wechat", "msg-1"));
  Messages(store()).setAnswer(first.id, {AnswerMode::Async, {"稍后回复"}});
  reopen();
  const InboundInsert retry = Messages(store()).recordInbound(inbound("wechat", "msg-1"));
  EXPECT_FALSE(retry.isNew);
  EXPECT_EQ(retry.answer.mode, AnswerMode::Async);
  EXPECT_EQ(retry.answer.replies, std::vector<std::string>{"稍后回复"});
}

}  // namespace
}  // namespace civicdesk::store::test
