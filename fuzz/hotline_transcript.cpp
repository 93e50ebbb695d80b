// The transcript of a hotline call (POST /hotline/transcripts): parseHotlineTranscript on the
// raw body, then what the route makes of an accepted one: the caller's text, the whole call,
// and the operator's fields written back as JSON (as they are stored).
#include <cstdint>

#include "channels/hotline/HotlineTranscript.hpp"
#include "fuzz/FuzzSupport.hpp"

using namespace civicdesk;
using namespace civicdesk::channels;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Expected<HotlineTranscript, FieldError> transcript =
      parseHotlineTranscript(fuzz::asText(data, size));
  if (!transcript) return 0;
  fuzz::require(!transcript->turns.empty() && transcript->turns.size() <= kHotlineMaxTurns);
  fuzz::require(transcript->endedAt >= transcript->startedAt);
  fuzz::require(fuzz::isValidUtf8(callerText(*transcript)));
  fuzz::require(fuzz::isValidUtf8(fullText(*transcript)));
  (void)transcript->fields.dump();  // throws on invalid UTF-8: must not for an accepted body
  return 0;
}
