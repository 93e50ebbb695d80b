#pragma once
// The conversation with one citizen, behind a facade that hides Boost.Statechart.
// Pure: no I/O, no clock of its own, no store. The caller restores it from a snapshot, hands
// it one input, executes the commands it returns (register a complaint or an information
// request, answer why information was withheld) in the same transaction that saves the new
// snapshot, and sends the replies.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dialogs/OwnCases.hpp"
#include "workflows/complaints/Complaint.hpp"
#include "workflows/info_requests/Application.hpp"

namespace civicdesk::workflows {
class UnitDirectory;
}

namespace civicdesk::dialogs {

class Templates;

struct DialogInput {
  enum class Kind {
    Text,              // typed text, or recognised speech
    Image,             // a picture: `mediaRef` (and `mediaUrl`) identify it
    Subscribe,         // followed the account: welcome and menu
    MenuClick,         // a menu key in `text`
    VoiceWithoutText,  // speech the platform could not recognise: ask to type
    Unsupported        // anything else: a polite note
  };
  Kind kind = Kind::Text;
  std::string text;
  std::string mediaRef;
  std::string mediaUrl;
  std::int64_t at = 0;  // Unix seconds, from the service's clock
};

// What is persisted between messages. `state` names a leaf state ("menu",
// "complaint.unit", ...), `slots` holds what was collected so far.
struct DialogSnapshot {
  std::string state;  // empty: a fresh conversation
  nlohmann::json slots = nlohmann::json::object();
  std::int64_t lastActivityAt = 0;
};

struct RegisterComplaint {
  workflows::ComplaintForm form;
};

// An application for government information (依申请公开), complete (missingApplicationItems
// is empty) and confirmed by the citizen.
struct RegisterInfoRequest {
  workflows::Application application;
};

struct DialogOutcome {
  std::vector<std::string> replies;                    // in order, already rendered (zh-CN)
  std::optional<RegisterComplaint> registerComplaint;  // execute, then call caseRegistered()
  // Execute, then call infoRequestRegistered().
  std::optional<RegisterInfoRequest> registerInfoRequest;
  // The citizen asks why their own information request (this case number, "YS-2026-000001",
  // one of DialogContext::myCases) was not or only partly disclosed. The replies are empty: the
  // caller answers with the recorded legal basis and reason (citizen.info.why), or
  // citizen.info.why.unknown when none is recorded. The dialog stays at the menu.
  std::optional<std::string> whyNotDisclosed;
};

struct DialogContext {
  const Templates& templates;
  const workflows::UnitDirectory& units;
  std::int64_t idleResetSeconds = 24 * 3600;  // idle longer: start afresh, with a note
  // The citizen's own cases, newest first, read only if the step shows progress; null or
  // empty: none. Only these are ever shown: a case number that is not among them is refused
  // without saying whether it exists.
  const OwnCases* myCases = nullptr;
};

class Dialog {
 public:
  // Restores the machine into `snapshot.state` (fresh when empty or unknown).
  Dialog(const DialogContext& context, const DialogSnapshot& snapshot);
  ~Dialog();
  Dialog(const Dialog&) = delete;
  Dialog& operator=(const Dialog&) = delete;

  DialogOutcome handle(const DialogInput& input);
  // The case asked for by the last outcome is stored under `caseNo`; returns the replies that
  // tell the citizen (with the number) and returns the dialog to the menu.
  // `acceptanceDue` is the date the receiving department must decide on acceptance by: the
  // acknowledgement names it (issue 4).
  DialogOutcome caseRegistered(const std::string& caseNo, const std::string& acceptanceDue);
  // The information request asked for by the last outcome is stored under `caseNo`
  // ("YS-2026-000001"); returns the replies that tell the citizen the number, that the date of
  // receipt is today (the day of the last message, Asia/Shanghai) and `replyDue`, the date the
  // reply is due by ("2026-12-25"), and returns the dialog to the menu. Throws
  // std::logic_error when no information request is waiting to be registered.
  DialogOutcome infoRequestRegistered(const std::string& caseNo, const std::string& replyDue);

  DialogSnapshot snapshot() const;

 private:
  struct Machine;
  std::unique_ptr<Machine> machine_;
};

}  // namespace civicdesk::dialogs
