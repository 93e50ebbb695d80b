#include "channels/email/MailgunSignature.hpp"
#include "util/AsciiText.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>

#include "channels/Signature.hpp"

namespace civicdesk::channels::email {

Expected<std::int64_t, MailgunSignatureError> verifyMailgunSignature(std::string_view signingKey,
                                                                     std::string_view timestamp,
                                                                     std::string_view token,
                                                                     std::string_view signature,
                                                                     std::int64_t now) {
  const std::string expected =
      toHex(hmacSha256(signingKey, std::string(timestamp) + std::string(token)));
  // Hex carries no information in its case; Mailgun sends lowercase.
  const std::string given = ascii::lower(signature);
  if (!constantTimeEquals(expected, given)) return unexpected(MailgunSignatureError::BadSignature);

  std::int64_t seconds = 0;
  const auto [ptr, ec] =
      std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), seconds);
  if (timestamp.empty() || ec != std::errc() || ptr != timestamp.data() + timestamp.size() ||
      seconds < 0) {
    return unexpected(MailgunSignatureError::BadTimestamp);
  }
  const std::int64_t skew = seconds > now ? seconds - now : now - seconds;
  if (skew > kMailgunMaxSkewSeconds) return unexpected(MailgunSignatureError::StaleTimestamp);
  return seconds;
}

}  // namespace civicdesk::channels::email
