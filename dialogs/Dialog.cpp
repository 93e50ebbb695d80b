#include "dialogs/Dialog.hpp"

#include <algorithm>
#include <stdexcept>

#include "dialogs/DialogMachine.hpp"
#include "dialogs/StateInfo.hpp"
#include "dialogs/common/TextMatchers.hpp"
#include "dialogs/complaint/ConfirmSteps.hpp"
#include "dialogs/info_request/ConfirmSteps.hpp"
#include "dialogs/menu/Menu.hpp"
#include "workflows/LocalTime.hpp"

namespace civicdesk::dialogs {

struct Dialog::Machine {
  explicit Machine(const DialogContext& context) : machine(context) {}
  DialogMachine machine;
  std::int64_t lastActivityAt = 0;
};

namespace {

// The command words are events of their own, so that no step can mistake "取消" for an answer.
void postText(DialogMachine& machine, const std::string& text) {
  const auto command = text::matchCommand(text);
  if (!command) {
    machine.process_event(EvText(text));
    return;
  }
  switch (*command) {
    case text::Command::Cancel:
      machine.process_event(EvCancel());
      break;
    case text::Command::Back:
      machine.process_event(EvBack());
      break;
    case text::Command::Help:
      machine.process_event(EvHelp());
      break;
    case text::Command::Menu:
      machine.process_event(EvMenu());
      break;
  }
}

}  // namespace

Dialog::Dialog(const DialogContext& context, const DialogSnapshot& snapshot)
    : machine_(std::make_unique<Machine>(context)) {
  DialogMachine& machine = machine_->machine;
  machine.initiate();
  machine.process_event(EvRestore(snapshot.state, snapshot.slots));
  machine.takeOutcome();  // restoring is silent
  machine_->lastActivityAt = snapshot.lastActivityAt;
}

Dialog::~Dialog() = default;

DialogOutcome Dialog::handle(const DialogInput& input) {
  DialogMachine& machine = machine_->machine;
  const std::int64_t last = machine_->lastActivityAt;
  const bool idle = last > 0 && input.at - last > machine.context().idleResetSeconds;
  if (idle && machine.state_cast<const menu::Menu*>() == nullptr) {
    // Half a complaint from yesterday is more confusing than a fresh start.
    machine.say("common.idleReset");
    machine.process_event(EvReset());
  }
  machine_->lastActivityAt = std::max(last, input.at);

  using Kind = DialogInput::Kind;
  switch (input.kind) {
    case Kind::Text:
      postText(machine, input.text);
      break;
    case Kind::Image:
      machine.process_event(EvImage(input.mediaRef, input.mediaUrl));
      break;
    case Kind::Subscribe:
      machine.process_event(EvSubscribe());
      break;
    case Kind::MenuClick:
      machine.process_event(EvClick(input.text));
      break;
    case Kind::VoiceWithoutText:
      machine.process_event(EvVoiceWithoutText());
      break;
    case Kind::Unsupported:
      machine.process_event(EvUnsupported());
      break;
  }
  return machine.takeOutcome();
}

DialogOutcome Dialog::caseRegistered(const std::string& caseNo, const std::string& acceptanceDue) {
  DialogMachine& machine = machine_->machine;
  if (machine.state_cast<const complaint::Registering*>() == nullptr) {
    throw std::logic_error("Dialog::caseRegistered: no complaint is waiting to be registered");
  }
  machine.process_event(EvCaseRegistered(caseNo, acceptanceDue));
  return machine.takeOutcome();
}

DialogOutcome Dialog::infoRequestRegistered(const std::string& caseNo,
                                            const std::string& replyDue) {
  DialogMachine& machine = machine_->machine;
  if (machine.state_cast<const info_request::Registering*>() == nullptr) {
    throw std::logic_error(
        "Dialog::infoRequestRegistered: no information request is waiting to be registered");
  }
  // Receipt is the day the application was confirmed: the last message's day.
  const std::string receivedOn =
      workflows::formatDate(workflows::shanghaiDate(machine_->lastActivityAt));
  machine.process_event(EvInfoRequestRegistered(caseNo, receivedOn, replyDue));
  return machine.takeOutcome();
}

DialogSnapshot Dialog::snapshot() const {
  const DialogMachine& machine = machine_->machine;
  DialogSnapshot snapshot;
  snapshot.state = std::string(machine.state_cast<const StateInfo&>().id());
  if (const auto* complaint = machine.state_cast<const complaint::Complaint*>()) {
    snapshot.slots = complaint->data().toJson();
  } else if (const auto* request = machine.state_cast<const info_request::InfoRequest*>()) {
    snapshot.slots = request->data().toJson();
  }
  snapshot.lastActivityAt = machine_->lastActivityAt;
  return snapshot;
}

}  // namespace civicdesk::dialogs
