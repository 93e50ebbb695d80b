#pragma once
// X-Twilio-Signature (PROTOCOLS.md §3.2): base64 of HMAC-SHA1, keyed with the account's Auth
// Token, over the URL Twilio requested followed by every POST parameter (name then value, no
// separators, names sorted; a repeated name contributes each distinct value, values sorted).
// JSON-bodied webhooks sign the URL only, and the URL carries bodySHA256, the hex SHA-256 of
// the raw body.
//
// Twilio's back ends are not consistent about the URL they sign, so a signature is accepted
// for any of the URL forms twilio-node (npm twilio@6.2.0, validateRequest) accepts; see
// twilioUrlVariants(). Every comparison is constant-time.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "channels/FormBody.hpp"
#include "util/Expected.hpp"

namespace civicdesk::channels {

// The header value Twilio sends for a request to `url` carrying `params` (none for GET and
// JSON bodies). Names and values are sorted by UTF-16 code units, as JavaScript sorts them,
// so that non-ASCII names order as Twilio's libraries order them.
std::string twilioSignature(std::string_view authToken, std::string_view url,
                            const FormFields& params);

// The URL forms a signature is checked against, in this order, without duplicates:
//   1. `url` as given;
//   2. with the scheme's default port added when it has none (":443" for https, ":80"
//      otherwise), or removed when it is the default one;
//   3-4. forms 1 and 2 with the query re-encoded as Node's legacy `querystring` module does
//      (see withLegacyQuery()).
// Differences from twilio-node 6.2.0, all of them stricter: a non-default port is never
// removed (Twilio only reaches such a port when the configured URL names it, so it signed
// it); no WHATWG normalisation of the host's case or the path's escapes is tried (publicUrl
// is our own configuration: write it as Twilio's console shows it).
std::vector<std::string> twilioUrlVariants(std::string_view url);

// `url` with the query (everything after the first '?') decoded and re-encoded the way
// Node's querystring.parse then querystring.stringify does: '+' and %XX decoded (a broken
// escape kept as it is, invalid UTF-8 as U+FFFD), empty "&&" entries dropped, the values of
// a repeated name gathered after its first occurrence, names that are array indices ("0",
// "17") moved first in numeric order (JavaScript's property order), and every byte outside
// A-Z a-z 0-9 - _ . ! ~ * ' ( ) written as %XX. Unlike Node, no 1000-key cap: a cap would
// let a signed URL padded with 1000 empty entries carry an unsigned extra parameter.
std::string withLegacyQuery(std::string_view url);

// Checks `header` (the X-Twilio-Signature value, nullopt when absent) for a form POST (or a
// GET with `params` empty). Ok → the URL form that matched, for the log. An error says why,
// without the expected signature.
Expected<std::string, std::string> verifyTwilioSignature(std::string_view authToken,
                                                         const std::optional<std::string>& header,
                                                         std::string_view url,
                                                         const FormFields& params);

// The same for a JSON-bodied webhook: the signature covers the URL alone, and the URL's
// bodySHA256 must be the hex SHA-256 of `body` (upper- or lowercase hex).
Expected<std::string, std::string> verifyTwilioSignatureWithBody(
    std::string_view authToken, const std::optional<std::string>& header, std::string_view url,
    std::string_view body);

}  // namespace civicdesk::channels
