#pragma once
// UTF-8 as CivicDesk receives it: citizens' messages from speech recognisers and several
// channels, hand-edited configuration. One decoder for the whole code base.
//
// Validity follows Unicode Table 3-7: a well-formed sequence is 1-4 bytes with no overlong
// form, no surrogate (U+D800..U+DFFF) and nothing above U+10FFFF. Anything else is handled one
// byte at a time: a broken byte costs one character, never the text around it.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace civicdesk::utf8 {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

// What starts at one position of a text.
struct Decoded {
  char32_t codePoint;  // kReplacementCharacter when !valid
  std::size_t length;  // bytes taken: 1-4 for a well-formed sequence, 1 when !valid
  bool valid;          // false: a stray continuation byte, an impossible lead byte, a
                       // truncated sequence, an overlong form, a surrogate or > U+10FFFF
};

// Decodes the character at text[at]; `at` must be < text.size(). To walk a text:
//   for (std::size_t at = 0; at < text.size();) { auto d = decodeAt(text, at); ...; at += d.length;
//   }
Decoded decodeAt(std::string_view text, std::size_t at);

// What decoding does with a byte that does not start a well-formed sequence.
enum class OnInvalid {
  skip,     // leave it out
  replace,  // put U+FFFD in its place
};

// The code points of `text`.
std::u32string decode(std::string_view text, OnInvalid onInvalid = OnInvalid::skip);

// UTF-8 for code points; they must be Unicode scalar values (what decode() returns).
std::string encode(std::u32string_view codePoints);

// `text` with every invalid byte replaced by U+FFFD: valid UTF-8 whatever came in. Done
// before measuring bytes, so a replacement cannot grow a text past a limit afterwards.
std::string sanitize(std::string_view text);

// The number of characters (code points), invalid bytes not counted. What "at least 6
// characters" means to a citizen writing Chinese; bytes would triple it.
std::size_t length(std::string_view text);

// The longest prefix of valid UTF-8 `text` that is at most `maxBytes` long and ends on a
// character boundary (sanitize() first when the text may be invalid).
std::string_view prefixWithinBytes(std::string_view text, std::size_t maxBytes);

// Valid UTF-8 `text` itself when it is at most `maxBytes` long (maxBytes >= 3); otherwise
// its longest prefix on a character boundary with "…" appended, `maxBytes` at most in all.
// For platforms that limit a message in bytes (WeCom's 2048).
std::string truncateBytes(std::string_view text, std::size_t maxBytes);

// At most `maxCharacters` characters of `text` (invalid bytes dropped), with "…" appended
// when something was cut.
std::string truncate(std::string_view text, std::size_t maxCharacters);

// `text` (invalid bytes dropped) without leading and trailing white space: ASCII white space,
// no-break space (U+00A0) and the ideographic space (U+3000).
std::string trim(std::string_view text);

// The lines of `text`, split at LF with a CR before it dropped (mail and transcripts use CRLF).
// A text ending in LF ends with an empty line; an empty text is one empty line.
std::vector<std::string> splitLines(std::string_view text);

// The ASCII character for a full-width form (U+FF01..U+FF5E, "Ａ" → 'A', "１" → '1',
// "－" → '-'); any other code point unchanged. Chinese input methods type these.
constexpr char32_t toHalfWidth(char32_t c) {
  return c >= 0xFF01 && c <= 0xFF5E ? c - 0xFEE0 : c;
}

}  // namespace civicdesk::utf8
