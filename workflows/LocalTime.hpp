#pragma once
// Civil dates in the service's time zone, Asia/Shanghai. China has kept UTC+8 without daylight
// saving since 1991, so the zone is a fixed offset for every date the service handles.
#include <cstdint>
#include <string>

namespace civicdesk::workflows {

inline constexpr std::int64_t kShanghaiOffsetSeconds = 8 * 3600;

struct CivilDate {
  int year = 1970;
  unsigned month = 1;  // 1..12
  unsigned day = 1;    // 1..31
  auto operator<=>(const CivilDate&) const = default;
};

// The Asia/Shanghai calendar date of a Unix time.
CivilDate shanghaiDate(std::int64_t unixSeconds);
// "2026-11-27 16:05" in Asia/Shanghai, for texts citizens and staff read.
std::string shanghaiDateTime(std::int64_t unixSeconds);
// "2026-11-27".
std::string formatDate(const CivilDate& date);

}  // namespace civicdesk::workflows
