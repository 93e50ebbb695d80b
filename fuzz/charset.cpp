// Text in a declared charset → UTF-8 (PROTOCOLS.md §4.3). The input's first line is the label
// (as a Content-Type charset parameter carries it, so any name glibc's iconv knows is
// reachable), the rest the bytes. toUtf8Lenient and toUtf8BestEffort never fail and must give
// valid UTF-8; toUtf8's successes must too.
#include <cstdint>
#include <string>

#include "channels/email/Charset.hpp"
#include "fuzz/FuzzSupport.hpp"

using namespace civicdesk;
using namespace civicdesk::channels::email;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [label, bytes] = fuzz::splitFirstLine(fuzz::asText(data, size));
  fuzz::require(fuzz::isValidUtf8(toUtf8Lenient(bytes, label)));
  fuzz::require(fuzz::isValidUtf8(toUtf8BestEffort(bytes, label)));
  if (const Expected<std::string, std::string> strict = toUtf8(bytes, label)) {
    fuzz::require(fuzz::isValidUtf8(*strict));
  }
  (void)isKnownCharset(label);
  return 0;
}
