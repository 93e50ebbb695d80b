#include "dialogs/complaint/Complaint.hpp"

#include <string>
#include <utility>

#include "dialogs/common/FormReactions.hpp"
#include "dialogs/complaint/StepLeaves.hpp"

namespace civicdesk::dialogs::complaint {
namespace {
constexpr std::string_view kTexts = "complaint";  // the prefix of this dialog's text keys
}  // namespace

Complaint::Complaint(my_context ctx) : my_base(ctx) {
  // Start::react has already checked that these slots parse.
  if (const auto* restore = dynamic_cast<const EvRestore*>(triggering_event())) {
    if (auto restored = ComplaintData::fromJson(restore->slots)) data_ = std::move(*restored);
  }
}

sc::result Complaint::react(const EvCancel&) {
  return form::leaveToMenu(*this, kTexts, "cancelled");
}

sc::result Complaint::react(const EvMenu&) {
  return form::leaveToMenu(*this, kTexts, "exited");
}

// Art. 8(2): a picture sent at any step after the unit is evidence. Before it, there is no
// complaint yet to attach it to, and the citizen is told it was not kept.
sc::result Complaint::react(const EvImage& image) {
  DialogMachine& machine = outermost_context();
  if (data_.form.respondentUnitId.empty()) {
    machine.say("complaint.image.tooEarly");
    return discard_event();
  }
  data_.form.evidence.push_back({"image", image.mediaRef, image.mediaUrl});
  machine.say("complaint.image.kept", {{"count", std::to_string(data_.form.evidence.size())}});
  return discard_event();
}

sc::result Complaint::react(const EvClick& click) {
  return form::onMenuClick<StepLeaves>(*this, click, data_, menu::MenuItem::Complaint, kTexts);
}

// 返回 at the first step leaves the complaint.
sc::result Filling::react(const EvBack&) {
  return form::onBack<StepLeaves>(*this, context<Complaint>().data(), kTexts);
}

sc::result Filling::react(const EvHelp&) {
  DialogMachine& machine = outermost_context();
  machine.say(state_cast<const StateInfo&>().helpKey(), {{"grounds", groundList(machine)}});
  return discard_event();
}

}  // namespace civicdesk::dialogs::complaint
