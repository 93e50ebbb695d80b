#pragma once
// Small helpers the complaint extraction shares (ComplaintExtraction, PhoneNumbers,
// DateMentions, UnitMentions). Free text is searched as code points, after folding full-width
// forms to ASCII, so an offset is a character and "１３８" reads as "138".
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace civicdesk::workflows::extraction {

// Full-width forms folded to ASCII (U+FF01..U+FF5E) and the ideographic space to ' '; nothing
// removed, so offsets into the result are offsets into the decoded text.
std::u32string fold(std::string_view text);

// A CJK unified ideograph (the basic block and extension A): what Chinese names are made of.
bool isHan(char32_t c);

// Sentence and clause punctuation (ASCII after fold, and CJK): where a name, an address or a
// clause ends.
bool isClauseEnd(char32_t c);

// `word` (UTF-8) starts at text[at].
bool startsWithAt(std::u32string_view text, std::size_t at, std::string_view word);
// The first of `words` that starts at text[at], as its length in code points.
std::optional<std::size_t> matchAnyAt(std::u32string_view text, std::size_t at,
                                      std::initializer_list<std::string_view> words);
// One of `words` occurs in text[from, to).
bool containsAnyIn(std::u32string_view text, std::size_t from, std::size_t to,
                   std::initializer_list<std::string_view> words);

// One digit as typed or dictated: '7', '七'; '〇'/'零' for 0, '幺'/'两' for 1/2, which speech
// recognisers produce for phone numbers. (Full-width digits are folded before this.)
std::optional<int> dictatedDigit(char32_t c);

}  // namespace civicdesk::workflows::extraction
