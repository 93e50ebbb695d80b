#pragma once
// application/x-www-form-urlencoded bodies (Twilio and Mailgun webhooks, Twilio's REST API):
// decoding keeps every field in the order sent, repeated names included, because Twilio's
// signature covers every received parameter (PROTOCOLS.md §3.2).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/Expected.hpp"

namespace civicdesk::channels {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// "a=1&b=%E4%BD%A0+x" → {{"a","1"},{"b","你 x"}}. '+' is a space; %XX an octet. An error
// names the first malformed escape ("bad percent-escape in field 2").
Expected<FormFields, std::string> parseFormBody(std::string_view body);

// A request target's query ("a=1&b=%E4%BD%A0+x&flag"), split and decoded as parseFormBody
// does, but leniently, as browsers and HTTP servers do: a malformed escape ("%zz", a lone "%")
// stays as it was sent instead of refusing the request.
FormFields parseQueryString(std::string_view query);

// One URL component percent-decoded leniently (as above); '+' becomes a space only when
// `plusIsSpace` (query values, not paths).
std::string decodeUrlComponent(std::string_view text, bool plusIsSpace);

// The first value of `name`, or nullptr.
const std::string* formValue(const FormFields& fields, std::string_view name);

// The inverse: names and values percent-encoded (space as %20), joined with '&'.
std::string encodeFormBody(const FormFields& fields);

}  // namespace civicdesk::channels
