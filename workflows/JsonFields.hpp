#pragma once
// Reading the workflows' stored JSON (forms, applications, workflow states) the same way
// everywhere: a missing key keeps the default, a wrong type throws nlohmann::json::type_error,
// and text that is only white space counts as not given.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace civicdesk::workflows::json_fields {

// Empty, white space, or a lone ideographic space (what a CJK keyboard's space bar types).
inline bool isBlank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos || s == "\xE3\x80\x80";
}

// `value` itself when it is an object; otherwise json::type_error naming `what`.
inline const nlohmann::json& requireObject(const nlohmann::json& value, const char* what) {
  if (!value.is_object()) {
    throw nlohmann::json::type_error::create(302, std::string(what) + " must be a JSON object",
                                             &value);
  }
  return value;
}

// Sets `out` when `key` is present; null counts as absent when `nullIsAbsent` (states saved
// with explicit nulls), else a null is a type error like any other wrong type.
template <class T>
void readIfPresent(const nlohmann::json& object, const char* key, T& out,
                   bool nullIsAbsent = true) {
  auto it = object.find(key);
  if (it == object.end() || (nullIsAbsent && it->is_null())) return;
  out = it->template get<T>();
}

}  // namespace civicdesk::workflows::json_fields
