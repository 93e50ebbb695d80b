#pragma once
// Byte limits on UTF-8 text (WeCom counts content in bytes): make text valid, then cut it
// without splitting a character.
#include <cstddef>
#include <string>
#include <string_view>

namespace civicdesk::channels::utf8 {

// `text` with every byte that does not start a well-formed sequence (stray continuation
// bytes, overlong forms, surrogates, > U+10FFFF, truncated sequences) replaced by U+FFFD.
// Done before measuring, so a replacement cannot grow the text past a limit afterwards.
std::string sanitize(std::string_view text);

// The longest prefix of valid UTF-8 `text` that is at most `maxBytes` long and ends on a
// character boundary.
std::string_view prefix(std::string_view text, std::size_t maxBytes);

}  // namespace civicdesk::channels::utf8
