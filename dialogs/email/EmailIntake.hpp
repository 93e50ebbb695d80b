#pragma once
// Email is not a chat (issue 5): one mail may hold a whole complaint. The complaint is read out
// of it at once (workflows ComplaintExtraction); the answer is ONE mail that confirms what was
// understood and asks for everything still missing. The citizen's reply (threaded by the bot)
// continues the same draft, until the complaint is complete and can be registered.
//
// Pure: the draft comes in and goes out as JSON; the bot stores it with the conversation.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "dialogs/Templates.hpp"
#include "workflows/UnitDirectory.hpp"
#include "workflows/complaints/Complaint.hpp"

namespace civicdesk::dialogs {

struct EmailIntakeInput {
  std::string subject;      // decoded
  std::string text;         // the body, quoted earlier mail already removed
  std::string senderName;   // the From display name
  std::string senderEmail;  // lower-cased
  std::int64_t at = 0;      // when it arrived (for "昨天" and the like)
};

struct EmailIntakeResult {
  nlohmann::json draft;  // what to keep for the next mail; {} once registered or refused
  std::optional<workflows::ComplaintForm> complete;  // register this (then emailRegistered())
  std::string reply;  // the one answer to send now (empty when `complete`: see below)
};

// Continues `draft` ({} for a first mail) with one more mail.
EmailIntakeResult continueEmailComplaint(const nlohmann::json& draft, const EmailIntakeInput& mail,
                                         const Templates& templates,
                                         const workflows::UnitDirectory& units);

// The answer once the complete complaint was registered: what was registered, the case number
// and the acceptance date.
std::string emailRegistered(const Templates& templates, const workflows::UnitDirectory& units,
                            const workflows::ComplaintForm& form, const std::string& caseNo,
                            const std::string& acceptanceDue);

}  // namespace civicdesk::dialogs
