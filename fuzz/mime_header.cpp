// Header text as mailers write it (PROTOCOLS.md §4.3): RFC 2047 encoded words
// (decodeHeaderText) and the parameters of Content-Type and Content-Disposition
// (parseParameterizedHeader, RFC 2231), both on the whole input. Both promise UTF-8 out.
#include <cstdint>
#include <optional>
#include <string>

#include "channels/email/EncodedWords.hpp"
#include "fuzz/FuzzSupport.hpp"

using namespace civicdesk;
using namespace civicdesk::channels::email;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::asText(data, size);
  fuzz::require(fuzz::isValidUtf8(decodeHeaderText(text)));

  const ParameterizedHeader header = parseParameterizedHeader(text);
  for (const HeaderParameter& parameter : header.parameters) {
    fuzz::require(header.raw(parameter.name) != nullptr);
    const std::optional<std::string> value = header.text(parameter.name);
    fuzz::require(value.has_value() && fuzz::isValidUtf8(*value));
    if (parameter.extended) fuzz::require(fuzz::isValidUtf8(parameter.value));
  }
  return 0;
}
