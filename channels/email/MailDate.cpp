#include "channels/email/MailDate.hpp"
#include "util/AsciiText.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <string>
#include <vector>

namespace civicdesk::channels::email {

namespace {

std::optional<int> number(std::string_view s) {
  int value = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return value;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// The zone's offset east of UTC in minutes.
std::optional<int> zoneMinutes(std::string_view zone) {
  if (zone.size() == 5 && (zone[0] == '+' || zone[0] == '-')) {
    const std::optional<int> hhmm = number(zone.substr(1));
    if (!hhmm) return std::nullopt;
    const int minutes = *hhmm / 100 * 60 + *hhmm % 100;
    return zone[0] == '-' ? -minutes : minutes;
  }
  const std::string name = ascii::lower(zone);
  if (name == "ut" || name == "utc" || name == "gmt" || name == "z") return 0;
  if (name == "edt") return -4 * 60;
  if (name == "est" || name == "cdt") return -5 * 60;
  if (name == "cst" || name == "mdt") return -6 * 60;  // RFC 5322's CST is US Central
  if (name == "mst" || name == "pdt") return -7 * 60;
  if (name == "pst") return -8 * 60;
  return 0;  // other obsolete zones mean "unknown": RFC 5322 §4.3 reads them as +0000
}

}  // namespace

std::optional<std::int64_t> parseMailDate(std::string_view value) {
  // Tokens without the comment, the day name and commas.
  std::string text(value.substr(0, value.find('(')));
  std::replace(text.begin(), text.end(), ',', ' ');
  std::vector<std::string> tokens;
  for (std::size_t at = 0; at < text.size();) {
    while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at]))) ++at;
    const std::size_t begin = at;
    while (at < text.size() && !std::isspace(static_cast<unsigned char>(text[at]))) ++at;
    if (at > begin) tokens.push_back(text.substr(begin, at - begin));
  }
  if (!tokens.empty() && !std::isdigit(static_cast<unsigned char>(tokens[0][0]))) {
    tokens.erase(tokens.begin());  // "Tue"
  }
  if (tokens.size() < 4) return std::nullopt;
  static constexpr std::array<std::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  const std::string monthName = ascii::lower(tokens[1]).substr(0, 3);
  const auto month = std::find(kMonths.begin(), kMonths.end(), monthName);
  const std::optional<int> day = number(tokens[0]);
  std::optional<int> year = number(tokens[2]);
  if (month == kMonths.end() || !day || !year || *day < 1 || *day > 31) return std::nullopt;
  if (tokens[2].size() == 2) *year += *year < 50 ? 2000 : 1900;
  if (tokens[2].size() == 3) *year += 1900;

  const std::string& time = tokens[3];
  const std::size_t colon1 = time.find(':');
  const std::size_t colon2 = time.find(':', colon1 + 1);
  if (colon1 == std::string::npos) return std::nullopt;
  const std::optional<int> hour = number(std::string_view(time).substr(0, colon1));
  const std::optional<int> minute = number(std::string_view(time).substr(
      colon1 + 1, colon2 == std::string::npos ? std::string::npos : colon2 - colon1 - 1));
  const std::optional<int> second = colon2 == std::string::npos
                                        ? std::optional<int>(0)
                                        : number(std::string_view(time).substr(colon2 + 1));
  if (!hour || !minute || !second || *hour > 23 || *minute > 59 || *second > 60) {
    return std::nullopt;
  }
  const std::optional<int> offset = tokens.size() > 4 ? zoneMinutes(tokens[4]) : 0;
  if (!offset) return std::nullopt;
  const unsigned monthNumber = static_cast<unsigned>(month - kMonths.begin() + 1);
  const std::int64_t days = daysFromCivil(*year, monthNumber, static_cast<unsigned>(*day));
  return days * 86400 + *hour * 3600 + *minute * 60 + *second - std::int64_t{*offset} * 60;
}

}  // namespace civicdesk::channels::email
