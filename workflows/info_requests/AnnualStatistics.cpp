// The application section of a unit's annual disclosure report (依申请公开情况). Counts
// follow the report's identity: carried over + new = closed (by reply type) + withdrawn +
// pending at the year's end, for every record whose closing is recorded consistently.
#include "workflows/info_requests/AnnualStatistics.hpp"

#include "workflows/calendar/DateMath.hpp"

namespace civicdesk::workflows {
namespace {

// [begin, end) of the year in Asia/Shanghai: a request received at 23:30 on 31 December,
// Beijing time, belongs to that year whatever UTC says.
struct YearWindow {
  std::int64_t begin = 0;
  std::int64_t end = 0;
  bool contains(std::int64_t t) const { return t >= begin && t < end; }
};

YearWindow windowOf(int year) {
  return {endOfShanghaiDay(CivilDate{year - 1, 12, 31}), endOfShanghaiDay(CivilDate{year, 12, 31})};
}

// Still open at instant `t`: not closed, or closed only from `t` on.
bool openAt(const InfoRequestRecord& r, std::int64_t t) {
  return r.closedAt == 0 || r.closedAt >= t;
}

constexpr ApplicantType kApplicantTypes[] = {ApplicantType::Citizen, ApplicantType::Organisation};

}  // namespace

AnnualInfoRequestStatistics annualStatistics(const std::vector<InfoRequestRecord>& records,
                                             int year, const std::string& unitId) {
  AnnualInfoRequestStatistics stats;
  stats.year = year;
  stats.unitId = unitId;
  for (auto type : kApplicantTypes) stats.newByApplicantType[std::string(toString(type))] = 0;
  for (auto type : kAllReplyTypes) stats.closedByReplyType[std::string(toString(type))] = 0;

  const YearWindow window = windowOf(year);
  for (const auto& r : records) {
    if (!unitId.empty() && r.unitId != unitId) continue;
    if (r.receivedAt >= window.end) continue;  // a later year's
    if (window.contains(r.receivedAt)) {
      ++stats.newApplications;
      ++stats.newByApplicantType[std::string(toString(r.applicantType))];
    } else if (openAt(r, window.begin)) {
      ++stats.carriedOver;
    } else {
      continue;  // received and closed in earlier years
    }
    // The outcome counts in the year it happened, whether received this year or carried over.
    if (r.closedAt != 0 && window.contains(r.closedAt)) {
      if (r.withdrawn) {
        ++stats.withdrawn;
      } else if (r.replyType) {
        ++stats.closedByReplyType[std::string(toString(*r.replyType))];
      }
    }
    if (openAt(r, window.end)) ++stats.pendingAtYearEnd;
  }
  return stats;
}

}  // namespace civicdesk::workflows
