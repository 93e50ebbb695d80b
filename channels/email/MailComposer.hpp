#pragma once
// The bytes of one outgoing email (RFC 5322 + MIME), ready for SMTP DATA: what SmtpSender
// sends for a Reply (PROTOCOLS.md §4.4-4.5). composeMail is pure (the caller gives the time),
// so every byte can be checked in tests; newMessageId reads the clock and the CSPRNG.
//
// Subjects and display names come partly from citizens, so every header input is checked:
// a CR or LF anywhere would let a citizen add headers of their own (Bcc:, a second body...)
// and is refused rather than cleaned up, because text that tries it is not a subject.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "channels/Message.hpp"
#include "util/Expected.hpp"

namespace civicdesk::channels {

struct MailIdentity {
  std::string address;      // "xinxi@desk.example"
  std::string displayName;  // UTF-8, may be empty: "青溪区政务公开办"
};

// An address we can put in a header and an SMTP envelope unquoted: printable ASCII, one
// '@' with a non-empty local part and domain, none of the RFC 5322 specials, at most 254
// bytes. Quoted local parts and internationalized addresses (SMTPUTF8) are not supported.
bool isValidMailAddress(std::string_view address);

// The whole message for `reply`, from `from` to `to`, dated `unixTime` (written in China
// Standard Time, +0800, which has had no daylight saving since 1991): CRLF line endings,
// header lines within 76 characters where the RFCs ask for it, the text as UTF-8 base64.
// reply.messageId is required; inReplyTo and references are written when given, as given.
// Error: a message naming the field (a line break, an invalid address or message id).
Expected<std::string, std::string> composeMail(const MailIdentity& from, const std::string& to,
                                               const Reply& reply, std::int64_t unixTime);

// `text` as RFC 2047 B encoded words ("=?UTF-8?B?...?="), each at most 64 characters (so
// even after "Subject: " a line stays within RFC 2047's 76) and never splitting a UTF-8
// character; each invalid UTF-8 byte becomes U+FFFD. Fold between the words.
std::vector<std::string> encodeWords(std::string_view text);

// "case-{caseNo}.{unix ms}.{16 random hex digits}@{domain}", or "msg.{unix ms}.{hex}@{domain}"
// when caseNo is empty: unique without a counter, and unguessable (OpenSSL's CSPRNG), so a
// forged In-Reply-To cannot be aimed at a case not yet written to. Throws
// std::invalid_argument when caseNo or domain holds a character a Message-ID cannot carry
// (both are ours, never a citizen's), std::runtime_error when the CSPRNG fails.
std::string newMessageId(std::string_view caseNo, std::string_view domain);

}  // namespace civicdesk::channels
