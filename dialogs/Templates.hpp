#pragma once
// The texts citizens read, zh-CN, from an editable JSON file (config/templates.zh-CN.json):
// { "key": "text with {placeholders}", ... }. Loaded once at start; a missing key is an error
// at load time, not a blank message to a citizen.
//
// A key may have channel variants, "key@sms": forChannel("sms") renders those where they
// exist (shorter texts with numbered choices for SMS), the plain key elsewhere.
#include <map>
#include <memory>
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

  // The same texts, preferring the "key@channel" variants. Cheap: the texts are shared.
  Templates forChannel(std::string_view channel) const;

 private:
  using Texts = std::map<std::string, std::string, std::less<>>;
  const std::string* find(std::string_view key) const;

  std::shared_ptr<const Texts> texts_ = std::make_shared<Texts>();
  std::string variant_;  // "" or "sms"
};

}  // namespace civicdesk::dialogs
