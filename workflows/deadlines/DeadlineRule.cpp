#include "workflows/deadlines/DeadlineRule.hpp"

#include <algorithm>
#include <initializer_list>
#include <string_view>

#include <nlohmann/json.hpp>

#include "workflows/calendar/JsonKeys.hpp"

namespace civicdesk::workflows {
namespace {

using nlohmann::json;

bool isIdentifier(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

json toJson(const DeadlineRule& rule) {
  return {{"system", rule.system},
          {"name", rule.name},
          {"article", rule.article},
          {"basis", rule.basis},
          {"title", rule.title},
          {"trigger", rule.trigger},
          {"period", toString(rule.period)},
          {"extension",
           {{"max", rule.extension.maxExtensions},
            {"units", rule.extension.maxUnits},
            {"approval", rule.extension.approval},
            {"notifyCitizen", rule.extension.notifyCitizen}}}};
}

Expected<DeadlineRule, std::string> deadlineRuleFromJson(const json& document) {
  if (!document.is_object()) return unexpected(std::string("a rule must be a JSON object"));
  if (const auto key = unknownKey(document, {"system", "name", "article", "basis", "title",
                                             "trigger", "period", "extension"})) {
    return unexpected("unknown key \"" + *key + "\"");
  }
  DeadlineRule rule;
  for (auto [key, field] : {std::pair{"system", &rule.system}, std::pair{"name", &rule.name},
                            std::pair{"article", &rule.article}, std::pair{"basis", &rule.basis},
                            std::pair{"title", &rule.title}, std::pair{"trigger", &rule.trigger}}) {
    if (!document.contains(key) || !document[key].is_string()) {
      return unexpected(std::string(key) + " must be a string");
    }
    *field = document[key].get<std::string>();
  }
  if (!isIdentifier(rule.system) || !isIdentifier(rule.name)) {
    return unexpected("system and name must be lower-case identifiers, got \"" + rule.id() + "\"");
  }
  if (rule.title.empty() || rule.trigger.empty()) {
    return unexpected(rule.id() + ": title and trigger are what staff read; they cannot be empty");
  }
  if (!document.contains("period") || !document["period"].is_string()) {
    return unexpected(rule.id() + ": period must be a string such as \"5wd\" or \"30d\"");
  }
  const auto period = parsePeriod(document["period"].get<std::string>());
  if (!period) return unexpected(rule.id() + ": " + period.error());
  rule.period = *period;
  const json extension = document.value("extension", json::object());
  if (!extension.is_object()) return unexpected(rule.id() + ": extension must be an object");
  if (const auto key = unknownKey(extension, {"max", "units", "approval", "notifyCitizen"})) {
    return unexpected(rule.id() + ": unknown key extension." + *key);
  }
  const auto integer = [&](const char* key) -> std::optional<int> {
    const json value = extension.value(key, json(0));
    if (!value.is_number_integer() || value.get<long long>() < 0 ||
        value.get<long long>() > Period::kMaxCount) {
      return std::nullopt;
    }
    return value.get<int>();
  };
  const auto max = integer("max");
  const auto units = integer("units");
  if (!max || !units) return unexpected(rule.id() + ": extension max and units must be 0 or more");
  const json approval = extension.value("approval", json(""));
  const json notify = extension.value("notifyCitizen", json(false));
  if (!approval.is_string() || !notify.is_boolean()) {
    return unexpected(rule.id() + ": extension approval is a string, notifyCitizen true or false");
  }
  rule.extension = {*max, *units, approval.get<std::string>(), notify.get<bool>()};
  if (rule.extension.maxExtensions > 0 &&
      (rule.extension.maxUnits == 0 || rule.extension.approval.empty())) {
    return unexpected(rule.id() + ": an extendable rule needs units and who approves");
  }
  return rule;
}

}  // namespace civicdesk::workflows
