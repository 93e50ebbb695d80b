#pragma once
// Files that decide legal deadlines refuse keys they do not know: a misspelt "peroid" must stop
// the service at start, not be silently ignored.
#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace civicdesk::workflows {

// The first key of `object` not in `known`, if any.
inline std::optional<std::string> unknownKey(const nlohmann::json& object,
                                             std::initializer_list<std::string_view> known) {
  for (const auto& [key, value] : object.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) return key;
  }
  return std::nullopt;
}

}  // namespace civicdesk::workflows
