#pragma once
// What the complaint dialog has collected, held by the Complaint state for as long as the
// citizen is in it, and persisted as the snapshot's slots between messages.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "workflows/complaints/Complaint.hpp"

namespace civicdesk::dialogs::complaint {

struct ComplaintData {
  workflows::ComplaintForm form;
  // Leaf ids of the steps behind the current one, oldest first: 返回 pops one.
  std::vector<std::string> history;
  // Unit ids offered at complaint.unitChoice, in the order shown (numbered from 1).
  std::vector<std::string> suggestions;
  // The Art. 4 ground guessed from the citizen's words, for them to confirm.
  std::optional<int> guessedGround;
  // The citizen came from the summary to change one item: go back there once it is done.
  bool amending = false;

  nlohmann::json toJson() const;
  // Nothing when the slots are not ours (wrong types, an Art. 4 ground outside 1..8).
  static std::optional<ComplaintData> fromJson(const nlohmann::json& slots);
};

}  // namespace civicdesk::dialogs::complaint
