#pragma once
// Header text as mailers write it: RFC 2047 encoded words (=?charset?B|Q?...?=) in Subject,
// display names and, against the rules but commonly (Foxmail, QQ Mail, Outlook in Chinese),
// inside quoted parameter values; RFC 2231 parameter encoding and continuations; and the
// parameter syntax of Content-Type and Content-Disposition. Everything comes out as UTF-8.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace civicdesk::channels::email {

// An unstructured header value (already unfolded) with every encoded word decoded. Whitespace
// between two adjacent encoded words is dropped; adjacent words in the same charset are joined
// before conversion, so a multibyte character split across two words (which RFC 2047 forbids
// but mailers do) survives. Encoded words are recognised even when glued to other text. Raw
// 8-bit bytes outside encoded words are read as UTF-8, else GB18030. Never fails: an
// undecodable byte becomes U+FFFD.
std::string decodeHeaderText(std::string_view value);

struct HeaderParameter {
  std::string name;   // lower-cased, without RFC 2231 "*" or "*N" suffixes
  std::string value;  // unquoted; continuations joined
  // True when the value came RFC 2231-encoded (name*=charset'lang'%XX): already UTF-8.
  // False: the value as sent, which may still hold encoded words or raw 8-bit text.
  bool extended = false;
};

// `type/subtype; name=value; name="quoted"; name*=UTF-8''%E6%8A%95; name*0*=...; name*1*=...`
struct ParameterizedHeader {
  std::string value;  // before the first ';', trimmed and lower-cased ("multipart/mixed")
  std::vector<HeaderParameter> parameters;  // in order of first appearance, one per name

  // The value as sent (for `boundary`, which must be used byte for byte), or nullptr.
  const std::string* raw(std::string_view name) const;
  // The value as text: RFC 2231 decoded, else RFC 2047 decoded leniently (the
  // filename="=?GB2312?B?...?=" of Chinese clients). nullopt when absent.
  std::optional<std::string> text(std::string_view name) const;
};

// Parses a Content-Type or Content-Disposition value. Lenient: a missing closing quote ends
// the value at the end of the header, a parameter without '=' is skipped, and where both
// `name` and `name*` are present the RFC 2231 one wins.
ParameterizedHeader parseParameterizedHeader(std::string_view headerValue);

}  // namespace civicdesk::channels::email
