// Information requests in the store: YS- numbers per year, the shared cases table kept apart
// from complaints, the receipt moved by a supplement, and the records the statistics count.
#include "store/InfoRequests.hpp"

#include <gtest/gtest.h>

#include "store/Cases.hpp"
#include "tests/store/StoreTestSupport.hpp"

namespace civicdesk::store::test {
namespace {

class InfoRequestsTest : public StoreFixture {
 protected:
  workflows::InfoRequest registerOne(std::int64_t receivedAt, const std::string& unit = "edu") {
    workflows::InfoRequest r;
    r.application.applicant.name = "张三";
    r.application.applicant.idNumber = "11010519491231002X";
    r.application.applicant.phone = "13800138000";
    r.application.unitId = unit;
    r.application.info.title = "2026年招生工作方案";
    r.application.form = workflows::InfoForm::Electronic;
    r.application.delivery = workflows::Delivery::Online;
    r.citizenId = citizen();
    r.channel = "wechat";
    r.receivedAt = receivedAt;
    Transaction tx(store());
    r = InfoRequests(store()).registerRequest(r);
    tx.commit();
    return r;
  }
};

TEST_F(InfoRequestsTest, NumbersRunPerYearAndNeverMeetComplaints) {
  EXPECT_EQ(registerOne(kNow).caseNo, "YS-2026-000001");
  EXPECT_EQ(registerOne(kNow + 60).caseNo, "YS-2026-000002");
  EXPECT_TRUE(isInfoRequestNumber("YS-2026-000002"));
  EXPECT_FALSE(isInfoRequestNumber("TS-2026-000002"));
  EXPECT_EQ(Cases(store()).count(), 0);  // complaints see none of them
  auto found = InfoRequests(store()).byNumber("YS-2026-000001");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->application.applicant.idNumber, "11010519491231002X");
  EXPECT_EQ(found->status, workflows::InfoRequestStatus::Registered);
  EXPECT_EQ(InfoRequests(store()).forUnit("edu", false).size(), 2u);
  EXPECT_TRUE(InfoRequests(store()).forUnit("culture", false).empty());
}

TEST_F(InfoRequestsTest, ASupplementMovesTheReceiptAndTheStatisticsSeeTheReply) {
  const auto r = registerOne(kNow);
  workflows::InfoRequestState state;
  state.replyType = workflows::ReplyType::NotDisclosed;
  state.repliedAt = kNow + 86400 * 10;
  {
    Transaction tx(store());
    InfoRequests(store()).update(r.id, workflows::InfoRequestStatus::Replied,
                                 workflows::toJson(state).dump(), std::nullopt, kNow + 86400,
                                 kNow + 86400 * 10);
    tx.commit();
  }
  auto after = InfoRequests(store()).byId(r.id);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->receivedAt, kNow + 86400);
  EXPECT_EQ(after->status, workflows::InfoRequestStatus::Replied);
  const auto records = InfoRequests(store()).statisticsRecords("edu");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].replyType, workflows::ReplyType::NotDisclosed);
  EXPECT_EQ(records[0].closedAt, kNow + 86400 * 10);
  EXPECT_FALSE(records[0].withdrawn);
  EXPECT_THROW(InfoRequests(store()).update(r.id, workflows::InfoRequestStatus::Replied, "{}",
                                            std::nullopt, std::nullopt, kNow),
               std::logic_error);  // outside a transaction
}

}  // namespace
}  // namespace civicdesk::store::test
