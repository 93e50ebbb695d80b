#include "util/Utf8.hpp"

namespace civicdesk::utf8 {
namespace {

bool isContinuation(unsigned char byte) {
  return (byte & 0xC0) == 0x80;
}

bool isSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0x00A0 ||
         c == 0x3000;
}

constexpr Decoded kInvalid{kReplacementCharacter, 1, false};

}  // namespace

Decoded decodeAt(std::string_view text, std::size_t at) {
  const auto byteAt = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
  const unsigned char lead = byteAt(0);
  if (lead < 0x80) return Decoded{lead, 1, true};
  std::size_t length = 0;
  char32_t codePoint = 0;
  unsigned char low = 0x80;  // the allowed range of the second byte (Table 3-7)
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, codePoint = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, codePoint = lead & 0x0F;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, codePoint = lead & 0x07;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return kInvalid;  // a continuation byte, an overlong 0xC0/0xC1, or 0xF5..0xFF
  }
  if (text.size() - at < length) return kInvalid;
  if (byteAt(1) < low || byteAt(1) > high) return kInvalid;
  for (std::size_t i = 1; i < length; ++i) {
    if (!isContinuation(byteAt(i))) return kInvalid;
    codePoint = (codePoint << 6) | (byteAt(i) & 0x3F);
  }
  return Decoded{codePoint, length, true};
}

std::u32string decode(std::string_view text, OnInvalid onInvalid) {
  std::u32string out;
  for (std::size_t at = 0; at < text.size();) {
    const Decoded next = decodeAt(text, at);
    if (next.valid || onInvalid == OnInvalid::replace) out.push_back(next.codePoint);
    at += next.length;
  }
  return out;
}

std::string encode(std::u32string_view codePoints) {
  std::string out;
  for (char32_t c : codePoints) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

std::string sanitize(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const Decoded next = decodeAt(text, at);
    if (next.valid) {
      out.append(text.substr(at, next.length));
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD
    }
    at += next.length;
  }
  return out;
}

std::size_t length(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t at = 0; at < text.size();) {
    const Decoded next = decodeAt(text, at);
    if (next.valid) ++count;
    at += next.length;
  }
  return count;
}

std::string_view prefixWithinBytes(std::string_view text, std::size_t maxBytes) {
  if (text.size() <= maxBytes) return text;
  std::size_t cut = maxBytes;
  // text[cut] is the first byte left out; back off while it continues a character.
  while (cut > 0 && isContinuation(static_cast<unsigned char>(text[cut]))) --cut;
  return text.substr(0, cut);
}

std::string truncateBytes(std::string_view text, std::size_t maxBytes) {
  constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // "…", 3 bytes
  if (text.size() <= maxBytes) return std::string(text);
  std::string cut(prefixWithinBytes(text, maxBytes - kEllipsis.size()));
  cut += kEllipsis;
  return cut;
}

std::string truncate(std::string_view text, std::size_t maxCharacters) {
  std::u32string chars = decode(text);
  if (chars.size() <= maxCharacters) return encode(chars);
  chars.resize(maxCharacters);
  chars += U'…';
  return encode(chars);
}

std::vector<std::string> splitLines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t at = 0;
  for (;;) {
    const std::size_t end = text.find('\n', at);
    std::string_view line = text.substr(at, end == std::string_view::npos ? text.npos : end - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.emplace_back(line);
    if (end == std::string_view::npos) return lines;
    at = end + 1;
  }
}

std::string trim(std::string_view text) {
  const std::u32string chars = decode(text);
  std::size_t begin = 0;
  std::size_t end = chars.size();
  while (begin < end && isSpace(chars[begin])) ++begin;
  while (end > begin && isSpace(chars[end - 1])) --end;
  return encode(std::u32string_view(chars).substr(begin, end - begin));
}

}  // namespace civicdesk::utf8
