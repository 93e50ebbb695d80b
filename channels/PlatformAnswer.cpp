#include "channels/PlatformAnswer.hpp"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <utility>

namespace civicdesk::channels::platform {

SendError retryable(std::string code, std::string message) {
  return SendError{true, std::move(code), std::move(message)};
}

SendError httpFailure(const httplib::Result& result, std::string_view what) {
  if (!result) {
    return retryable("network", std::string(what) + ": " + httplib::to_string(result.error()));
  }
  return retryable("http-" + std::to_string(result->status),
                   std::string(what) + ": HTTP " + std::to_string(result->status));
}

std::optional<long> longField(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<long>();
}

}  // namespace civicdesk::channels::platform
