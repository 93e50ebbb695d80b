#pragma once
// Reading the Chinese gateways' JSON pushes field by field, with errors that name the item
// and field, so a refused push can be understood from the log alone.
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "util/Expected.hpp"

namespace civicdesk::channels::smsjson {

// `where` prefixes errors: "item 2: " or "".
Expected<std::string, std::string> text(const nlohmann::json& object, std::string_view field,
                                        std::string_view where);
// A string, or "" when the field is absent or null.
Expected<std::string, std::string> optionalText(const nlohmann::json& object,
                                                std::string_view field, std::string_view where);
// A non-negative integer given as a JSON number or a string of digits (gateways differ, and
// their docs changed over time), as its decimal text.
Expected<std::string, std::string> integerText(const nlohmann::json& object, std::string_view field,
                                               std::string_view where);
// A boolean, or the strings "true"/"false".
Expected<bool, std::string> boolean(const nlohmann::json& object, std::string_view field,
                                    std::string_view where);

}  // namespace civicdesk::channels::smsjson
