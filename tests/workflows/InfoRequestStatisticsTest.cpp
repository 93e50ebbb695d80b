// The application section of the annual disclosure report: new, carried over, by applicant
// type, by reply type, withdrawn, pending at the year's end, in Asia/Shanghai years.
#include <gtest/gtest.h>

#include "workflows/calendar/DateMath.hpp"
#include "workflows/info_requests/AnnualStatistics.hpp"

namespace civicdesk::workflows {
namespace {

// 09:00 Beijing time of a day.
std::int64_t at(int year, unsigned month, unsigned day) {
  return endOfShanghaiDay(CivilDate{year, month, day}) - 15 * 3600;
}

InfoRequestRecord received(std::int64_t when, std::string unit = "edu",
                           ApplicantType type = ApplicantType::Citizen) {
  InfoRequestRecord r;
  r.unitId = std::move(unit);
  r.applicantType = type;
  r.receivedAt = when;
  return r;
}

InfoRequestRecord replied(InfoRequestRecord r, ReplyType type, std::int64_t when) {
  r.replyType = type;
  r.closedAt = when;
  return r;
}

InfoRequestRecord withdrawn(InfoRequestRecord r, std::int64_t when) {
  r.withdrawn = true;
  r.closedAt = when;
  return r;
}

TEST(InfoRequest_Statistics, EveryTypeIsCountedEvenWhenThereAreNone) {
  const auto stats = annualStatistics({}, 2026, "edu");
  EXPECT_EQ(stats.year, 2026);
  EXPECT_EQ(stats.unitId, "edu");
  EXPECT_EQ(stats.newByApplicantType.size(), 2u);
  EXPECT_EQ(stats.newByApplicantType.at("citizen"), 0);
  EXPECT_EQ(stats.newByApplicantType.at("organisation"), 0);
  EXPECT_EQ(stats.closedByReplyType.size(), 8u);
  for (const auto& [type, count] : stats.closedByReplyType) EXPECT_EQ(count, 0) << type;
  EXPECT_EQ(stats.newApplications + stats.carriedOver + stats.withdrawn + stats.pendingAtYearEnd,
            0);
}

TEST(InfoRequest_Statistics, CountsNewCarriedOverClosedAndPending) {
  const std::vector<InfoRequestRecord> records{
      // Received and closed in 2025: not in 2026's report.
      replied(received(at(2025, 3, 1)), ReplyType::Disclosed, at(2025, 3, 20)),
      // Received in 2025, still open on 1 January 2026, replied in 2026: carried over.
      replied(received(at(2025, 12, 20)), ReplyType::NotDisclosed, at(2026, 1, 10)),
      // Received in 2025 and still open at the end of 2026.
      received(at(2025, 12, 28), "edu", ApplicantType::Organisation),
      // New in 2026.
      replied(received(at(2026, 2, 1)), ReplyType::Disclosed, at(2026, 2, 20)),
      replied(received(at(2026, 3, 1), "edu", ApplicantType::Organisation),
              ReplyType::PartlyDisclosed, at(2026, 3, 25)),
      withdrawn(received(at(2026, 4, 1)), at(2026, 4, 30)),
      received(at(2026, 12, 15)),  // pending at the year's end
      // Received in 2026, replied in 2027: pending at the end of 2026.
      replied(received(at(2026, 12, 20), "edu", ApplicantType::Organisation), ReplyType::Repeated,
              at(2027, 1, 8)),
      // 2027's own.
      received(at(2027, 1, 5)),
      // Another unit's.
      received(at(2026, 5, 5), "health"),
  };
  const auto stats = annualStatistics(records, 2026, "edu");
  EXPECT_EQ(stats.newApplications, 5);
  EXPECT_EQ(stats.carriedOver, 2);
  EXPECT_EQ(stats.newByApplicantType.at("citizen"), 3);
  EXPECT_EQ(stats.newByApplicantType.at("organisation"), 2);
  EXPECT_EQ(stats.closedByReplyType.at("disclosed"), 1);
  EXPECT_EQ(stats.closedByReplyType.at("partly_disclosed"), 1);
  EXPECT_EQ(stats.closedByReplyType.at("not_disclosed"), 1);  // the carried-over one
  EXPECT_EQ(stats.closedByReplyType.at("repeated"), 0);       // closed in 2027
  EXPECT_EQ(stats.withdrawn, 1);
  EXPECT_EQ(stats.pendingAtYearEnd, 3);

  // The report's identity: what there was to do equals what was done and what remains.
  int closed = stats.withdrawn;
  for (const auto& [type, count] : stats.closedByReplyType) closed += count;
  EXPECT_EQ(stats.carriedOver + stats.newApplications, closed + stats.pendingAtYearEnd);
}

TEST(InfoRequest_Statistics, AllUnitsWhenNoUnitIsGiven) {
  const std::vector<InfoRequestRecord> records{received(at(2026, 5, 5), "edu"),
                                               received(at(2026, 5, 6), "health")};
  EXPECT_EQ(annualStatistics(records, 2026, "").newApplications, 2);
  EXPECT_EQ(annualStatistics(records, 2026, "health").newApplications, 1);
  EXPECT_EQ(annualStatistics(records, 2026, "").unitId, "");
}

TEST(InfoRequest_Statistics, YearsAreBeijingTimeYears) {
  const std::int64_t newYear2026 = endOfShanghaiDay(CivilDate{2025, 12, 31});
  // 23:59:59 on 31 December 2025 in Beijing is 2025's (though 15:59 UTC); one second later
  // is 2026's (though still 2025 in UTC).
  const std::vector<InfoRequestRecord> records{received(newYear2026 - 1), received(newYear2026)};
  const auto y2025 = annualStatistics(records, 2025, "edu");
  const auto y2026 = annualStatistics(records, 2026, "edu");
  EXPECT_EQ(y2025.newApplications, 1);
  EXPECT_EQ(y2025.pendingAtYearEnd, 1);
  EXPECT_EQ(y2026.newApplications, 1);
  EXPECT_EQ(y2026.carriedOver, 1);
  EXPECT_EQ(y2026.pendingAtYearEnd, 2);

  // Closed at the first second of 2026: open when 2025 ended, closed in 2026.
  const auto closedAtNewYear =
      replied(received(at(2025, 12, 1)), ReplyType::Disclosed, newYear2026);
  EXPECT_EQ(annualStatistics({closedAtNewYear}, 2025, "edu").pendingAtYearEnd, 1);
  const auto next = annualStatistics({closedAtNewYear}, 2026, "edu");
  EXPECT_EQ(next.carriedOver, 1);
  EXPECT_EQ(next.closedByReplyType.at("disclosed"), 1);
  EXPECT_EQ(next.pendingAtYearEnd, 0);
}

}  // namespace
}  // namespace civicdesk::workflows
