// The JSON body of a staff action: POST /api/cases/{no}/{action} (parseActionRequest) and
// POST /api/info-requests/{no}/{action} (parseInfoRequestAction), docs/STAFF-API.md. The
// input's first line is the action (the URL's last segment), the rest the body. As the routes
// do, an empty body is {} and anything but a JSON object is refused before the parsers run.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

#include "bot/staff/ActionRequests.hpp"
#include "bot/staff/InfoRequestApi.hpp"
#include "fuzz/FuzzSupport.hpp"

using namespace civicdesk;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [head, rest] = fuzz::splitFirstLine(fuzz::asText(data, size));
  const std::string action(head);
  const nlohmann::json body =
      rest.empty() ? nlohmann::json::object() : nlohmann::json::parse(rest, nullptr, false);
  if (!body.is_object()) return 0;

  (void)bot::parseActionRequest(action, body);
  (void)bot::parseInfoRequestAction(action, body);
  return 0;
}
