#include "channels/email/TransferEncoding.hpp"
#include "util/AsciiText.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace civicdesk::channels::email {

namespace {

int base64Value(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

bool isBlank(char c) {
  return c == ' ' || c == '\t';
}

std::string lowercaseTrimmed(std::string_view s) {
  return ascii::lower(ascii::trim(s));
}

}  // namespace

std::string decodeBase64Lenient(std::string_view text) {
  std::string out;
  out.reserve(text.size() / 4 * 3 + 3);
  std::uint32_t bits = 0;
  int count = 0;  // sextets in the current quantum
  const auto flush = [&] {
    // 2 sextets complete 1 byte, 3 complete 2; a lone sextet completes nothing.
    if (count >= 2) out += static_cast<char>((bits >> (6 * count - 8)) & 0xFF);
    if (count >= 3) out += static_cast<char>((bits >> (6 * count - 16)) & 0xFF);
    bits = 0;
    count = 0;
  };
  for (unsigned char c : text) {
    if (c == '=') {
      flush();
      continue;
    }
    const int value = base64Value(c);
    if (value < 0) continue;
    bits = (bits << 6) | static_cast<std::uint32_t>(value);
    if (++count == 4) {
      out += static_cast<char>((bits >> 16) & 0xFF);
      out += static_cast<char>((bits >> 8) & 0xFF);
      out += static_cast<char>(bits & 0xFF);
      bits = 0;
      count = 0;
    }
  }
  flush();
  return out;
}

std::string decodeQuotedPrintable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t lineStart = 0;
  while (lineStart < text.size()) {
    std::size_t lineEnd = text.find('\n', lineStart);
    const bool hasBreak = lineEnd != std::string_view::npos;
    if (!hasBreak) lineEnd = text.size();
    std::string_view line = text.substr(lineStart, lineEnd - lineStart);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    while (!line.empty() && isBlank(line.back())) line.remove_suffix(1);  // transport padding
    bool soft = false;
    if (!line.empty() && line.back() == '=') {
      soft = true;
      line.remove_suffix(1);
    }
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '=' && i + 2 < line.size()) {
        const int hi = ascii::hexValue(line[i + 1]);
        const int lo = ascii::hexValue(line[i + 2]);
        if (hi >= 0 && lo >= 0) {
          out += static_cast<char>(hi * 16 + lo);
          i += 2;
          continue;
        }
      }
      out += line[i];
    }
    if (hasBreak && !soft) out += "\r\n";
    lineStart = hasBreak ? lineEnd + 1 : text.size();
  }
  return out;
}

std::string decodeQEncoding(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '_') {
      out += ' ';
    } else if (c == '=' && i + 2 < text.size() && ascii::hexValue(text[i + 1]) >= 0 &&
               ascii::hexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(ascii::hexValue(text[i + 1]) * 16 + ascii::hexValue(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string decodeTransferEncoding(std::string_view body, std::string_view encoding) {
  const std::string name = lowercaseTrimmed(encoding);
  if (name == "base64") return decodeBase64Lenient(body);
  if (name == "quoted-printable") return decodeQuotedPrintable(body);
  return std::string(body);
}

}  // namespace civicdesk::channels::email
