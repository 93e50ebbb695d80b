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

namespace {

// The first number in `text` that starts with the letter `upper` (any case or width) and that
// `canonical` accepts, the longest spelling that ends where a word does.
template <class Canonical>
std::optional<std::string> findNumberStartingWith(std::string_view text, char upper,
                                                  Canonical&& canonical) {
  constexpr std::size_t kLongestSpelling = 40;  // "T S - 2 0 2 6 ..." with a space each
  const char lower = static_cast<char>(upper - 'A' + 'a');
  const std::u32string chars = utf8::decode(text);
  for (std::size_t start = 0; start < chars.size(); ++start) {
    const char32_t first = utf8::toHalfWidth(chars[start]);
    if (first != static_cast<char32_t>(upper) && first != static_cast<char32_t>(lower)) continue;
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
      if (auto number = canonical(std::u32string_view(chars).substr(start, stop - start))) {
        return number;
      }
    }
  }
  return std::nullopt;
}

bool isHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

// The year's brackets of a document number, as typed: 〔〕 (the standard), [] ［］ () （） 【】
// 〖〗.
bool isYearOpen(char32_t c) {
  return c == U'〔' || c == '[' || c == U'［' || c == '(' || c == U'（' || c == U'【' || c == U'〖';
}
bool isYearClose(char32_t c) {
  return c == U'〕' || c == ']' || c == U'］' || c == ')' || c == U'）' || c == U'】' || c == U'〗';
}
bool isAsciiDigit(char32_t c) {
  c = utf8::toHalfWidth(c);
  return c >= '0' && c <= '9';
}
// Where the issuer's abbreviation in front of the brackets begins, reading backwards from them:
// at a character that cannot be part of it, or after the words that introduce a number in a
// sentence ("请公开青政办发…", "文号为…", "关于印发…的通知").
bool abbreviationStartsAt(std::u32string_view before) {
  if (before.empty() || !isHan(before.back())) return true;
  for (char32_t stop : std::u32string_view(U"的是为即号和与及或")) {
    if (before.back() == stop) return true;
  }
  for (std::u32string_view word : {U"公开", U"申请", U"印发", U"转发", U"关于", U"文号", U"根据",
                                   U"依据", U"按照", U"请", U"要", U"查询", U"提供", U"获取"}) {
    if (before.size() >= word.size() && before.substr(before.size() - word.size()) == word) {
      return true;
    }
  }
  return false;
}

constexpr std::size_t kAbbreviationMax = 8;  // "青溪区政府办公室发" is already long
constexpr std::size_t kSequenceMax = 5;

// A question, by its form: asks where or how, or ends like one.
constexpr std::size_t kQuestionMin = 6;  // "在吗？" and "你好吗" are greetings, not questions
bool looksLikeQuestion(std::string_view text, const std::string& folded) {
  if (containsAny(text, {"在哪里", "在哪儿", "在哪", "去哪", "哪里", "哪儿", "怎么", "如何", "怎样",
                         "多少", "什么时候", "几点"})) {
    return true;
  }
  if (utf8::length(folded) < kQuestionMin) return false;
  const std::string trimmed = utf8::trim(text);
  return endsWith(folded, "吗") || endsWith(folded, "呢") || endsWith(trimmed, "？") ||
         endsWith(trimmed, "?");
}

}  // namespace

std::optional<std::string> findCaseNumber(std::string_view text) {
  return findNumberStartingWith(text, 'T', [](std::u32string_view candidate) {
    return workflows::normaliseCaseNumber(utf8::encode(candidate));
  });
}

// The information-request number has the shape of a complaint's with "YS" for "TS": it is read
// as one, so that both accept the same spellings.
bool isSupplement(std::string_view text) {
  return utf8::trim(text).rfind("补正", 0) == 0;
}

std::optional<std::string> findInfoRequestNumber(std::string_view text) {
  return findNumberStartingWith(
      text, 'Y', [](std::u32string_view candidate) -> std::optional<std::string> {
        auto asComplaint = workflows::normaliseCaseNumber("T" + utf8::encode(candidate.substr(1)));
        if (!asComplaint) return std::nullopt;
        return "Y" + asComplaint->substr(1);
      });
}

