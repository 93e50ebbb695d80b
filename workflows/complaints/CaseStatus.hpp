#pragma once
// Reading a CaseStatus back from its stored name (toString in Complaint.hpp writes it).
#include <optional>
#include <string_view>

#include "workflows/complaints/Complaint.hpp"

namespace civicdesk::workflows {

// "received" → Received, "registered" → Registered, ..., "feedback_sent" → FeedbackSent,
// "archived" → Archived (the names toString writes); anything else → nullopt.
std::optional<CaseStatus> caseStatusFromString(std::string_view text);

}  // namespace civicdesk::workflows
