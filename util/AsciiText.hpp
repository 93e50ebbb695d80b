#pragma once
// ASCII-only text helpers for protocol tokens (header names, charsets, mail addresses, URL
// schemes): case folding and trimming that never touch a UTF-8 byte. Text citizens write goes
// through Utf8.hpp instead.
#include <algorithm>
#include <string>
#include <string_view>

namespace civicdesk::ascii {

inline bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

inline std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return c >= 'A' && c <= 'Z' ? char(c + 32) : char(c); });
  return out;
}

inline bool equalsIgnoringCase(std::string_view a, std::string_view b) {
  const auto fold = [](unsigned char c) { return c >= 'A' && c <= 'Z' ? char(c + 32) : char(c); };
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [&](char x, char y) { return fold(x) == fold(y); });
}

inline std::string_view trim(std::string_view text) {
  while (!text.empty() && isSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && isSpace(text.back())) text.remove_suffix(1);
  return text;
}

// The value of a hexadecimal digit (either case), or -1: percent-escapes in URLs and forms,
// quoted-printable and encoded words, signatures in hex.
inline int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace civicdesk::ascii
