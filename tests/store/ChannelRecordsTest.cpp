// What SMS, email and hotline intake keep (migration 0004): phone links across channels, mail
// threads, delivery reports that only move forward, attachments, hotline calls once per id.
#include <gtest/gtest.h>

#include "store/Attachments.hpp"
#include "store/Cases.hpp"
#include "store/Citizens.hpp"
#include "store/DeliveryReports.hpp"
#include "store/HotlineCalls.hpp"
#include "store/MailThreads.hpp"
#include "store/Messages.hpp"
#include "store/Outbox.hpp"
#include "tests/store/StoreTestSupport.hpp"

namespace civicdesk::store::test {
namespace {

class ChannelRecordsTest : public StoreFixture {
 protected:
  std::int64_t caseOf(std::int64_t citizenId) {
    workflows::ComplaintCase c;
    c.form.respondentUnitId = "edu";
    c.form.facts = "网站信息未更新";
    c.receivingUnitId = "office";
    c.citizenId = citizenId;
    c.channel = "email";
    c.receivedAt = kNow;
    Transaction tx(store());
    const auto id = Cases(store()).registerComplaint(c).id;
    tx.commit();
    return id;
  }
};

TEST_F(ChannelRecordsTest, APhoneLinksToTheFirstCitizenWhoGaveIt) {
  const auto wechat = citizen("oPhoneOwner");
  const auto other = citizen("oSomeoneElse");
  Citizens citizens(store());
  EXPECT_TRUE(citizens.link(wechat, "phone", "13800138000", kNow));
  EXPECT_TRUE(citizens.link(wechat, "phone", "13800138000", kNow));  // again: still theirs
  EXPECT_FALSE(citizens.link(other, "phone", "13800138000", kNow));  // never taken over
  EXPECT_EQ(citizens.find("phone", "13800138000"), wechat);
  citizens.link(wechat, "phone", "13900139000", kNow);
  EXPECT_EQ(citizens.addresses(wechat, "phone"),
            (std::vector<std::string>{"13800138000", "13900139000"}));
  EXPECT_TRUE(citizens.addresses(other, "phone").empty());
}

TEST_F(ChannelRecordsTest, MailThreadsFindTheFirstKnownIdAndGainACaseLater) {
  const auto id = citizen();
  const auto caseId = caseOf(id);
  MailThreads threads(store());
  threads.record("a@citizen.example", id, std::nullopt, false, kNow);
  threads.record("case-1@desk.example", id, caseId, true, kNow + 1);
  auto found = threads.find({"unknown@x", "case-1@desk.example", "a@citizen.example"});
  ASSERT_TRUE(found);
  EXPECT_EQ(found->caseId, caseId);
  EXPECT_FALSE(threads.find({"unknown@x"}).has_value());
  threads.record("a@citizen.example", id, caseId, false, kNow + 2);
  EXPECT_EQ(threads.find({"a@citizen.example"})->caseId, caseId);
  EXPECT_EQ(threads.latestFor(id, caseId), "case-1@desk.example");
}

TEST_F(ChannelRecordsTest, DeliveryReportsMoveOnlyForward) {
  DeliveryReports reports(store());
  auto rank = [](std::string_view s) { return s == "sent" ? 1 : s == "delivered" ? 2 : 0; };
  auto advances = [&](std::string_view from, std::string_view to) { return rank(to) > rank(from); };
  EXPECT_TRUE(reports.apply({"SM1", "sms", "delivered", "", kNow}, advances));
  EXPECT_FALSE(reports.apply({"SM1", "sms", "sent", "", kNow + 1}, advances));  // late
  EXPECT_EQ(reports.get("SM1")->status, "delivered");
}

TEST_F(ChannelRecordsTest, AttachmentsKeepTheirBytesAndDigest) {
  const auto id = citizen();
  Messages messages(store());
  InboundRecord m;
  m.channel = "email";
  m.platformId = "m1@citizen.example";
  m.citizenId = id;
  m.kind = "text";
  m.receivedAt = kNow;
  const auto inserted = messages.recordInbound(m);
  Attachments attachments(store());
  attachments.add(
      {0, inserted.id, "截图.png", "image/png", 0, "abc", std::string("\x89PNG\0x", 6)});
  auto list = attachments.list(inserted.id);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].filename, "截图.png");
  EXPECT_EQ(list[0].size, 6);
}

TEST_F(ChannelRecordsTest, AHotlineCallIsStoredOnceAndItsTaskClosesOnce) {
  HotlineCalls calls(store());
  HotlineCallRecord r;
  r.callId = "call-1";
  r.caller = "+8613800138000";
  r.operatorName = "话务员07";
  r.endedAt = kNow;
  r.outcome = "callback";
  r.taskStatus = "open";
  r.missingJson = R"(["respondent"])";
  r.responseJson = R"({"outcome":"callback"})";
  r.receivedAt = kNow;
  calls.add(r);
  EXPECT_THROW(calls.add(r), std::exception);
  ASSERT_EQ(calls.openTasks(10).size(), 1u);
  EXPECT_EQ(calls.find("call-1")->responseJson, R"({"outcome":"callback"})");
  EXPECT_TRUE(calls.closeTask("call-1"));
  EXPECT_FALSE(calls.closeTask("call-1"));
  EXPECT_TRUE(calls.openTasks(10).empty());
}

TEST_F(ChannelRecordsTest, AnOutboxRowKeepsItsEmailHeaders) {
  Outbox outbox(store());
  OutboxItem item;
  item.channel = "email";
  item.recipient = "zhang@example.com";
  item.text = "您好";
  item.idempotencyKey = "k1";
  item.headersJson = R"({"subject":"关于您的投诉"})";
  const auto id = outbox.enqueue(item, kNow);
  EXPECT_EQ(outbox.get(id)->headersJson, R"({"subject":"关于您的投诉"})");
  item.idempotencyKey = "k2";
  item.headersJson.clear();
  EXPECT_EQ(outbox.get(outbox.enqueue(item, kNow))->headersJson, "{}");
}

TEST_F(ChannelRecordsTest, AnUndeliveredPartMakesItsSentRowDead) {
  Outbox outbox(store());
  OutboxItem item;
  item.channel = "sms";
  item.recipient = "+8613800138000";
  item.text = "很长的通知";
  item.idempotencyKey = "k-sms";
  const auto id = outbox.enqueue(item, kNow);
  ASSERT_EQ(outbox.claimDue(kNow, 10).size(), 1u);
  outbox.markSent(id, "SMa1,SMa2", kNow);
  EXPECT_FALSE(outbox.markUndelivered("SMa", "sms undelivered").has_value());  // no partial ids
  EXPECT_EQ(outbox.markUndelivered("SMa2", "sms undelivered 30003"), id);
  EXPECT_EQ(outbox.get(id)->status, "dead");
  EXPECT_EQ(outbox.get(id)->lastError, "sms undelivered 30003");
  EXPECT_FALSE(outbox.markUndelivered("SMa1", "again").has_value());  // only sent rows
}

}  // namespace
}  // namespace civicdesk::store::test
