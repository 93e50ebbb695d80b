#include "dialogs/info_request/RequestSteps.hpp"

#include <type_traits>

#include "dialogs/common/TextMatchers.hpp"
#include "dialogs/common/UnitResolution.hpp"
#include "dialogs/common/Validators.hpp"
#include "dialogs/info_request/ConfirmSteps.hpp"
#include "util/Utf8.hpp"
#include "workflows/UnitDirectory.hpp"

namespace civicdesk::dialogs::info_request {
namespace {

constexpr std::size_t kEchoedMax = 20;  // of an unknown unit's name, in the reply
// What must remain of a description besides its title and document number for the rest to
// count as features ("…文件" adds nothing).
constexpr std::size_t kFeaturesMin = 4;

// The description without its 《title》, its document number and the words around them that
// say nothing about the information ("请公开文号为…的文件").
std::string remainder(std::string text, const std::optional<std::string>& title,
                      const std::optional<std::string>& documentNumber) {
  const auto erase = [&](std::string_view part) {
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part)) {
      text.erase(at, part.size());
    }
  };
  if (title) erase("《" + *title + "》");
  if (documentNumber) erase(*documentNumber);
  text = text::normalise(text);
  for (std::string_view filler :
       {"申请公开", "请公开", "申请", "公开", "文号", "名称", "文件", "的", "为", "是", "即"}) {
    erase(filler);
  }
  return text;
}

std::optional<workflows::InfoForm> formFromText(std::string_view text) {
  if (auto n = text::matchNumber(text)) {
    if (*n == 1) return workflows::InfoForm::Paper;
    if (*n == 2) return workflows::InfoForm::Electronic;
    return std::nullopt;
  }
  const bool paper = text::containsAny(text, {"纸质", "纸件", "纸版", "书面", "打印", "复印件"});
  const bool electronic = text::containsAny(text, {"电子", "扫描", "pdf", "word"});
  if (paper == electronic) return std::nullopt;  // neither, or both: ask again
  return paper ? workflows::InfoForm::Paper : workflows::InfoForm::Electronic;
}

std::optional<workflows::Delivery> deliveryFromText(std::string_view text) {
  using workflows::Delivery;
  if (auto n = text::matchNumber(text)) {
    switch (*n) {
      case 1:
        return Delivery::Post;
      case 2:
        return Delivery::Email;
      case 3:
        return Delivery::Pickup;
      case 4:
        return Delivery::Online;
      default:
        return std::nullopt;
    }
  }
  if (text::containsAny(text, {"邮寄", "寄给", "寄到", "快递", "邮政", "挂号信"})) {
    return Delivery::Post;
  }
  if (text::containsAny(text, {"电子邮件", "邮件", "邮箱", "email", "e-mail"})) {
    return Delivery::Email;
  }
  if (text::containsAny(text, {"当面", "自取", "领取", "现场", "窗口", "上门取"})) {
    return Delivery::Pickup;
  }
  if (text::containsAny(text, {"在线", "网上", "线上", "本渠道", "微信", "短信", "这里"})) {
    return Delivery::Online;
  }
  return std::nullopt;
}

}  // namespace

// --- UnitAsked, UnitChoice ------------------------------------------------------------------

template <class Derived>
sc::result UnitQuestion<Derived>::onUnitName(const std::string& text) {
  DialogMachine& machine = this->machine();
  units::Resolution resolved = units::resolve(machine.units(), text);
  using Kind = units::Resolution::Kind;
  switch (resolved.kind) {
    case Kind::Empty:
      return this->askAgain();
    case Kind::Found:
      return chooseUnit(resolved.unitId);
    case Kind::Suggestions:
      this->data().suggestions = std::move(resolved.suggestions);
      if constexpr (std::is_same_v<Derived, UnitChoice>)
        return this->askAgain();
      else
        return this->template forward<UnitChoice>();
    case Kind::NotFound:
      break;
  }
  return this->refuse("info_request.unit.notFound",
                      {{"text", utf8::truncate(resolved.typed, kEchoedMax)},
                       {"examples", units::exampleUnits(machine.units())}});
}

