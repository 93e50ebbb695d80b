#pragma once
// TwiML messaging responses (PROTOCOLS.md §3.3), written by hand: the document is one fixed
// shape, and the only data in it is message text, escaped here.
#include <string>
#include <string_view>
#include <vector>

namespace civicdesk::channels {

inline constexpr const char* kTwimlContentType = "text/xml";

// `text` safe as XML character data and attribute values: & < > " ' escaped, and the
// characters XML 1.0 forbids (C0 controls other than tab, LF, CR; U+FFFE, U+FFFF) dropped, so
// a stray control byte in a reply cannot make Twilio refuse the whole document.
std::string escapeXml(std::string_view text);

// <?xml version="1.0" encoding="UTF-8"?><Response> with one <Message> per body, in order;
// no bodies → <Response/>.
std::string renderTwiml(const std::vector<std::string>& messageBodies);

}  // namespace civicdesk::channels
