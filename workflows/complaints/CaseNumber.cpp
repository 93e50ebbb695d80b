#include "workflows/complaints/CaseNumber.hpp"

#include <cstdio>
#include <stdexcept>

#include "util/Utf8.hpp"
#include "workflows/complaints/Complaint.hpp"

namespace civicdesk::workflows {
namespace {

constexpr std::string_view kPrefix = "TS-";
constexpr std::size_t kLength = 14;  // "TS-2026-000123"

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

// The ASCII character a citizen meant by the code point cp, or 0 when none: full-width forms
// (Ｔ, ２, －), dashes and minus signs, spaces. Everything a case number holds is ASCII.
char asciiMeant(char32_t cp) {
  if (cp < 0x80) return static_cast<char>(cp);
  if (const char32_t half = utf8::toHalfWidth(cp); half != cp) return static_cast<char>(half);
  if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE63 || cp == 0x30FC) return '-';
  if (cp == 0x3000 || cp == 0x00A0) return ' ';
  return 0;
}

}  // namespace

std::string formatCaseNumber(int year, std::int64_t sequence) {
  // The format promises four and six digits; a wider number would break isCaseNumber.
  if (year < 1000 || year > 9999) throw std::out_of_range("case number: year out of range");
  if (sequence < 1 || sequence > 999999) {
    throw std::out_of_range("case number: sequence out of range 1..999999");
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "TS-%04d-%06lld", year, static_cast<long long>(sequence));
  return buf;
}

bool isCaseNumber(std::string_view text) {
  if (text.size() != kLength || text.substr(0, 3) != kPrefix || text[7] != '-') return false;
  for (std::size_t i = 3; i < kLength; ++i) {
    if (i != 7 && !isDigit(text[i])) return false;
  }
  return true;
}

std::optional<CaseNumberParts> parseCaseNumber(std::string_view caseNo) {
  if (!isCaseNumber(caseNo)) return std::nullopt;
  CaseNumberParts parts;
  for (std::size_t i = 3; i < 7; ++i) parts.year = parts.year * 10 + (caseNo[i] - '0');
  for (std::size_t i = 8; i < kLength; ++i)
    parts.sequence = parts.sequence * 10 + (caseNo[i] - '0');
  return parts;
}

std::optional<std::string> normaliseCaseNumber(std::string_view text) {
  std::string ascii;
  for (std::size_t i = 0; i < text.size() && ascii.size() <= 2 * kLength;) {
    const utf8::Decoded next = utf8::decodeAt(text, i);
    i += next.length;
    char c = asciiMeant(next.codePoint);  // 0 for U+FFFD, which stands for a malformed byte
    if (c == 0) return std::nullopt;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == '-' && !ascii.empty() && ascii.back() == '-') continue;  // "——" is one dash
    ascii.push_back(c);
  }
  if (isCaseNumber(ascii)) return ascii;
  // "TS2026000123": the dashes left out.
  if (ascii.size() == 12 && ascii.starts_with("TS")) {
    std::string withDashes = "TS-" + ascii.substr(2, 4) + "-" + ascii.substr(6);
    if (isCaseNumber(withDashes)) return withDashes;
  }
  return std::nullopt;
}

}  // namespace civicdesk::workflows
