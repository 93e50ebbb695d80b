#include "dialogs/common/Validators.hpp"

#include <algorithm>

#include "dialogs/common/TextMatchers.hpp"
#include "util/Utf8.hpp"

namespace civicdesk::dialogs::validate {
namespace {

// What people put between the digits of a phone number, including what speech recognisers
// and CJK keyboards add (full-width dashes and spaces, a final "。").
bool isPhoneSeparator(char32_t c) {
  switch (c) {
    case ' ':
    case '\t':
    case '-':
    case '.':
    case '(':
    case ')':
    case 0x3000:  // ideographic space
    case U'－':
    case U'—':
    case U'–':
    case U'。':
    case U'，':
    case U'、':
    case U'（':
    case U'）':
      return true;
    default:
      return false;
  }
}

// Dictated answers often start with what they are: "我的手机号是138…", "手机：138…".
std::string withoutLabel(std::string text) {
  for (std::string_view label : {"我的手机号码是", "我的手机号是", "我的电话是", "手机号码是",
                                 "手机号码", "手机号是", "手机号", "手机", "电话号码", "电话"}) {
    if (text.starts_with(label)) {
      text.erase(0, label.size());
      break;
    }
  }
  for (std::string_view mark : {"：", ":", "是"}) {
    if (text.starts_with(mark)) text.erase(0, mark.size());
  }
  return text;
}

}  // namespace

std::optional<std::string> name(std::string_view text) {
  std::string trimmed = utf8::trim(text);
  const std::size_t length = utf8::length(trimmed);
  if (length < kNameMin || length > kNameMax) return std::nullopt;
  // Only ASCII or full-width digits count here: 三 and 五 are in many names ("张三").
  const std::u32string chars = utf8::decode(trimmed);
  const bool digitsOnly = std::all_of(chars.begin(), chars.end(), [](char32_t c) {
    return (c >= '0' && c <= '9') || (c >= U'０' && c <= U'９') || c == ' ' || c == '-';
  });
  if (digitsOnly || mainlandMobile(trimmed)) return std::nullopt;
  return trimmed;
}

std::optional<std::string> mainlandMobile(std::string_view text) {
  std::string digits;
  bool plus = false;
  for (char32_t c : utf8::decode(withoutLabel(utf8::trim(text)))) {
    if (auto d = text::digitValue(c)) {
      digits += static_cast<char>('0' + *d);
    } else if ((c == '+' || c == U'＋') && digits.empty() && !plus) {
      plus = true;  // only as the first thing typed: "+86"
    } else if (!isPhoneSeparator(c)) {
      return std::nullopt;
    }
  }
  // The country code, written +86, 86 or 0086, in front of the eleven digits.
  if (digits.size() == 15 && digits.starts_with("0086")) {
    digits.erase(0, 4);
  } else if (digits.size() == 13 && digits.starts_with("86")) {
    digits.erase(0, 2);
  } else if (plus) {
    return std::nullopt;  // "+" with any other country code is not a mainland mobile
  }
  if (digits.size() != 11 || digits[0] != '1' || digits[1] < '3' || digits[1] > '9') {
    return std::nullopt;
  }
  return digits;
}

std::string maskMobile(std::string_view digits) {
  if (digits.size() != 11) return std::string(digits);
  return std::string(digits.substr(0, 3)) + "****" + std::string(digits.substr(7));
}

std::optional<std::string> email(std::string_view text) {
  std::string trimmed = utf8::trim(text);
  for (std::string_view label : {"我的邮箱是", "我的邮箱", "电子邮箱", "电子邮件", "邮箱地址",
                                 "邮箱", "邮件", "email", "Email", "E-mail", "e-mail"}) {
    if (trimmed.starts_with(label)) {
      trimmed.erase(0, label.size());
      break;
    }
  }
  std::string out;
  for (char32_t c : utf8::decode(trimmed)) {
    c = utf8::toHalfWidth(c);
    if (c == U'。' && out.find('@') != std::string::npos) c = '.';  // a dictated dot
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    if (c >= 0x80) {
      if (out.empty() && (c == U'：' || c == 0x3000)) continue;
      return std::nullopt;  // addresses we can write to are ASCII
    }
    if (out.empty() && (c == ':' || c == ' ' || c == '\t')) continue;
    out.push_back(static_cast<char>(c));
  }
  while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
  const auto at = out.find('@');
  if (at == std::string::npos || at == 0 || out.find('@', at + 1) != std::string::npos) {
    return std::nullopt;
  }
  const std::string domain = out.substr(at + 1);
  const auto dot = domain.find('.');
  if (dot == std::string::npos || dot == 0 || domain.back() == '.' ||
      domain.find("..") != std::string::npos) {
    return std::nullopt;
  }
  const bool plain = std::all_of(out.begin(), out.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '@' || c == '.' || c == '_' ||
           c == '-' || c == '+';
  });
  if (!plain || out.size() > kEmailMax) return std::nullopt;
  return out;
}

std::string maskIdNumber(std::string_view number) {
  const std::u32string chars = utf8::decode(number);
  constexpr std::size_t kShown = 4;
  constexpr std::size_t kShortShown = 2;
  std::u32string out;
  if (chars.size() > 2 * kShown) {
    out = chars.substr(0, kShown) + std::u32string(chars.size() - 2 * kShown, U'*') +
          chars.substr(chars.size() - kShown);
  } else if (chars.size() > kShortShown) {
    out =
        std::u32string(chars.size() - kShortShown, U'*') + chars.substr(chars.size() - kShortShown);
  } else {
    out = std::u32string(chars.size(), U'*');
  }
  return utf8::encode(out);
}

std::optional<std::string> address(std::string_view text) {
  std::string trimmed = utf8::trim(text);
  if (trimmed.empty() || utf8::length(trimmed) > kAddressMax) return std::nullopt;
  return trimmed;
}

std::optional<std::string> facts(std::string_view text) {
  std::string trimmed = utf8::trim(text);
  if (utf8::length(trimmed) < kFactsMin) return std::nullopt;
  return trimmed;
}

}  // namespace civicdesk::dialogs::validate
