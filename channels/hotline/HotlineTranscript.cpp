#include "channels/hotline/HotlineTranscript.hpp"

#include <chrono>

#include "util/Utf8.hpp"

namespace civicdesk::channels {
namespace {

using nlohmann::json;

Unexpected<FieldError> fail(std::string field, std::string reason) {
  return unexpected(FieldError{std::move(field), std::move(reason)});
}

bool isValidUtf8(const std::string& s) {
  return utf8::sanitize(s) == s;
}

// A required string member; the error names the field. Strings must be valid UTF-8, since
// they end up in the store and in texts staff read.
Expected<std::string, FieldError> requireString(const json& object, const std::string& key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return fail(key, "is required");
  if (!it->is_string()) return fail(key, "must be a string");
  std::string value = it->get<std::string>();
  if (!isValidUtf8(value)) return fail(key, "must be valid UTF-8");
  return value;
}

// Reads exactly `count` ASCII digits at text[at].
std::optional<int> digits(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

std::string turnPath(std::size_t index, const char* member) {
  std::string path = "turns[" + std::to_string(index) + "]";
  if (member != nullptr) path += std::string(".") + member;
  return path;
}

Expected<HotlineTurn, FieldError> readTurn(const json& item, std::size_t index) {
  if (!item.is_object()) return fail(turnPath(index, nullptr), "must be an object");
  auto speaker = requireString(item, "speaker");
  if (!speaker) return fail(turnPath(index, "speaker"), speaker.error().reason);
  HotlineTurn turn;
  if (*speaker == "caller") {
    turn.speaker = HotlineSpeaker::Caller;
  } else if (*speaker == "operator") {
    turn.speaker = HotlineSpeaker::Operator;
  } else {
    return fail(turnPath(index, "speaker"), "must be \"caller\" or \"operator\"");
  }
  auto text = requireString(item, "text");
  if (!text) return fail(turnPath(index, "text"), text.error().reason);
  if (utf8::length(*text) > kHotlineMaxTurnChars) {
    return fail(turnPath(index, "text"),
                "must be at most " + std::to_string(kHotlineMaxTurnChars) + " characters");
  }
  turn.text = std::move(*text);
  return turn;
}

}  // namespace

Expected<std::int64_t, std::string> parseIsoInstant(std::string_view text) {
  using namespace std::chrono;
  const char* const expected =
      "must be an ISO 8601 date-time with an offset, "
      "e.g. 2026-11-27T10:02:03+08:00";
  // YYYY-MM-DDTHH:MM:SS
  if (text.size() < 20 || text[4] != '-' || text[7] != '-' ||
      (text[10] != 'T' && text[10] != 't') || text[13] != ':' || text[16] != ':') {
    return unexpected(std::string(expected));
  }
  const auto y = digits(text, 0, 4);
  const auto mo = digits(text, 5, 2);
  const auto d = digits(text, 8, 2);
  const auto h = digits(text, 11, 2);
  const auto mi = digits(text, 14, 2);
  const auto s = digits(text, 17, 2);
  if (!y || !mo || !d || !h || !mi || !s) return unexpected(std::string(expected));
  const year_month_day date{year{*y}, month{static_cast<unsigned>(*mo)},
                            day{static_cast<unsigned>(*d)}};
  if (!date.ok() || *h > 23 || *mi > 59 || *s > 59) {
    return unexpected(std::string("is not a valid date and time"));
  }
  std::size_t at = 19;
  if (at < text.size() && text[at] == '.') {  // fractions of a second: kept to the second
    ++at;
    const std::size_t first = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
    if (at == first) return unexpected(std::string(expected));
  }
  int offsetSeconds = 0;
  const std::string_view zone = text.substr(at);
  if (zone == "Z" || zone == "z") {
    offsetSeconds = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    const auto oh = digits(zone, 1, 2);
    const auto om = digits(zone, 4, 2);
    if (!oh || !om || *oh > 23 || *om > 59) return unexpected(std::string(expected));
    offsetSeconds = (*oh * 3600 + *om * 60) * (zone[0] == '-' ? -1 : 1);
  } else {
    return unexpected(std::string(expected));
  }
  const auto local = sys_days{date} + hours{*h} + minutes{*mi} + seconds{*s};
  return static_cast<std::int64_t>(local.time_since_epoch().count()) - offsetSeconds;
}

Expected<std::string, std::string> normaliseCallerNumber(std::string_view text) {
  const std::string trimmed = utf8::trim(text);
  if (trimmed.empty()) return unexpected(std::string("must not be empty"));
  std::string d;
  bool plus = false;
  for (char c : trimmed) {
    if (c >= '0' && c <= '9') {
      d += c;
    } else if (c == '+' && d.empty() && !plus) {
      plus = true;
    } else if (c != ' ' && c != '-' && c != '(' && c != ')') {
      return unexpected(std::string("must be a phone number"));
    }
  }
  const auto isMobile = [](std::string_view n) {
    return n.size() == 11 && n[0] == '1' && n[1] >= '3' && n[1] <= '9';
  };
  // The mainland's country code, written +86, 0086 or (before a mobile) 86.
  bool mainland = false;
  if (d.starts_with("0086")) {
    d.erase(0, 4);
    mainland = true;
  } else if (plus && d.starts_with("86")) {
    d.erase(0, 2);
    mainland = true;
  } else if (!plus && d.size() == 13 && d.starts_with("86") && isMobile(d.substr(2))) {
    d.erase(0, 2);
    mainland = true;
  }
  if (plus && !mainland) {
    // Another country's number (E.164), whatever its digits look like: "+1 415…" is not a
    // mainland mobile although "14155550100" has eleven digits.
    if (d.size() >= 8 && d.size() <= 15) return "+" + d;
    return unexpected(std::string("must be a phone number"));
  }
  if (isMobile(d)) return "+86" + d;
  if (mainland) {
    // A landline in international form drops the trunk 0: "+86 571 8888 6666".
    if (d.size() >= 9 && d.size() <= 11 && d[0] != '0') return "0" + d;
    return unexpected(std::string("is not a mainland phone number"));
  }
  if (d.size() >= 10 && d.size() <= 12 && d[0] == '0') return d;  // area code and number
  if (d.size() >= 7 && d.size() <= 8 && d[0] != '0') return d;    // a local landline
  if (d.size() >= 5 && d.size() <= 6 && d[0] == '1') return d;    // service numbers (12345)
  return unexpected(std::string("must be a phone number"));
}

Expected<HotlineTranscript, FieldError> parseHotlineTranscript(const json& body) {
  if (!body.is_object()) return fail("", "the body must be a JSON object");
  HotlineTranscript t;

  auto callId = requireString(body, "call_id");
  if (!callId) return unexpected(callId.error());
  if (utf8::trim(*callId).empty()) return fail("call_id", "must not be empty");
  if (callId->size() > kHotlineMaxCallIdBytes) {
    return fail("call_id", "must be at most " + std::to_string(kHotlineMaxCallIdBytes) + " bytes");
  }
  t.callId = std::move(*callId);

  auto caller = requireString(body, "caller");
  if (!caller) return unexpected(caller.error());
  auto number = normaliseCallerNumber(*caller);
  if (!number) return fail("caller", number.error());
  t.caller = std::move(*number);

  auto op = requireString(body, "operator");
  if (!op) return unexpected(op.error());
  if (utf8::trim(*op).empty()) return fail("operator", "must not be empty");
  t.operatorId = std::move(*op);

  for (auto [key, out] :
       {std::pair{"started_at", &t.startedAt}, std::pair{"ended_at", &t.endedAt}}) {
    auto text = requireString(body, key);
    if (!text) return unexpected(text.error());
    auto instant = parseIsoInstant(*text);
    if (!instant) return fail(key, instant.error());
    *out = *instant;
  }
  if (t.endedAt < t.startedAt) return fail("ended_at", "must not be before started_at");

  auto turns = body.find("turns");
  if (turns == body.end() || turns->is_null()) return fail("turns", "is required");
  if (!turns->is_array()) return fail("turns", "must be an array");
  if (turns->empty()) return fail("turns", "must not be empty");
  if (turns->size() > kHotlineMaxTurns) {
    return fail("turns", "must have at most " + std::to_string(kHotlineMaxTurns) + " turns");
  }
  for (std::size_t i = 0; i < turns->size(); ++i) {
    auto turn = readTurn((*turns)[i], i);
    if (!turn) return unexpected(turn.error());
    t.turns.push_back(std::move(*turn));
  }

  if (auto fields = body.find("fields"); fields != body.end() && !fields->is_null()) {
    if (!fields->is_object()) return fail("fields", "must be an object");
    for (const auto& [key, value] : fields->items()) {
      const std::string path = "fields." + key;
      if (!isValidUtf8(key)) return fail("fields", "keys must be valid UTF-8");
      if (value.is_string()) {
        if (!isValidUtf8(value.get<std::string>())) return fail(path, "must be valid UTF-8");
      } else if (!value.is_number() && !value.is_boolean()) {
        return fail(path, "must be a string, a number or a boolean");
      }
    }
    t.fields = *fields;
  }
  return t;
}

Expected<HotlineTranscript, FieldError> parseHotlineTranscript(std::string_view body) {
  if (body.size() > kHotlineMaxBodyBytes) {
    return fail("", "the body must be at most " + std::to_string(kHotlineMaxBodyBytes) + " bytes");
  }
  // Invalid UTF-8 is checked field by field, where the error can name the field.
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return fail("", "the body is not valid JSON");
  return parseHotlineTranscript(parsed);
}

std::string callerText(const HotlineTranscript& transcript) {
  std::string out;
  for (const HotlineTurn& turn : transcript.turns) {
    if (turn.speaker != HotlineSpeaker::Caller) continue;
    const std::string text = utf8::trim(turn.text);
    if (text.empty()) continue;
    if (!out.empty()) out += '\n';
    out += text;
  }
  return out;
}

std::string fullText(const HotlineTranscript& transcript) {
  std::string out;
  for (const HotlineTurn& turn : transcript.turns) {
    if (!out.empty()) out += '\n';
    out += turn.speaker == HotlineSpeaker::Caller ? "来电人：" : "话务员：";
    out += utf8::trim(turn.text);
  }
  return out;
}

}  // namespace civicdesk::channels
