#pragma once
// The counts a unit's annual government-information-disclosure report needs in its section on
// applications (依申请公开情况): new applications of the year, those carried over from the year
// before, by applicant type, how those of the year were closed (by reply type, or withdrawn),
// and those still pending at the year's end. Years are Asia/Shanghai calendar years.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "workflows/info_requests/Application.hpp"
#include "workflows/info_requests/InfoRequestWorkflow.hpp"

namespace civicdesk::workflows {

// One request as the statistics need it (the store reads these).
struct InfoRequestRecord {
  std::string unitId;
  ApplicantType applicantType = ApplicantType::Citizen;
  std::int64_t receivedAt = 0;
  std::optional<ReplyType> replyType;  // set once replied
  std::int64_t closedAt = 0;           // replied or withdrawn; 0: still open
  bool withdrawn = false;
};

struct AnnualInfoRequestStatistics {
  int year = 0;
  std::string unitId;       // "" for all units
  int newApplications = 0;  // received in the year
  int carriedOver = 0;      // received before the year, not closed when it began
  std::map<std::string, int> newByApplicantType;  // "citizen", "organisation": of the new
  std::map<std::string, int> closedByReplyType;   // toString(ReplyType) → count, closed in year
  int withdrawn = 0;                              // deemed withdrawn in the year
  int pendingAtYearEnd = 0;                       // received by the year's end, not closed by then
};

// Counts `records` for `year`, for `unitId` ("" = every unit). Every reply type and applicant
// type appears in the maps, with 0 where none.
AnnualInfoRequestStatistics annualStatistics(const std::vector<InfoRequestRecord>& records,
                                             int year, const std::string& unitId);

}  // namespace civicdesk::workflows
