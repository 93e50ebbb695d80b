#include "workflows/LocalTime.hpp"

#include <chrono>
#include <cstdio>

namespace civicdesk::workflows {

CivilDate shanghaiDate(std::int64_t unixSeconds) {
  using namespace std::chrono;
  const auto local = sys_seconds(seconds(unixSeconds + kShanghaiOffsetSeconds));
  const year_month_day ymd{floor<days>(local)};
  return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
          static_cast<unsigned>(ymd.day())};
}

std::string formatDate(const CivilDate& date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", date.year, date.month, date.day);
  return buf;
}

std::string shanghaiDateTime(std::int64_t unixSeconds) {
  using namespace std::chrono;
  const auto local = sys_seconds(seconds(unixSeconds + kShanghaiOffsetSeconds));
  const auto day = floor<days>(local);
  const hh_mm_ss hms{local - day};
  char buf[8];
  std::snprintf(buf, sizeof buf, " %02d:%02d", static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()));
  return formatDate(shanghaiDate(unixSeconds)) + buf;
}

}  // namespace civicdesk::workflows
