#pragma once
// Civil dates in the service's time zone, Asia/Shanghai. China has kept UTC+8 without daylight
// saving since 1991, so the zone is a fixed offset for every date the service handles.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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
// "2026-11-27T16:05:00+08:00".
std::string formatIsoShanghai(std::int64_t unixSeconds);
// Reads "2026-11-27", "2026-11-27T09:30", "2026-11-27T09:30:15" (Asia/Shanghai) or the same
// with an explicit offset ("+08:00", "Z"), as Unix seconds. Nothing else.
std::optional<std::int64_t> parseShanghaiDateTime(std::string_view text);

}  // namespace civicdesk::workflows
