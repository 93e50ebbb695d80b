// application/x-www-form-urlencoded bodies (the Twilio and Mailgun webhooks): parseFormBody on
// the input, and the round trip encodeFormBody promises: what it writes parses back to the
// same fields, in order.
#include <cstdint>

#include "channels/FormBody.hpp"
#include "fuzz/FuzzSupport.hpp"

using namespace civicdesk;
using namespace civicdesk::channels;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Expected<FormFields, std::string> fields = parseFormBody(fuzz::asText(data, size));
  if (!fields) return 0;
  if (!fields->empty()) (void)formValue(*fields, fields->front().first);
  const Expected<FormFields, std::string> again = parseFormBody(encodeFormBody(*fields));
  fuzz::require(again.has_value() && *again == *fields);
  return 0;
}
