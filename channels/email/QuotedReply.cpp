#include "channels/email/QuotedReply.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "util/AsciiText.hpp"
#include "util/Utf8.hpp"

namespace civicdesk::channels::email {

namespace {

bool startsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The line without dashes and any kind of space, so that every width of
// "-----原始邮件-----" compares equal.
std::string withoutRules(std::string_view line) {
  std::u32string kept;
  for (char32_t c : utf8::decode(line)) {
    if (c == U'-' || c == U' ' || c == U'\t' || c == U'\u00A0' || c == U'\u3000' ||
        c == U'\uFF0D') {
      continue;
    }
    kept.push_back(c);
  }
  return ascii::lower(utf8::encode(kept));
}

bool isSeparatorRule(std::string_view line) {
  const std::string core = withoutRules(line);
  if (core.size() == line.size()) return false;  // no dashes: not a rule
  return core == "原始邮件" || core == "originalmessage" || core == "原邮件" ||
         core == "回复的原邮件";
}

bool isUnderscoreRule(std::string_view line) {
  return line.size() >= 20 &&
         std::all_of(line.begin(), line.end(), [](char c) { return c == '_'; });
}

bool writesAttribution(std::string_view line) {
  return endsWith(line, "wrote:") || endsWith(line, "写道：") || endsWith(line, "写道:");
}

bool opensAttribution(std::string_view line) {
  return startsWith(line, "On ") || startsWith(line, "在");
}

bool isQuotedHeaderStart(std::string_view line) {
  return startsWith(line, "发件人：") || startsWith(line, "发件人:") || startsWith(line, "From:");
}

bool isQuotedHeaderDate(std::string_view line) {
  return startsWith(line, "发送时间：") || startsWith(line, "发送时间:") ||
         startsWith(line, "Sent:") || startsWith(line, "Date:") || startsWith(line, "日期：") ||
         startsWith(line, "时间：");
}

// Where the quoted message begins (lines.size() when it does not).
std::size_t quoteStart(const std::vector<std::string>& lines) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string line = utf8::trim(lines[i]);
    if (isSeparatorRule(line) || isUnderscoreRule(line)) return i;
    if (writesAttribution(line)) {
      if (opensAttribution(line)) return i;
      // Gmail wraps a long "On <date>, <name> <address> wrote:" over two lines.
      if (i > 0 && opensAttribution(utf8::trim(lines[i - 1]))) return i - 1;
    }
    if (isQuotedHeaderStart(line)) {
      for (std::size_t j = i + 1; j < lines.size() && j <= i + 3; ++j) {
        if (isQuotedHeaderDate(utf8::trim(lines[j]))) return i;
      }
    }
  }
  return lines.size();
}

}  // namespace

std::string stripQuotedReply(std::string_view text) {
  const std::vector<std::string> lines = utf8::splitLines(text);
  const std::size_t end = quoteStart(lines);
  std::vector<std::string_view> kept;
  for (std::size_t i = 0; i < end; ++i) {
    const std::string trimmed = utf8::trim(lines[i]);
    if (startsWith(trimmed, ">") || startsWith(trimmed, "＞")) continue;
    kept.push_back(lines[i]);
  }
  while (!kept.empty() && utf8::trim(kept.back()).empty()) kept.pop_back();
  std::size_t first = 0;
  while (first < kept.size() && utf8::trim(kept[first]).empty()) ++first;
  std::string out;
  for (std::size_t i = first; i < kept.size(); ++i) {
    if (i > first) out += '\n';
    out += kept[i];
  }
  if (out.empty()) return std::string(text);
  return out;
}

}  // namespace civicdesk::channels::email
