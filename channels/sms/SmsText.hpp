#pragma once
// Cutting a reply into SMS-sized parts (PROTOCOLS.md §3.7). One SMS holds 70 UCS-2
// characters, and any Chinese character forces UCS-2, so a limit in characters (code points)
// is what decides how many messages a citizen receives and what the district pays for.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace civicdesk::channels {

// `text` as the SMS bodies to send, in order.
//
// Characters are counted as UTF-8 code points; invalid bytes are first replaced by U+FFFD,
// so every part is valid UTF-8 and no sequence is ever cut in two. A text that fits `limit`
// comes back alone and unchanged (apart from that replacement). A longer text is cut after
// sentence ends (。！？；, a line break, or ASCII . ! ? ; followed by white space or the end,
// so "3.5" and "www.gov.cn" stay whole) and every part starts with "(i/n)", counted within
// `limit`. A sentence longer than a part is cut hard at the part's capacity. White space at
// the start and end of a part is dropped: it would cost characters and show nothing.
//
// Throws std::invalid_argument when `limit` leaves no room for text after the "(i/n)"
// prefix the text would need (a programming error: limits are constants).
std::vector<std::string> splitForSms(std::string_view text, std::size_t limit = 70);

}  // namespace civicdesk::channels
