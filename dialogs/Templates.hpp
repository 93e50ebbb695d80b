#pragma once
// The texts citizens read, zh-CN, from an editable JSON file (config/templates.zh-CN.json):
// { "key": "text with {placeholders}", ... }. Loaded once at start; a missing key is an error
// at load time, not a blank message to a citizen.
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "util/Expected.hpp"

namespace civicdesk::dialogs {

class Templates {
 public:
  // Checks that every key the dialogs use is present and non-empty.
  static Expected<Templates, std::string> fromJson(const nlohmann::json& json);
  // Throws std::runtime_error naming the file and the problem.
  static Templates load(const std::string& path);

  // The text for `key` with each {name} replaced; unknown placeholders stay as they are.
  std::string render(std::string_view key,
                     const std::map<std::string, std::string>& values = {}) const;
  bool has(std::string_view key) const;

 private:
  std::map<std::string, std::string, std::less<>> texts_;
};

}  // namespace civicdesk::dialogs
