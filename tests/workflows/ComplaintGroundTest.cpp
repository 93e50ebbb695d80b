// RULES.md §1 Art. 4: the eight grounds of complaint, and mapping a citizen's words to them.
#include "workflows/complaints/ComplaintGround.hpp"

#include <string>

#include <gtest/gtest.h>

namespace civicdesk::workflows {
namespace {

ComplaintGround best(std::string_view text) {
  auto grounds = guessComplaintGrounds(text);
  if (grounds.empty()) ADD_FAILURE() << "no ground for " << text;
  return grounds.empty() ? ComplaintGround::OtherBreach : grounds.front();
}

TEST(Complaint_Art4, EightGroundsNumberedOneToEight) {
  EXPECT_EQ(kComplaintGroundCount, 8);
  for (int n = 1; n <= 8; ++n) {
    auto ground = complaintGroundFromNumber(n);
    ASSERT_TRUE(ground) << n;
    EXPECT_EQ(toNumber(*ground), n);
  }
  EXPECT_EQ(complaintGroundFromNumber(1), ComplaintGround::NotPerformingDuty);
  EXPECT_EQ(complaintGroundFromNumber(6), ComplaintGround::ChargingThroughOthers);
  EXPECT_EQ(complaintGroundFromNumber(8), ComplaintGround::OtherBreach);
  EXPECT_FALSE(complaintGroundFromNumber(0));
  EXPECT_FALSE(complaintGroundFromNumber(9));
  EXPECT_FALSE(complaintGroundFromNumber(-1));
}

TEST(Complaint_Art4, FreeTextMapsToGround) {
  EXPECT_EQ(best("教育局的招生政策一直不公开"), ComplaintGround::NotPerformingDuty);
  EXPECT_EQ(best("他们拒绝公开拆迁补偿标准"), ComplaintGround::NotPerformingDuty);
  EXPECT_EQ(best("网站上的信息好几年没更新了"), ComplaintGround::NotUpdating);
  EXPECT_EQ(best("信息公开指南还是过时的"), ComplaintGround::NotUpdating);
  EXPECT_EQ(best("我依申请公开，逾期未答复"), ComplaintGround::ApplicationsNotHandled);
  EXPECT_EQ(best("上次投诉没处理，石沉大海"), ComplaintGround::ComplaintsNotHandled);
  EXPECT_EQ(best("查个文件还要收费，说是有偿服务"), ComplaintGround::ChargingAsPaidService);
  EXPECT_EQ(best("要通过中介交钱才给信息"), ComplaintGround::ChargingThroughOthers);
  EXPECT_EQ(best("公示名单泄露了我的隐私"), ComplaintGround::DisclosingProhibited);
  EXPECT_EQ(best("把不该公开的身份证号公开了"), ComplaintGround::DisclosingProhibited);
  EXPECT_EQ(best("这是违反政府信息公开条例的"), ComplaintGround::OtherBreach);
}

TEST(Complaint_Art4, SpacesDoNotBreakAPhrase) {
  EXPECT_EQ(best("网站 没 更新"), ComplaintGround::NotUpdating);
  EXPECT_EQ(best("网站　没更新"), ComplaintGround::NotUpdating);  // ideographic space
}

TEST(Complaint_Art4, SeveralGroundsRankedByHits) {
  auto grounds = guessComplaintGrounds("申请公开被拒绝公开，还要收费");
  ASSERT_GE(grounds.size(), 3u);
  EXPECT_EQ(grounds.front(), ComplaintGround::ApplicationsNotHandled);  // 申请公开 + 申请
  // Every ground appears once at most.
  for (std::size_t i = 0; i < grounds.size(); ++i) {
    for (std::size_t k = i + 1; k < grounds.size(); ++k) EXPECT_NE(grounds[i], grounds[k]);
  }
}

TEST(Complaint_Art4, UnrelatedTextMapsToNothing) {
  EXPECT_TRUE(guessComplaintGrounds("你好").empty());
  EXPECT_TRUE(guessComplaintGrounds("").empty());
  EXPECT_TRUE(guessComplaintGrounds("今天天气不错").empty());
  EXPECT_TRUE(guessComplaintGrounds("\xFF\xFE\xE6").empty());  // broken bytes, no crash
}

}  // namespace
}  // namespace civicdesk::workflows
