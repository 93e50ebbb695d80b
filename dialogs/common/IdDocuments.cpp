#include "dialogs/common/IdDocuments.hpp"

#include <algorithm>

#include "util/Utf8.hpp"
#include "workflows/info_requests/Application.hpp"

namespace civicdesk::dialogs::ids {
namespace {

constexpr std::size_t kLength = 18;
constexpr std::string_view kCreditCodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// "身份证号码：1101…", "统一社会信用代码是9111…", "１１０１…": the number as workflows reads it.
std::string prepared(std::string_view text) {
  std::string trimmed = utf8::trim(text);
  for (std::string_view label :
       {"我的身份证号码是", "我的身份证号是", "居民身份证号码", "身份证号码", "身份证号", "身份证",
        "统一社会信用代码", "社会信用代码", "信用代码"}) {
    if (trimmed.starts_with(label)) {
      trimmed.erase(0, label.size());
      break;
    }
  }
  for (std::string_view mark : {"是", "为", "：", ":"}) {
    if (trimmed.starts_with(mark)) trimmed.erase(0, mark.size());
  }
  std::u32string folded;
  for (char32_t c : utf8::decode(trimmed)) {
    c = utf8::toHalfWidth(c);
    if (c == 0x3000 || c == '-') c = ' ';  // spaces and dashes between groups of digits
    if (c == U'。' || c == '.') continue;  // what dictation ends with
    folded.push_back(c);
  }
  return workflows::normaliseIdNumber(utf8::encode(folded));
}

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

bool isLeapYear(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

// Digits 7-14: YYYYMMDD, a real date from 1900 on.
bool plausibleBirthDate(std::string_view number) {
  const int year = std::stoi(std::string(number.substr(6, 4)));
  const int month = std::stoi(std::string(number.substr(10, 2)));
  const int day = std::stoi(std::string(number.substr(12, 2)));
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int last = month == 2 && isLeapYear(year) ? 29 : kDays[month - 1];
  return day <= last;
}

Checked withLength(std::string number) {
  Checked checked;
  checked.length = utf8::length(number);
  checked.number = std::move(number);
  return checked;
}

}  // namespace

Checked checkResidentId(std::string_view text) {
  Checked checked = withLength(prepared(text));
  const std::string& n = checked.number;
  if (workflows::isValidResidentId(n)) return checked;
  if (checked.length != kLength) {
    checked.problem = Problem::Length;
  } else if (!std::all_of(n.begin(), n.end() - 1, isDigit) ||
             !(isDigit(n.back()) || n.back() == 'X')) {
    checked.problem = Problem::Characters;
  } else if (!plausibleBirthDate(n)) {
    checked.problem = Problem::BirthDate;
  } else {
    checked.problem = Problem::CheckDigit;
  }
  return checked;
}

Checked checkCreditCode(std::string_view text) {
  Checked checked = withLength(prepared(text));
  const std::string& n = checked.number;
  if (workflows::isValidCreditCode(n)) return checked;
  if (checked.length != kLength) {
    checked.problem = Problem::Length;
  } else if (!std::all_of(n.begin(), n.end(), [](char c) {
               return kCreditCodeAlphabet.find(c) != std::string_view::npos;
             })) {
    checked.problem = Problem::Characters;
  } else {
    checked.problem = Problem::CheckDigit;
  }
  return checked;
}

}  // namespace civicdesk::dialogs::ids
