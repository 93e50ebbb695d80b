#include "bot/DialogStep.hpp"

#include <utility>
#include <vector>

namespace civicdesk::bot {

namespace {

dialogs::DialogSnapshot snapshotOf(const store::ConversationRecord* stored) {
  dialogs::DialogSnapshot snapshot;
  if (stored == nullptr) return snapshot;
  snapshot.state = stored->state;
  snapshot.slots = nlohmann::json::parse(stored->slotsJson, nullptr, false);
  if (snapshot.slots.is_discarded()) snapshot.slots = nlohmann::json::object();
  snapshot.lastActivityAt = stored->lastActivityAt;
  return snapshot;
}

}  // namespace

DialogStep::DialogStep(dialogs::Templates templates, const workflows::UnitDirectory& units,
                       std::int64_t idleResetSeconds, dialogs::OwnCases::Reader ownCases,
                       const store::ConversationRecord* stored, const dialogs::DialogInput& input)
    : templates_(std::move(templates)),
      baseVersion_(stored != nullptr ? stored->version : 0),
      myCases_([this, read = std::move(ownCases)] {
        ownCasesRead_ = true;
        return read ? read() : std::vector<dialogs::CaseProgress>{};
      }),
      context_{templates_, units, idleResetSeconds, &myCases_},
      dialog_(std::make_unique<dialogs::Dialog>(context_, snapshotOf(stored))),
      outcome_(dialog_->handle(input)) {
  if (outcome_.registerComplaint || outcome_.registerInfoRequest || outcome_.whyNotDisclosed) {
    return;
  }
  const dialogs::DialogSnapshot next = dialog_->snapshot();
  settled_.emplace();
  settled_->state = next.state;
  settled_->slotsJson = next.slots.dump();
  settled_->lastActivityAt = next.lastActivityAt;
}

DialogStep::~DialogStep() = default;

}  // namespace civicdesk::bot
