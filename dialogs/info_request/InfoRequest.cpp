#include "dialogs/info_request/InfoRequest.hpp"

#include <string>
#include <utility>

#include "dialogs/common/FormReactions.hpp"
#include "dialogs/info_request/StepLeaves.hpp"

namespace civicdesk::dialogs::info_request {
namespace {
constexpr std::string_view kTexts = "info_request";  // the prefix of this dialog's text keys
}  // namespace

InfoRequest::InfoRequest(my_context ctx) : my_base(ctx) {
  // Start::react has already checked that these slots parse.
  if (const auto* restore = dynamic_cast<const EvRestore*>(triggering_event())) {
    if (auto restored = InfoRequestData::fromJson(restore->slots)) data_ = std::move(*restored);
  }
}

sc::result start(menu::Menu& from) {
  InfoRequestData fresh;
  ApplicantType::ask(from.outermost_context(), fresh);
  return from.transit<ApplicantType>();
}

sc::result InfoRequest::react(const EvCancel&) {
  return form::leaveToMenu(*this, kTexts, "cancelled");
}

sc::result InfoRequest::react(const EvMenu&) {
  return form::leaveToMenu(*this, kTexts, "exited");
}

// An application is described in words; a picture is not kept (nor is it evidence: there is
// no complaint here).
sc::result InfoRequest::react(const EvImage&) {
  outermost_context().say("info_request.image");
  return discard_event();
}

sc::result InfoRequest::react(const EvClick& click) {
  return form::onMenuClick<StepLeaves>(*this, click, data_, menu::MenuItem::InfoRequest, kTexts);
}

// 返回 at the first step leaves the application.
sc::result Filling::react(const EvBack&) {
  return form::onBack<StepLeaves>(*this, context<InfoRequest>().data(), kTexts);
}

sc::result Filling::react(const EvHelp&) {
  DialogMachine& machine = outermost_context();
  machine.say(state_cast<const StateInfo&>().helpKey());
  return discard_event();
}

}  // namespace civicdesk::dialogs::info_request
