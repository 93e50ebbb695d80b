#include "bot/DialogStep.hpp"

#include <utility>
#include <vector>

namespace civicdesk::bot {

dialogs::DialogSnapshot snapshotOf(const store::ConversationRecord& stored) {
  dialogs::DialogSnapshot snapshot;
  snapshot.state = stored.state;
  snapshot.slots = nlohmann::json::parse(stored.slotsJson, nullptr, false);
  if (snapshot.slots.is_discarded()) snapshot.slots = nlohmann::json::object();
  snapshot.lastActivityAt = stored.lastActivityAt;
  return snapshot;
}

DialogStep::DialogStep(dialogs::Templates templates, const workflows::UnitDirectory& units,
                       std::int64_t idleResetSeconds, dialogs::OwnCases::Reader ownCases,
                       std::int64_t baseVersion, const dialogs::DialogSnapshot& from,
                       const dialogs::DialogInput& input)
    : templates_(std::move(templates)),
      baseVersion_(baseVersion),
      myCases_([this, read = std::move(ownCases)] {
        ownCasesRead_ = true;
        return read ? read() : std::vector<dialogs::CaseProgress>{};
      }),
      context_{templates_, units, idleResetSeconds, &myCases_},
      dialog_(std::make_unique<dialogs::Dialog>(context_, from)),
      outcome_(dialog_->handle(input)) {
  if (outcome_.registerComplaint || outcome_.registerInfoRequest || outcome_.whyNotDisclosed) {
    return;
  }
  toSave_ = takeToSave();
}

DialogStep::ToSave DialogStep::takeToSave() {
  if (toSave_) return std::move(*std::exchange(toSave_, std::nullopt));
  ToSave toSave{dialog_->snapshot(), {}};
  toSave.slotsText = toSave.snapshot.slots.dump();
  return toSave;
}

DialogStep::~DialogStep() = default;

}  // namespace civicdesk::bot
