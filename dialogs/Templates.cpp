#include "dialogs/Templates.hpp"

#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "dialogs/TemplateKeys.hpp"

namespace civicdesk::dialogs {

Expected<Templates, std::string> Templates::fromJson(const nlohmann::json& json) {
  if (!json.is_object()) return unexpected(std::string("templates: the file must hold an object"));
  Templates t;
  Texts texts;
  for (const auto& [key, value] : json.items()) {
    if (!key.empty() && key.front() == '_') continue;  // "_comment" and the like
    if (value.is_string()) {
      texts.emplace(key, value.get<std::string>());
    } else if (value.is_array()) {
      // A long text may be written as an array of lines, which is easier to edit.
      std::string joined;
      for (const auto& line : value) {
        if (!line.is_string()) return unexpected("templates: '" + key + "' has a non-text line");
        if (!joined.empty()) joined += '\n';
        joined += line.get<std::string>();
      }
      texts.emplace(key, std::move(joined));
    } else {
      return unexpected("templates: '" + key + "' must be a text or a list of lines");
    }
  }
  for (auto key : requiredTemplateKeys()) {
    auto it = texts.find(key);
    if (it == texts.end() || it->second.empty()) {
      return unexpected("templates: missing text for '" + std::string(key) + "'");
    }
  }
  t.texts_ = std::make_shared<const Texts>(std::move(texts));
  return t;
}

Templates Templates::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read templates file " + path);
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error("templates file " + path + " is not valid JSON: " + e.what());
  }
  auto result = fromJson(json);
  if (!result) throw std::runtime_error(path + ": " + result.error());
  return std::move(result).value();
}

std::string Templates::render(std::string_view key,
                              const std::map<std::string, std::string>& values) const {
  const std::string* template_ = find(key);
  if (template_ == nullptr) {
    // Only reachable for a key missing from requiredTemplateKeys(): a programming error.
    throw std::logic_error("no template '" + std::string(key) + "'");
  }
  const std::string& text = *template_;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '{') {
      auto close = text.find('}', i + 1);
      if (close != std::string::npos) {
        auto found = values.find(text.substr(i + 1, close - i - 1));
        if (found != values.end()) {
          out += found->second;
          i = close + 1;
          continue;
        }
      }
    }
    out += text[i++];
  }
  return out;
}

bool Templates::has(std::string_view key) const {
  return find(key) != nullptr;
}

const std::string* Templates::find(std::string_view key) const {
  if (!variant_.empty()) {
    std::string variantKey(key);
    variantKey += '@';
    variantKey += variant_;
    if (auto it = texts_->find(variantKey); it != texts_->end()) return &it->second;
  }
  auto it = texts_->find(key);
  return it == texts_->end() ? nullptr : &it->second;
}

Templates Templates::forChannel(std::string_view channel) const {
  Templates t = *this;
  t.variant_ = std::string(channel);
  return t;
}

}  // namespace civicdesk::dialogs
