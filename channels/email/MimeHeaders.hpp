#pragma once
// The header block of a message or MIME part (RFC 5322 §2.2): fields in order, unfolded, with
// their raw values (RFC 2047 decoding is the reader's choice, per field). CRLF and bare LF line
// ends are both accepted, because a message piped from a Unix mail server has bare LFs.
#include <string>
#include <string_view>
#include <vector>

namespace civicdesk::channels::email {

struct HeaderField {
  std::string name;  // as written ("Message-ID")
  // Unfolded: each folding line break and the white space around it become one space; outer
  // white space trimmed.
  std::string value;
};

using HeaderFields = std::vector<HeaderField>;

// The first field named `name` (case-insensitive), or nullptr.
const std::string* findHeader(const HeaderFields& fields, std::string_view name);

struct MimeEntity {
  HeaderFields headers;
  std::string_view body;  // after the blank line; points into the parsed text
};

// Splits `raw` at the first empty line. Lenient: a line that is neither a field nor a
// continuation is skipped (an mbox "From " line among them), and text without an empty line is
// all headers.
MimeEntity splitEntity(std::string_view raw);

}  // namespace civicdesk::channels::email
