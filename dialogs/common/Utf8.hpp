#pragma once
// UTF-8 as citizens' messages carry it. Decoding is lenient: a broken byte costs one character,
// never the conversation, because text arrives from speech recognisers and many channels.
#include <cstddef>
#include <string>
#include <string_view>

namespace civicdesk::dialogs::utf8 {

std::u32string decode(std::string_view text);
std::string encode(std::u32string_view text);
// The number of characters (code points), which is what "at least 6 characters" means to a
// citizen writing Chinese; bytes would triple it.
std::size_t length(std::string_view text);
// At most `max` characters, with "…" appended when something was cut.
std::string truncate(std::string_view text, std::size_t max);
// Without leading and trailing white space, ASCII or ideographic (U+3000).
std::string trim(std::string_view text);

}  // namespace civicdesk::dialogs::utf8
