#pragma once
// What the fuzz targets share: the input as a string_view, and checks of the parsers'
// promises beyond "does not crash". A broken promise aborts, which libFuzzer reports as a
// crash with the input that caused it; nothing is printed otherwise.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace civicdesk::fuzz {

inline std::string_view asText(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// `condition` must hold for every input.
inline void require(bool condition) {
  if (!condition) std::abort();
}

// Well-formed UTF-8 (Unicode Table 3-7: no overlong forms, no surrogates, nothing above
// U+10FFFF), written independently of util/Utf8 so that the two can disagree.
inline bool isValidUtf8(std::string_view text) {
  std::size_t i = 0;
  const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
  while (i < text.size()) {
    const unsigned char lead = byte(i);
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // the range of the second byte
    if (lead < 0x80) {
      ++i;
      continue;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    if (byte(i + 1) < low || byte(i + 1) > high) return false;
    for (std::size_t k = 2; k < length; ++k) {
      if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return false;
    }
    i += length;
  }
  return true;
}

// The input cut at its first '\n' into a short head (a label, a name, a header) and the rest.
struct HeadAndBody {
  std::string_view head;
  std::string_view body;
};
inline HeadAndBody splitFirstLine(std::string_view text) {
  const std::size_t newline = text.find('\n');
  if (newline == std::string_view::npos) return {text, {}};
  return {text.substr(0, newline), text.substr(newline + 1)};
}

}  // namespace civicdesk::fuzz
