#include "workflows/complaints/ExtractionText.hpp"

#include "util/Utf8.hpp"

namespace civicdesk::workflows::extraction {

std::u32string fold(std::string_view text) {
  std::u32string out = utf8::decode(text);
  for (char32_t& c : out) c = c == 0x3000 ? U' ' : utf8::toHalfWidth(c);
  return out;
}

bool isHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

bool isClauseEnd(char32_t c) {
  switch (c) {
    case '\n':
    case '\r':
    case ',':
    case '.':
    case ';':
    case '!':
    case '?':
    case U'，':  // kept for text that was not folded
    case U'。':
    case U'；':
    case U'！':
    case U'？':
    case U'、':
      return true;
    default:
      return false;
  }
}

bool startsWithAt(std::u32string_view text, std::size_t at, std::string_view word) {
  const std::u32string w = utf8::decode(word);
  return at <= text.size() && text.substr(at, w.size()) == w;
}

std::optional<std::size_t> matchAnyAt(std::u32string_view text, std::size_t at,
                                      std::initializer_list<std::string_view> words) {
  for (std::string_view word : words) {
    if (startsWithAt(text, at, word)) return utf8::decode(word).size();
  }
  return std::nullopt;
}

bool containsAnyIn(std::u32string_view text, std::size_t from, std::size_t to,
                   std::initializer_list<std::string_view> words) {
  if (to > text.size()) to = text.size();
  if (from >= to) return false;
  const std::u32string_view part = text.substr(from, to - from);
  for (std::string_view word : words) {
    if (part.find(utf8::decode(word)) != std::u32string_view::npos) return true;
  }
  return false;
}

std::optional<int> dictatedDigit(char32_t c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  switch (c) {
    case U'零':
    case U'〇':
      return 0;
    case U'一':
    case U'幺':
      return 1;
    case U'二':
    case U'两':
      return 2;
    case U'三':
      return 3;
    case U'四':
      return 4;
    case U'五':
      return 5;
    case U'六':
      return 6;
    case U'七':
      return 7;
    case U'八':
      return 8;
    case U'九':
      return 9;
    default:
      return std::nullopt;
  }
}

}  // namespace civicdesk::workflows::extraction
