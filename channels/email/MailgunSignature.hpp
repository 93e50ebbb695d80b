#pragma once
// Mailgun's webhook signature (PROTOCOLS.md §4.1): hex(HMAC-SHA256(signing key, timestamp ‖
// token)), plus the freshness check Mailgun asks receivers to make.
#include <cstdint>
#include <string_view>

#include "util/Expected.hpp"

namespace civicdesk::channels::email {

// How far a request's timestamp may be from our clock, either way.
inline constexpr std::int64_t kMailgunMaxSkewSeconds = 300;

enum class MailgunSignatureError {
  BadSignature,    // not signed with our key (or any field altered)
  BadTimestamp,    // not a decimal number of seconds
  StaleTimestamp,  // signed, but more than kMailgunMaxSkewSeconds away from `now`
};

// Checks `signature` (lowercase or uppercase hex) in constant time, then the timestamp
// against `now` (Unix seconds). Returns the timestamp on success. The signature is checked
// first so that nothing unauthenticated reaches the later checks (or a ReplayGuard).
Expected<std::int64_t, MailgunSignatureError> verifyMailgunSignature(std::string_view signingKey,
                                                                     std::string_view timestamp,
                                                                     std::string_view token,
                                                                     std::string_view signature,
                                                                     std::int64_t now);

}  // namespace civicdesk::channels::email
