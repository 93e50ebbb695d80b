#pragma once
// One message's dialog step: the conversation restored from its stored snapshot, the message
// handled, and the dialog kept for what follows in the same unit of work (caseRegistered,
// infoRequestRegistered, the new snapshot).
//
// The step is pure CPU (snapshot JSON, Boost.Statechart restore and reaction), so the
// dispatcher takes it ahead, on the event loop, from the conversation as last
// committed (bot/RecentConversations.hpp). The writer then only checks that the conversation is
// still at the version the step started from, and takes the step again itself when it is not:
// another message of the same conversation was committed in between, or sits earlier in the
// same batch, or the snapshot was not at hand. A step that read the citizen's own cases (the
// progress query) is always taken again by the writer, which reads them in the unit's
// transaction.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "dialogs/Dialog.hpp"
#include "dialogs/OwnCases.hpp"
#include "dialogs/Templates.hpp"
#include "store/Conversations.hpp"

namespace civicdesk::workflows {
class UnitDirectory;
}

namespace civicdesk::bot {

class DialogStep {
 public:
  // Restores the dialog from `from`, the conversation as stored at `baseVersion` (0 and an
  // empty snapshot: none yet), and hands it `input`. `templates` is already the channel's
  // variant; `ownCases` reads the citizen's cases if the step asks.
  DialogStep(dialogs::Templates templates, const workflows::UnitDirectory& units,
             std::int64_t idleResetSeconds, dialogs::OwnCases::Reader ownCases,
             std::int64_t baseVersion, const dialogs::DialogSnapshot& from,
             const dialogs::DialogInput& input);
  ~DialogStep();
  // The dialog refers to members: a step stays where it was made.
  DialogStep(const DialogStep&) = delete;
  DialogStep& operator=(const DialogStep&) = delete;

  // The conversation version the step started from; 0: there was none.
  std::int64_t baseVersion() const { return baseVersion_; }
  // Whether the step asked for the citizen's own cases.
  bool readOwnCases() const { return ownCasesRead_; }

  // The conversation as it is to be saved: the snapshot, and its slots serialised.
  struct ToSave {
    dialogs::DialogSnapshot snapshot;
    std::string slotsText;
  };
  // Whether the step is complete by itself: its outcome asks the caller for nothing (no
  // registration, no reason for withholding) that changes the dialog after it. Such a step
  // has serialised what is to be saved already, off the writer.
  bool settled() const { return toSave_.has_value(); }
  // What is to be saved, taken once at the end of the unit: serialised with a settled step,
  // else now, from the dialog as the caller left it.
  ToSave takeToSave();

  const dialogs::Templates& templates() const { return templates_; }
  dialogs::Dialog& dialog() { return *dialog_; }
  dialogs::DialogOutcome& outcome() { return outcome_; }

 private:
  dialogs::Templates templates_;
  std::int64_t baseVersion_ = 0;
  bool ownCasesRead_ = false;
  dialogs::OwnCases myCases_;
  dialogs::DialogContext context_;
  std::unique_ptr<dialogs::Dialog> dialog_;  // after context_, which it refers to
  dialogs::DialogOutcome outcome_;
  std::optional<ToSave> toSave_;  // a settled step's
};

// The dialog snapshot of a stored conversation (its slots text parsed; unreadable slots: none).
dialogs::DialogSnapshot snapshotOf(const store::ConversationRecord& stored);

}  // namespace civicdesk::bot