template <class Derived>
sc::result UnitQuestion<Derived>::chooseUnit(const std::string& unitId) {
  const workflows::Unit* unit = this->machine().units().find(unitId);
  if (unit == nullptr) return this->askAgain();  // a stale suggestion; cannot happen normally
  if (!unit->pilotUnit) {
    // Not on this platform: the citizen can apply to the unit directly, or name another one.
    // What was collected so far is kept.
    return this->refuse(
        "info_request.unit.notPilot",
        {{"unit", unit->name}, {"unitPhone", unit->phone}, {"unitMailbox", unit->mailbox}});
  }
  this->application().unitId = unit->id;
  return this->template finish<InfoSought>();
}

void UnitAsked::ask(DialogMachine& machine, InfoRequestData&) {
  machine.say("info_request.unit.prompt");
}

sc::result UnitAsked::react(const EvText& text) {
  return onUnitName(text.text);
}

bool UnitChoice::canRestore(const nlohmann::json& slots) {
  auto data = InfoRequestData::fromJson(slots);
  return data && !data->suggestions.empty();
}

void UnitChoice::ask(DialogMachine& machine, InfoRequestData& data) {
  machine.say("info_request.unitChoice.prompt",
              {{"list", units::suggestionList(machine, data.suggestions)}});
}

sc::result UnitChoice::react(const EvText& text) {
  const auto& suggestions = data().suggestions;
  const units::Pick pick = units::pickSuggestion(text.text, suggestions.size());
  switch (pick.kind) {
    case units::Pick::Kind::Picked:
      return chooseUnit(suggestions[pick.index]);
    case units::Pick::Kind::OutOfRange:
      return refuse("info_request.unitChoice.invalid",
                    {{"max", std::to_string(suggestions.size())}});
    case units::Pick::Kind::NotANumber:
      break;
  }
  return onUnitName(text.text);  // typed a name again
}

// --- InfoSought -----------------------------------------------------------------------------

void InfoSought::ask(DialogMachine& machine, InfoRequestData& data) {
  machine.say("info_request.info.prompt",
              {{"unit", units::unitName(machine, data.application.unitId)}});
}

sc::result InfoSought::react(const EvText& text) {
  const std::string described = utf8::trim(text.text);
  const auto title = text::findBookTitle(described);
  const auto documentNumber = text::findDocumentNumber(described);
  if (!title && !documentNumber && utf8::length(described) < validate::kFactsMin) {
    return refuse("info_request.info.tooShort");
  }
  workflows::InformationSought& info = application().info;
  info.title = title.value_or("");
  info.documentNumber = documentNumber.value_or("");
  const bool more = utf8::length(remainder(described, title, documentNumber)) >= kFeaturesMin;
  info.features = more ? described : std::string();
  return finish<FormWanted>();
}

// --- FormWanted, DeliveryWay, PostAddress, DeliveryEmail ------------------------------------

void FormWanted::ask(DialogMachine& machine, InfoRequestData&) {
  machine.say("info_request.form.prompt");
}

sc::result FormWanted::react(const EvText& text) {
  const auto form = formFromText(text.text);
  if (!form) return refuse("info_request.form.invalid");
  application().form = *form;
  return finish<DeliveryWay>();
}

void DeliveryWay::ask(DialogMachine& machine, InfoRequestData&) {
  machine.say("info_request.delivery.prompt");
}

sc::result DeliveryWay::react(const EvText& text) {
  const auto delivery = deliveryFromText(text.text);
  if (!delivery) return refuse("info_request.delivery.invalid");
  application().delivery = *delivery;
  switch (*delivery) {
    case workflows::Delivery::Post:
      return forward<PostAddress>();  // asked each time: the address is on the envelope
    case workflows::Delivery::Email:
      if (application().applicant.email.empty()) return forward<DeliveryEmail>();
      break;
    case workflows::Delivery::Pickup:
    case workflows::Delivery::Online:
      break;
  }
  return forward<Confirm>();
}

void PostAddress::ask(DialogMachine& machine, InfoRequestData&) {
  machine.say("info_request.address.prompt");
}

sc::result PostAddress::react(const EvText& text) {
  auto address = validate::address(text.text);
  if (!address) return refuse("info_request.address.invalid");
  application().applicant.address = std::move(*address);
  return forward<Confirm>();
}

void DeliveryEmail::ask(DialogMachine& machine, InfoRequestData&) {
  machine.say("info_request.email.prompt");
}

sc::result DeliveryEmail::react(const EvText& text) {
  auto email = validate::email(text.text);
  if (!email) return refuse("info_request.email.invalid");
  application().applicant.email = std::move(*email);
  return forward<Confirm>();
}

}  // namespace civicdesk::dialogs::info_request
