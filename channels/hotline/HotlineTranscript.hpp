#pragma once
// The transcript of a hotline call, as the operators' system posts it to
// POST /hotline/transcripts (RULES.md §1 Art. 5: complaints also come by phone). Parsing checks
// every field and names the first one that is wrong, so the answer can be a precise 422.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/Expected.hpp"

namespace civicdesk::channels {

// Limits on what one call may post. A body over kHotlineMaxBodyBytes is the route's 413,
// refused before parsing; the rest are 422s from parseHotlineTranscript.
inline constexpr std::size_t kHotlineMaxBodyBytes = 256 * 1024;
inline constexpr std::size_t kHotlineMaxTurns = 500;
inline constexpr std::size_t kHotlineMaxTurnChars = 4000;  // characters (code points)
inline constexpr std::size_t kHotlineMaxCallIdBytes = 128;

enum class HotlineSpeaker { Caller, Operator };

struct HotlineTurn {
  HotlineSpeaker speaker = HotlineSpeaker::Caller;
  std::string text;
};

struct HotlineTranscript {
  std::string callId;
  std::string caller;          // "+8613800138000" for a mainland mobile; a landline's digits
                               // ("057188886666"); anything else as given, trimmed
  std::string operatorId;      // the JSON "operator"
  std::int64_t startedAt = 0;  // Unix seconds
  std::int64_t endedAt = 0;
  std::vector<HotlineTurn> turns;
  nlohmann::json fields = nlohmann::json::object();  // string → string|number|bool, as given
};

struct FieldError {
  std::string field;   // a JSON path: "call_id", "turns[2].speaker", "fields.priority"
  std::string reason;  // English, for the 422 body
};

// Checks and reads a transcript (the parsed body). Invalid UTF-8 in any string is an error.
Expected<HotlineTranscript, FieldError> parseHotlineTranscript(const nlohmann::json& body);
// The same from the raw body: a body over kHotlineMaxBodyBytes or not JSON is an error on
// field "" (the route answers 413 for the size before calling this).
Expected<HotlineTranscript, FieldError> parseHotlineTranscript(std::string_view body);

// An RFC 3339 / ISO 8601 date-time with seconds and an offset ("2026-11-27T10:02:03+08:00",
// "2026-11-27T02:02:03Z", fractions of a second ignored) as Unix seconds. Nothing without an
// offset: a call's time must not depend on where it is read.
Expected<std::int64_t, std::string> parseIsoInstant(std::string_view text);

// "+8613800138000" for a mainland mobile in any spelling (spaces, dashes, 86/0086/+86), a
// landline's digits, or an error for anything else that is not a phone number.
Expected<std::string, std::string> normaliseCallerNumber(std::string_view text);

// The caller's turns, one per line: what the complaint is read from.
std::string callerText(const HotlineTranscript& transcript);
// The whole call with speakers: "来电人：…\n话务员：…".
std::string fullText(const HotlineTranscript& transcript);

}  // namespace civicdesk::channels
