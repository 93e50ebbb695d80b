// Content-Transfer-Encoding decoders (RFC 2045 §6) and RFC 2047's Q encoding, each on the
// whole input; the first line doubles as an encoding name for decodeTransferEncoding. None of
// them can fail, and decoding never makes a text longer (base64: 3 bytes per 4 characters;
// quoted-printable: a bare line feed becoming CRLF is the only growth).
#include <cstdint>
#include <string>

#include "channels/email/TransferEncoding.hpp"
#include "fuzz/FuzzSupport.hpp"

using namespace civicdesk;
using namespace civicdesk::channels::email;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::asText(data, size);
  fuzz::require(decodeBase64Lenient(text).size() <= text.size() / 4 * 3 + 2);
  fuzz::require(decodeQEncoding(text).size() <= text.size());
  fuzz::require(decodeQuotedPrintable(text).size() <= text.size() * 2);

  const auto [encoding, body] = fuzz::splitFirstLine(text);
  (void)decodeTransferEncoding(body, encoding);
  return 0;
}
