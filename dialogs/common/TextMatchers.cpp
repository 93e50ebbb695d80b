#include "dialogs/common/TextMatchers.hpp"

#include <algorithm>

#include "util/Utf8.hpp"
#include "workflows/complaints/CaseNumber.hpp"
#include "workflows/complaints/ExtractionText.hpp"

namespace civicdesk::dialogs::text {
namespace {

// Punctuation and spaces carry no meaning in a one-word answer; speech recognisers add "。".
bool isSeparator(char32_t c) {
  if (c < 0x80) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return !alnum;
  }
  return c == 0x00A0 || c == 0x00B7 || (c >= 0x2000 && c <= 0x206F) ||
         (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE10 && c <= 0xFE1F) ||
         (c >= 0xFE30 && c <= 0xFE6F) || (c >= 0xFF61 && c <= 0xFF65) || c == 0xFEFF;
}

bool startsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}
bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// "十二" → 12, "二十" → 20, "三" → 3; only what a menu or list of at most 99 items needs.
std::optional<int> chineseNumber(std::u32string_view chars) {
  const auto ten = chars.find(U'十');
  if (ten == std::u32string_view::npos) {
    if (chars.size() != 1) return std::nullopt;
    return digitValue(chars[0]);
  }
  const auto left = chars.substr(0, ten);
  const auto right = chars.substr(ten + 1);
  if (left.size() > 1 || right.size() > 1) return std::nullopt;
  int tens = 1;
  int units = 0;
  if (!left.empty()) {
    auto d = digitValue(left[0]);
    if (!d || *d == 0) return std::nullopt;
    tens = *d;
  }
  if (!right.empty()) {
    auto d = digitValue(right[0]);
    if (!d || *d == 0) return std::nullopt;
    units = *d;
  }
  return tens * 10 + units;
}

bool isAsciiAlnum(char32_t c) {
  c = utf8::toHalfWidth(c);
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// What may stand between the letters and digits of a typed case number: spaces and dashes,
// as normaliseCaseNumber reads them.
bool isCaseNumberGap(char32_t c) {
  c = utf8::toHalfWidth(c);
  return c == ' ' || c == '\t' || c == '-' || c == 0x3000 || c == 0x00A0 ||
         (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE63 || c == 0x30FC;
}

}  // namespace

std::string normalise(std::string_view text) {
  std::u32string out;
  for (char32_t c : utf8::decode(text)) {
    c = utf8::toHalfWidth(c);
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    if (!isSeparator(c)) out.push_back(c);
  }
  return utf8::encode(out);
}

bool isOneOf(std::string_view text, std::initializer_list<std::string_view> words) {
  const std::string folded = normalise(text);
  return std::find(words.begin(), words.end(), folded) != words.end();
}

bool containsAny(std::string_view text, std::initializer_list<std::string_view> words) {
  const std::string folded = normalise(text);
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view word) { return folded.find(word) != std::string::npos; });
}

std::optional<Command> matchCommand(std::string_view text) {
  if (isOneOf(text, {"取消", "取消投诉", "不填了", "放弃", "退出", "cancel"})) {
    return Command::Cancel;
  }
  if (isOneOf(text, {"返回", "上一步", "返回上一步", "后退", "back"})) return Command::Back;
  if (isOneOf(text, {"帮助", "求助", "说明", "help"})) return Command::Help;
  if (isOneOf(text, {"菜单", "主菜单", "0", "menu"})) return Command::Menu;
  return std::nullopt;
}

std::optional<bool> matchYesNo(std::string_view text) {
  if (isOneOf(text, {"是", "是的", "是啊", "对", "对的", "对啊", "有", "有的", "有过"}) ||
      isOneOf(text, {"嗯", "嗯嗯", "恩", "好", "好的", "要", "需要", "没错", "确认"}) ||
      isOneOf(text, {"yes", "y", "ok", "1"})) {
    return true;
  }
  if (isOneOf(text, {"否", "不是", "没有", "没有过", "没", "无", "不", "不要", "不需要", "不用"}) ||
      isOneOf(text, {"还没有", "还没", "no", "n", "2"})) {
    return false;
  }
  return std::nullopt;
}

std::optional<int> matchNumber(std::string_view text) {
  std::string folded = normalise(text);
  for (std::string_view prefix : {"第", "选择", "选", "编号"}) {
    if (startsWith(folded, prefix)) {
      folded.erase(0, prefix.size());
      break;
    }
  }
  for (std::string_view suffix : {"项", "个", "号", "条", "类", "种"}) {
    if (endsWith(folded, suffix)) {
      folded.erase(folded.size() - suffix.size());
      break;
    }
  }
  if (folded.empty()) return std::nullopt;
  if (std::all_of(folded.begin(), folded.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (folded.size() > 3) return std::nullopt;  // no list of ours is that long
    return std::stoi(folded);
  }
  return chineseNumber(utf8::decode(folded));
}

std::optional<std::string> findCaseNumber(std::string_view text) {
  constexpr std::size_t kLongestSpelling = 40;  // "T S - 2 0 2 6 ..." with a space each
  const std::u32string chars = utf8::decode(text);
  for (std::size_t start = 0; start < chars.size(); ++start) {
    const char32_t first = utf8::toHalfWidth(chars[start]);
    if (first != 'T' && first != 't') continue;
    if (start > 0 && isAsciiAlnum(chars[start - 1])) continue;  // inside a word
    std::size_t end = start;
    while (end < chars.size() && end - start < kLongestSpelling &&
           (isAsciiAlnum(chars[end]) || isCaseNumberGap(chars[end]))) {
      ++end;
    }
    // The longest spelling that ends where a word does: "TS-2026-000123 号" is the number,
    // "TS-2026-0001234" is not "TS-2026-000123".
    for (std::size_t stop = end; stop > start; --stop) {
      if (stop < end && isAsciiAlnum(chars[stop])) continue;
      if (auto caseNo = workflows::normaliseCaseNumber(
              utf8::encode(std::u32string_view(chars).substr(start, stop - start)))) {
        return caseNo;
      }
    }
  }
  return std::nullopt;
}

std::optional<int> digitValue(char32_t c) {
  if (c >= U'０' && c <= U'９') return static_cast<int>(c - U'０');
  // Spoken digits (幺三八…) are the workflows' to read; the dialogs add full-width ones.
  return workflows::extraction::dictatedDigit(c);
}

}  // namespace civicdesk::dialogs::text