std::optional<std::string> findDocumentNumber(std::string_view text) {
  const std::u32string chars = utf8::decode(text);
  for (std::size_t open = 1; open < chars.size(); ++open) {
    if (!isYearOpen(chars[open])) continue;
    std::size_t at = open + 1;
    std::size_t digits = 0;
    while (at < chars.size() && isAsciiDigit(chars[at])) ++at, ++digits;
    if (digits != 4 || at >= chars.size() || !isYearClose(chars[at])) continue;
    ++at;
    digits = 0;
    while (at < chars.size() && isAsciiDigit(chars[at])) ++at, ++digits;
    if (digits == 0 || digits > kSequenceMax || at >= chars.size() ||
        (chars[at] != U'号' && chars[at] != U'號')) {
      continue;
    }
    std::size_t begin = open;
    while (open - begin < kAbbreviationMax &&
           !abbreviationStartsAt(std::u32string_view(chars).substr(0, begin))) {
      --begin;
    }
    if (begin == open) continue;  // no issuer: "〔2026〕3号" alone is not a document number
    std::u32string number;
    for (std::size_t i = begin; i <= at; ++i) {
      // The year and the sequence in ASCII digits; the brackets as typed.
      number.push_back(isAsciiDigit(chars[i]) ? utf8::toHalfWidth(chars[i]) : chars[i]);
    }
    return utf8::encode(number);
  }
  return std::nullopt;
}

std::optional<std::string> findBookTitle(std::string_view text) {
  const std::u32string chars = utf8::decode(text);
  const auto open = chars.find(U'《');
  if (open == std::u32string::npos) return std::nullopt;
  const auto close = chars.find(U'》', open + 1);
  if (close == std::u32string::npos) return std::nullopt;
  std::string title = utf8::trim(utf8::encode(chars.substr(open + 1, close - open - 1)));
  if (title.empty()) return std::nullopt;
  return title;
}

std::optional<NotApplication> recogniseNotApplication(std::string_view text) {
  const std::string folded = normalise(text);
  if (folded.empty() || matchNumber(text)) return std::nullopt;
  // 信访局 is also a unit whose disclosure can be asked about or complained of: its name alone
  // does not make a petition.
  std::string withoutUnit = folded;
  for (std::string_view unit : {"信访局", "信访办", "信访部门"}) {
    for (auto at = withoutUnit.find(unit); at != std::string::npos; at = withoutUnit.find(unit)) {
      withoutUnit.erase(at, unit.size());
    }
  }
  const bool aboutInformation =
      containsAny(folded, {"文件", "信息", "公开", "文号", "资料", "数据", "名单", "通知"});
  if (containsAny(folded, {"上访"}) || withoutUnit.find("信访") != std::string::npos ||
      (containsAny(folded, {"诉求"}) && !aboutInformation)) {
    return NotApplication::Petition;
  }
  if (containsAny(folded, {"投诉", "举报"})) return NotApplication::Complaint;
  if (containsAny(folded, {"反映"}) &&
      containsAny(folded, {"问题", "不公开", "没公开", "没有公开", "未公开", "不更新", "没更新",
                           "没有更新", "未更新", "不答复", "没答复", "没有答复"})) {
    return NotApplication::Complaint;
  }
  // A question that asks for a document is an application ("能把…文件提供给我吗？"); one that
  // belongs to another menu item (progress, a person, false information) is left to the menu.
  if (looksLikeQuestion(text, folded) &&
      !containsAny(folded, {"申请", "提供", "索取", "调取", "复印", "给我", "寄给", "发给", "我要",
                            "想要", "我需要", "请公开"}) &&
      !containsAny(folded, {"进度", "案件", "人工", "客服", "虚假", "不一致", "谣言", "不实"})) {
    return NotApplication::Question;
  }
  return std::nullopt;
}

bool asksForDisclosure(std::string_view text) {
  const std::string folded = normalise(text);
  const bool asks =
      containsAny(folded, {"申请公开", "信息公开申请", "依申请公开", "申请信息公开",
                           "申请政府信息公开", "政府信息公开申请表"}) ||
      (containsAny(folded, {"申请获取", "申请提供", "申请查阅"}) &&
       containsAny(folded, {"文件", "信息", "资料", "通知", "方案", "名单", "数据", "文号"}));
  if (!asks) return false;
  if (auto other = recogniseNotApplication(text);
      other == NotApplication::Complaint || other == NotApplication::Petition) {
    return false;
  }
  return !containsAny(folded, {"没有答复", "没答复", "未答复", "未予答复", "没有回复", "没回复",
                               "未回复", "逾期", "超期", "超过期限", "至今未", "石沉大海"});
}

bool asksWhyNotDisclosed(std::string_view text) {
  return containsAny(
      text, {"为什么不公开", "为何不公开",     "为什么不予公开", "为何不予公开",   "为什么没有公开",
             "为什么没公开", "为什么只公开",   "为什么部分公开", "不予公开的理由", "不公开的理由",
             "不予公开理由", "不公开理由",     "不予公开的依据", "不公开的依据",   "不予公开依据",
             "不公开依据",   "不予公开的原因", "不公开的原因",   "不公开原因",     "不予公开原因"});
}

std::optional<int> digitValue(char32_t c) {
  if (c >= U'０' && c <= U'９') return static_cast<int>(c - U'０');
  // Spoken digits (幺三八…) are the workflows' to read; the dialogs add full-width ones.
  return workflows::extraction::dictatedDigit(c);
}

}  // namespace civicdesk::dialogs::text
