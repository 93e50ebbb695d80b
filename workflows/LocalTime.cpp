#include "workflows/LocalTime.hpp"

#include <charconv>
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

std::string formatIsoShanghai(std::int64_t unixSeconds) {
  using namespace std::chrono;
  const auto local = sys_seconds(seconds(unixSeconds + kShanghaiOffsetSeconds));
  const auto day = floor<days>(local);
  const hh_mm_ss hms{local - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d+08:00", static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return formatDate(shanghaiDate(unixSeconds)) + buf;
}

namespace {
bool readNumber(std::string_view text, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > text.size()) return false;
  for (std::size_t i = pos; i < pos + len; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return std::from_chars(text.data() + pos, text.data() + pos + len, out).ec == std::errc{};
}
}  // namespace

std::optional<std::int64_t> parseShanghaiDateTime(std::string_view text) {
  using namespace std::chrono;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  if (text.size() < 10 || !readNumber(text, 0, 4, y) || text[4] != '-' ||
      !readNumber(text, 5, 2, mo) || text[7] != '-' || !readNumber(text, 8, 2, d)) {
    return std::nullopt;
  }
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)},
                           day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  std::size_t pos = 10;
  if (pos < text.size()) {
    if (text[pos] != 'T' && text[pos] != ' ') return std::nullopt;
    if (!readNumber(text, pos + 1, 2, h) || text.size() < pos + 6 || text[pos + 3] != ':' ||
        !readNumber(text, pos + 4, 2, mi)) {
      return std::nullopt;
    }
    pos += 6;
    if (pos < text.size() && text[pos] == ':') {
      if (!readNumber(text, pos + 1, 2, se)) return std::nullopt;
      pos += 3;
    }
    if (h > 23 || mi > 59 || se > 59) return std::nullopt;
  }
  std::int64_t offset = kShanghaiOffsetSeconds;
  const std::string_view zone = text.substr(pos);
  if (zone == "Z") {
    offset = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    int oh = 0, om = 0;
    if (!readNumber(zone, 1, 2, oh) || !readNumber(zone, 4, 2, om) || oh > 14 || om > 59) {
      return std::nullopt;
    }
    offset = (zone[0] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
  } else if (!zone.empty()) {
    return std::nullopt;
  }
  const std::int64_t local =
      sys_days(ymd).time_since_epoch().count() * 86400LL + h * 3600 + mi * 60 + se;
  return local - offset;
}

}  // namespace civicdesk::workflows
