#include "dialogs/info_request/ConfirmSteps.hpp"

#include <string>

#include "dialogs/common/TextMatchers.hpp"
#include "dialogs/common/UnitResolution.hpp"
#include "dialogs/common/Validators.hpp"
#include "dialogs/info_request/ApplicantSteps.hpp"
#include "dialogs/info_request/RequestSteps.hpp"
#include "util/Utf8.hpp"

namespace civicdesk::dialogs::info_request {
namespace {

// Long answers are cut on the summary so that it fits one phone screen (and one passive
// reply); the application keeps them whole.
constexpr std::size_t kSummaryFeaturesMax = 100;
constexpr std::size_t kSummaryTitleMax = 60;
constexpr std::size_t kSummaryAddressMax = 60;

bool completeApplication(const nlohmann::json& slots) {
  auto data = InfoRequestData::fromJson(slots);
  return data && workflows::missingApplicationItems(data->application).empty();
}

std::string applicantLines(const DialogMachine& machine, const workflows::Applicant& who) {
  if (who.type == workflows::ApplicantType::Organisation) {
    return machine.render("info_request.summary.organisation",
                          {{"name", who.name}, {"representative", who.representative}});
  }
  return machine.render("info_request.summary.citizen", {{"name", who.name}});
}

std::string contactText(const workflows::Applicant& who) {
  std::string out = who.phone.empty() ? std::string() : validate::maskMobile(who.phone);
  if (!who.email.empty()) {
    if (!out.empty()) out += "，";
    out += who.email;
  }
  return out;
}

std::string infoLines(const DialogMachine& machine, const workflows::InformationSought& info) {
  std::string out;
  const auto add = [&](std::string_view key, const std::string& value, std::size_t max) {
    if (value.empty()) return;
    if (!out.empty()) out += '\n';
    out += machine.render(key, {{"value", utf8::truncate(value, max)}});
  };
  add("info_request.summary.title", info.title, kSummaryTitleMax);
  add("info_request.summary.documentNumber", info.documentNumber, kSummaryTitleMax);
  add("info_request.summary.features", info.features, kSummaryFeaturesMax);
  return out;
}

std::string deliveryText(const DialogMachine& machine, const workflows::Application& a) {
  const std::string key = "info_request.delivery." + std::string(workflows::toString(*a.delivery));
  return machine.render(key, {{"address", utf8::truncate(a.applicant.address, kSummaryAddressMax)},
                              {"email", a.applicant.email}});
}

}  // namespace

Confirm::Confirm(my_context ctx) : Step(ctx) {
  data().amending = false;
}

bool Confirm::canRestore(const nlohmann::json& slots) {
  return completeApplication(slots);
}

void Confirm::ask(DialogMachine& machine, InfoRequestData& data) {
  const workflows::Application& a = data.application;
  const workflows::Applicant& who = a.applicant;
  machine.say(
      "info_request.confirm.summary",
      {{"applicant", applicantLines(machine, who)},
       {"idType", machine.render("info_request.idType." + std::string(toString(who.idType)))},
       {"idNumber", validate::maskIdNumber(who.idNumber)},
       {"contact", contactText(who)},
       {"unit", units::unitName(machine, a.unitId)},
       {"info", infoLines(machine, a.info)},
       {"form", machine.render("info_request.form." + std::string(toString(*a.form)))},
       {"delivery", deliveryText(machine, a)}});
}

sc::result Confirm::react(const EvText& text) {
  if (text::isOneOf(text.text,
                    {"确认", "确认提交", "提交", "确定", "是", "是的", "对", "好", "好的", "ok"})) {
    machine().requestInfoRequestRegistration(application());
    return transit<Registering>();
  }
  if (text::isOneOf(text.text, {"修改", "更改", "改", "重新填写", "重填", "改一下"})) {
    return forward<Amend>();
  }
  return refuse("info_request.confirm.invalid");
}

void Amend::ask(DialogMachine& machine, InfoRequestData&) {
  machine.say("info_request.amend.prompt");
}

// The numbers are those of info_request.amend.prompt.
sc::result Amend::react(const EvText& text) {
  const auto n = text::matchNumber(text.text);
  if (!n || *n < 1 || *n > 7) return refuse("info_request.amend.invalid");
  data().amending = true;
  switch (*n) {
    case 1:
      return forward<ApplicantType>();
    case 2:
      return forward<IdDocument>();
    case 3:
      return forward<Contact>();
    case 4:
      return forward<UnitAsked>();
    case 5:
      return forward<InfoSought>();
    case 6:
      return forward<FormWanted>();
    default:
      return forward<DeliveryWay>();
  }
}

bool Registering::canRestore(const nlohmann::json& slots) {
  return completeApplication(slots);
}

sc::result Registering::react(const EvInfoRequestRegistered& registered) {
  outermost_context().say("info_request.registered", {{"caseNo", registered.caseNo},
                                                      {"receivedOn", registered.receivedOn},
                                                      {"replyDue", registered.replyDue}});
  return menu::goToMenu(*this);
}

}  // namespace civicdesk::dialogs::info_request
