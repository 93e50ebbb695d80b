#pragma once
// Text in a declared charset → UTF-8, for email (PROTOCOLS.md §4.3). Chinese mailers label GBK
// text "GB2312" and a strict GB2312 decoder fails on characters found in names (镕, 喆, 堃, 珺),
// so every GB2312/GBK label decodes as GB18030, the superset (as the WHATWG Encoding Standard
// does with gb2312 → GBK).
#include <string>
#include <string_view>

#include "util/Expected.hpp"

namespace civicdesk::channels::email {

// `bytes` in `charsetLabel` ("gb2312", "UTF-8", "big5", case and quotes ignored) as UTF-8.
// An unknown label, or a byte sequence that is invalid in that charset, is an error: the
// caller decides what to fall back to. Labels glibc's iconv knows beyond ours (koi8-r,
// shift_jis, ...) are accepted too; HZ-GB-2312 is decoded here (glibc has no HZ).
Expected<std::string, std::string> toUtf8(std::string_view bytes, std::string_view charsetLabel);

// The same, never failing: an undecodable byte becomes U+FFFD; an unknown label is read as
// UTF-8 (its invalid bytes replaced).
std::string toUtf8Lenient(std::string_view bytes, std::string_view charsetLabel);

// What mail text needs when its label may be missing or wrong: the declared charset if the
// bytes are valid in it; else UTF-8; else GB18030 (the likeliest unlabelled charset in a
// Chinese mailbox); else the declared charset (or UTF-8) leniently. An empty label means
// "undeclared".
std::string toUtf8BestEffort(std::string_view bytes, std::string_view charsetLabel);

// Whether `charsetLabel` names a charset toUtf8 can decode.
bool isKnownCharset(std::string_view charsetLabel);

}  // namespace civicdesk::channels::email
