#pragma once
// What the information-request dialog has collected, held by the InfoRequest state for as long
// as the citizen is in it, and persisted as the snapshot's slots between messages.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "workflows/info_requests/Application.hpp"

namespace civicdesk::dialogs::info_request {

struct InfoRequestData {
  workflows::Application application;
  // Leaf ids of the steps behind the current one, oldest first: 返回 pops one.
  std::vector<std::string> history;
  // Unit ids offered at info_request.unitChoice, in the order shown (numbered from 1).
  std::vector<std::string> suggestions;
  // The citizen came from the summary to change one item: go back there once the application
  // is complete again.
  bool amending = false;

  nlohmann::json toJson() const;
  // Nothing when the slots are not ours (wrong types, an application workflows cannot read).
  static std::optional<InfoRequestData> fromJson(const nlohmann::json& slots);
};

}  // namespace civicdesk::dialogs::info_request
