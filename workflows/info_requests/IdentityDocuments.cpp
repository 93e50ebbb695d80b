// The check characters of the two identity documents an application usually gives: the
// resident identity card (GB 11643-1999) and the unified social credit code (GB 32100-2015).
// A typo in either is caught here, while the applicant can still correct it, rather than when
// the reply comes back undeliverable.
#include <array>
#include <string>
#include <string_view>

#include "workflows/calendar/DateMath.hpp"
#include "workflows/info_requests/Application.hpp"

namespace civicdesk::workflows {
namespace {

constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

int digitsValue(std::string_view text) {
  int value = 0;
  for (char c : text) value = value * 10 + (c - '0');
  return value;
}

// GB 11643 digits 7-14: the holder's birth date, which must exist and be from 1900 on (the
// standard's range; an earlier year is a typo, not a centenarian).
bool hasRealBirthDate(std::string_view id) {
  const int year = digitsValue(id.substr(6, 4));
  const int month = digitsValue(id.substr(10, 2));
  const int day = digitsValue(id.substr(12, 2));
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > 31) return false;
  return toSysDays(CivilDate{year, static_cast<unsigned>(month), static_cast<unsigned>(day)})
      .has_value();
}

// GB 32100 leaves out I, O, Z, S and V, which are easily confused with 1, 0, 2, 5 and U.
constexpr std::string_view kCreditCodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

}  // namespace

std::string normaliseIdNumber(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i, kIdeographicSpace.size()) == kIdeographicSpace) {
      i += kIdeographicSpace.size() - 1;  // what a CJK keyboard's space bar types
      continue;
    }
    const char c = text[i];
    if (c == ' ' || c == '\t') continue;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

bool isValidResidentId(std::string_view text) {
  const std::string id = normaliseIdNumber(text);
  if (id.size() != 18) return false;
  // ISO 7064 MOD 11-2: weight 2^(17-i) mod 11 for the i-th of the first 17 digits.
  static constexpr std::array<int, 17> kWeights{7, 9, 10, 5,  8, 4, 2, 1, 6,
                                                3, 7, 9,  10, 5, 8, 4, 2};
  static constexpr std::string_view kCheck = "10X98765432";
  int sum = 0;
  for (std::size_t i = 0; i < kWeights.size(); ++i) {
    if (!isDigit(id[i])) return false;
    sum += (id[i] - '0') * kWeights[i];
  }
  return id[17] == kCheck[static_cast<std::size_t>(sum % 11)] && hasRealBirthDate(id);
}

bool isValidCreditCode(std::string_view text) {
  const std::string code = normaliseIdNumber(text);
  if (code.size() != 18) return false;
  // Weights 3^i mod 31; the check character makes the weighted sum a multiple of 31.
  int sum = 0;
  int weight = 1;
  for (std::size_t i = 0; i < 17; ++i) {
    const auto value = kCreditCodeAlphabet.find(code[i]);
    if (value == std::string_view::npos) return false;
    sum += static_cast<int>(value) * weight;
    weight = weight * 3 % 31;
  }
  const auto check = static_cast<std::size_t>((31 - sum % 31) % 31);
  return code[17] == kCreditCodeAlphabet[check];
}

}  // namespace civicdesk::workflows
