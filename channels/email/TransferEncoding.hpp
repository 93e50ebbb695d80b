#pragma once
// Content-Transfer-Encoding decoders (RFC 2045 §6) and the Q encoding of RFC 2047 headers.
// Mail is decoded leniently: what a mailer got slightly wrong still yields the citizen's text,
// and none of these can fail.
#include <string>
#include <string_view>

namespace civicdesk::channels::email {

// Base64 as mail carries it: line breaks and any other character outside the alphabet are
// ignored (RFC 2045 §6.8 says so), '=' ends a quantum, and a cut-off final quantum yields the
// bytes it completes (a truncated message keeps what arrived).
std::string decodeBase64Lenient(std::string_view text);

// Quoted-printable (RFC 2045 §6.7): "=XX" is an octet (either case of hex), "=" at the end of a
// line is a soft break, whitespace a transport added at line ends is dropped, a hard line break
// becomes CRLF (the canonical form; text is normalised later), and an "=" that starts no valid
// escape is kept as it is.
std::string decodeQuotedPrintable(std::string_view text);

// The "Q" encoding of RFC 2047 encoded words: quoted-printable's "=XX" plus "_" for a space.
std::string decodeQEncoding(std::string_view text);

// A body by its Content-Transfer-Encoding ("base64", "quoted-printable"; anything else,
// including 7bit, 8bit, binary and unknown values, is taken as it is).
std::string decodeTransferEncoding(std::string_view body, std::string_view encoding);

}  // namespace civicdesk::channels::email
