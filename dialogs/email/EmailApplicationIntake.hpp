#pragma once
// An application for government information by email (issue 6: "an application can be made on
// every channel"). As for a complaint (EmailIntake), one mail may hold the whole application
// (the regulation's Art. 29): it is read at once, and the answer is ONE mail that confirms what
// was understood and asks for everything still missing. The citizen's reply continues the same
// draft until the application is complete and can be registered.
//
// Read from a mail: who applies (a citizen, or an organisation and its representative), the
// identity document (a resident ID anywhere in the text, checked; a unified social credit code
// for an organisation), a mobile (the sender's address is a contact already), the unit asked,
// the information sought (《title》, a 文号, a description), the form and the way of delivery.
// Electronic information goes by email unless the mail says otherwise: we are answering one.
//
// Pure: the draft comes in and goes out as JSON; the bot stores it with the conversation.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "dialogs/Templates.hpp"
#include "dialogs/email/EmailIntake.hpp"
#include "workflows/UnitDirectory.hpp"
#include "workflows/info_requests/Application.hpp"

namespace civicdesk::dialogs {

struct EmailApplicationResult {
  nlohmann::json draft;  // what to keep for the next mail; {} once complete
  std::optional<workflows::Application>
      complete;       // register this (then emailApplicationRegistered)
  std::string reply;  // the one answer to send now (empty when `complete`)
};

// Continues `draft` ({} for a first mail) with one more mail.
EmailApplicationResult continueEmailApplication(const nlohmann::json& draft,
                                                const EmailIntakeInput& mail,
                                                const Templates& templates,
                                                const workflows::UnitDirectory& units);

// The answer once the application was registered: its number, the day of receipt (Art. 31)
// and the day the reply is due (Art. 33), with what was registered.
std::string emailApplicationRegistered(const Templates& templates,
                                       const workflows::UnitDirectory& units,
                                       const workflows::Application& application,
                                       const std::string& requestNo, const std::string& receivedOn,
                                       const std::string& replyDue);

}  // namespace civicdesk::dialogs
