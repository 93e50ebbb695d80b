#pragma once
// The Date field (RFC 5322 §3.3) as Unix seconds, for InboundMessage::sentAt.
#include <cstdint>
#include <optional>
#include <string_view>

namespace civicdesk::channels::email {

// "Tue, 2 Jan 2024 10:00:00 +0800 (CST)" → 1704160800. The day name, seconds and comment are
// optional; obsolete zones (GMT, UT, Z, EST...) and two-digit years are read as RFC 5322
// §4.3 says. nullopt when the value does not parse.
std::optional<std::int64_t> parseMailDate(std::string_view value);

}  // namespace civicdesk::channels::email
