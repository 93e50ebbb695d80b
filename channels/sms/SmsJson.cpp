#include "channels/sms/SmsJson.hpp"

#include <algorithm>
#include <cctype>

namespace civicdesk::channels::smsjson {

namespace {

using nlohmann::json;

std::string problem(std::string_view where, std::string_view field, std::string_view what) {
  return std::string(where) + std::string(field) + " " + std::string(what);
}

const json* find(const json& object, std::string_view field) {
  const auto it = object.find(std::string(field));
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

bool allDigits(const std::string& text) {
  return !text.empty() && text.size() <= 20 &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace

Expected<std::string, std::string> text(const json& object, std::string_view field,
                                        std::string_view where) {
  const json* value = find(object, field);
  if (value == nullptr) return unexpected(problem(where, field, "missing"));
  if (!value->is_string()) return unexpected(problem(where, field, "is not a string"));
  return value->get<std::string>();
}

Expected<std::string, std::string> optionalText(const json& object, std::string_view field,
                                                std::string_view where) {
  if (find(object, field) == nullptr) return std::string();
  return text(object, field, where);
}

Expected<std::string, std::string> integerText(const json& object, std::string_view field,
                                               std::string_view where) {
  const json* value = find(object, field);
  if (value == nullptr) return unexpected(problem(where, field, "missing"));
  if (value->is_number_unsigned()) return std::to_string(value->get<std::uint64_t>());
  if (value->is_number_integer() && value->get<std::int64_t>() >= 0) {
    return std::to_string(value->get<std::int64_t>());
  }
  if (value->is_string() && allDigits(value->get<std::string>())) {
    return value->get<std::string>();
  }
  return unexpected(problem(where, field, "is not a non-negative integer"));
}

Expected<bool, std::string> boolean(const json& object, std::string_view field,
                                    std::string_view where) {
  const json* value = find(object, field);
  if (value == nullptr) return unexpected(problem(where, field, "missing"));
  if (value->is_boolean()) return value->get<bool>();
  if (value->is_string() && value->get<std::string>() == "true") return true;
  if (value->is_string() && value->get<std::string>() == "false") return false;
  return unexpected(problem(where, field, "is not a boolean"));
}

}  // namespace civicdesk::channels::smsjson
