#include "channels/wechat/WeChatNotice.hpp"

#include <algorithm>
#include <array>

#include "util/Utf8.hpp"

namespace civicdesk::channels {

namespace {

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

// "TS-" then 4 digits, '-', 6 digits, not running on into more digits (a longer number is
// not one of ours).
bool isCaseNumberAt(std::string_view text, std::size_t at) {
  constexpr std::size_t kLength = 14;  // "TS-2026-000123"
  if (at + kLength > text.size() || text.substr(at, 3) != "TS-" || text[at + 7] != '-') {
    return false;
  }
  for (std::size_t i = 3; i < kLength; ++i) {
    if (i != 7 && !isDigit(text[at + i])) return false;
  }
  return at + kLength == text.size() || !isDigit(text[at + kLength]);
}

// Where the first sentence ends (just past its full stop), or npos. Only the full-width
// marks: an ASCII '.' also appears in dates, amounts and web addresses.
std::size_t endOfFirstSentence(std::string_view text) {
  static constexpr std::array<std::string_view, 3> kMarks = {"\xE3\x80\x82",   // 。
                                                             "\xEF\xBC\x81",   // ！
                                                             "\xEF\xBC\x9F"};  // ？
  std::size_t end = std::string_view::npos;
  for (std::string_view mark : kMarks) {
    const std::size_t at = text.find(mark);
    if (at != std::string_view::npos) end = std::min(end, at + mark.size());
  }
  return end;
}

}  // namespace

std::string findCaseNumber(std::string_view text) {
  for (std::size_t at = text.find("TS-"); at != std::string_view::npos;
       at = text.find("TS-", at + 1)) {
    if (isCaseNumberAt(text, at)) return std::string(text.substr(at, 14));
  }
  return "";
}

NoticeFields splitNotice(std::string_view input) {
  const std::string text = utf8::trim(utf8::sanitize(input));
  const std::string_view view(text);
  const std::size_t newline = view.find('\n');
  std::size_t cut = newline != std::string_view::npos ? newline : endOfFirstSentence(view);
  if (cut == std::string_view::npos) cut = view.size();
  // trim() also drops the line break itself, and a '\r' before it.
  return NoticeFields{utf8::trim(view.substr(0, cut)), findCaseNumber(view),
                      utf8::trim(view.substr(cut))};
}

}  // namespace civicdesk::channels
