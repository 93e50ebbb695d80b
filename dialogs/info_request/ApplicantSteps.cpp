#include "dialogs/info_request/ApplicantSteps.hpp"

#include <vector>

#include "dialogs/common/IdDocuments.hpp"
#include "dialogs/common/TextMatchers.hpp"
#include "dialogs/common/Validators.hpp"
#include "dialogs/complaint/UnitSteps.hpp"
#include "dialogs/info_request/ConfirmSteps.hpp"
#include "dialogs/info_request/NotApplication.hpp"
#include "dialogs/info_request/RequestSteps.hpp"
#include "util/Utf8.hpp"

namespace civicdesk::dialogs::info_request {
namespace {

using workflows::IdDocumentType;

constexpr std::size_t kOtherIdMin = 4;  // "护照 E1…": a name and a number
constexpr std::size_t kOtherIdMax = 60;

bool isOrganisation(const InfoRequestData& data) {
  return data.application.applicant.type == workflows::ApplicantType::Organisation;
}

// The answer to "1 公民 2 法人或其他组织" when it is exactly that.
std::optional<workflows::ApplicantType> exactApplicantType(std::string_view text) {
  if (auto n = text::matchNumber(text)) {
    if (*n == 1) return workflows::ApplicantType::Citizen;
    if (*n == 2) return workflows::ApplicantType::Organisation;
    return std::nullopt;
  }
  if (text::isOneOf(text, {"公民", "个人", "自然人", "本人", "我是公民", "我个人", "个人申请",
                           "以个人名义", "公民个人"})) {
    return workflows::ApplicantType::Citizen;
  }
  if (text::isOneOf(text, {"法人", "组织", "单位", "公司", "企业", "其他组织", "法人或其他组织",
                           "法人或者其他组织", "法人组织", "单位申请", "以单位名义", "我是法人"})) {
    return workflows::ApplicantType::Organisation;
  }
  return std::nullopt;
}

// The same, in a sentence ("我代表公司申请"), once the sentence is known not to be something
// else.
std::optional<workflows::ApplicantType> applicantTypeInSentence(std::string_view text) {
  if (text::containsAny(text, {"法人", "组织", "单位", "公司", "企业", "机构"})) {
    return workflows::ApplicantType::Organisation;
  }
  if (text::containsAny(text, {"公民", "个人", "自然人", "本人"}))
    return workflows::ApplicantType::Citizen;
  return std::nullopt;
}

// "其他证件" and its kin: the citizen has no resident ID (or credit code) to give.
bool asksForOtherDocument(std::string_view text) {
  return text::isOneOf(text, {"其他证件", "其他", "其它证件", "其它", "其他证件类型", "别的证件",
                              "没有身份证", "无身份证", "没有信用代码", "无统一社会信用代码",
                              "护照", "通行证", "台胞证", "回乡证", "居留证", "居住证"});
}
// A document named with its number ("护照 E12345678"): recorded as given.
bool namesOtherDocument(std::string_view text) {
  return text::containsAny(text, {"护照", "通行证", "台胞证", "回乡证", "居留证", "居住证",
                                  "军官证", "士兵证", "外国人"});
}

std::string problemKey(bool creditCode, ids::Problem problem) {
  const std::string base =
      creditCode ? "info_request.id.creditCode." : "info_request.id.residentId.";
  switch (problem) {
    case ids::Problem::Length:
      return base + "length";
    case ids::Problem::Characters:
      return base + "characters";
    case ids::Problem::BirthDate:
      return base + "birthDate";
    case ids::Problem::CheckDigit:
      break;
  }
  return base + "checkDigit";
}

// What sits between a phone number and an email address typed together.
bool isContactSeparator(char32_t c) {
  return c == ' ' || c == '\t' || c == ',' || c == ';' || c == '/' || c == 0x3000 || c == U'，' ||
         c == U'；' || c == U'、';
}

std::vector<std::string> contactParts(std::string_view text) {
  std::vector<std::string> parts(1);
  for (char32_t c : utf8::decode(text)) {
    if (isContactSeparator(c)) {
      if (!parts.back().empty()) parts.emplace_back();
    } else {
      parts.back() += utf8::encode(std::u32string(1, c));
    }
  }
  return parts;
}

}  // namespace

// --- ApplicantType --------------------------------------------------------------------------

void ApplicantType::ask(DialogMachine& machine, InfoRequestData&) {
  machine.say("info_request.applicantType.prompt");
}

sc::result ApplicantType::react(const EvText& text) {
  std::optional<workflows::ApplicantType> type = exactApplicantType(text.text);
  // Only the very first answer can turn out not to be an application: later ones are answers
  // to our questions.
  if (!type && data().history.empty() && !data().amending) {
    if (auto kind = text::recogniseNotApplication(text.text)) {
      switch (*kind) {
        case text::NotApplication::Complaint:
          machine().say("info_request.toComplaint");
          return complaint::startFrom(*this);
        case text::NotApplication::Petition:
          answerPetition(machine());
          return menu::goToMenu(*this);
        case text::NotApplication::Question:
          answerQuestion(machine(), text.text);
          return menu::goToMenu(*this);
      }
    }
  }
  if (!type) type = applicantTypeInSentence(text.text);
  if (!type) return refuse("info_request.applicantType.invalid");
  workflows::Applicant& applicant = application().applicant;
  if (applicant.type != *type || applicant.idNumber.empty()) {
    // Another kind of applicant needs another document: what was given no longer fits.
    applicant.type = *type;
    applicant.representative.clear();
    applicant.idNumber.clear();
    applicant.idType = *type == workflows::ApplicantType::Citizen ? IdDocumentType::ResidentId
                                                                  : IdDocumentType::CreditCode;
  }
  // The name belongs to the applicant, so it is asked again even when amending.
  return forward<ApplicantName>();
}

// --- ApplicantName, Representative ----------------------------------------------------------

void ApplicantName::ask(DialogMachine& machine, InfoRequestData& data) {
  machine.say(isOrganisation(data) ? "info_request.name.prompt.organisation"
                                   : "info_request.name.prompt.citizen");
}

sc::result ApplicantName::react(const EvText& text) {
  auto name = validate::name(text.text);
  if (!name) return refuse("info_request.name.invalid");
  application().applicant.name = std::move(*name);
  if (isOrganisation(data())) return forward<Representative>();
  return finish<IdDocument>();
}

void Representative::ask(DialogMachine& machine, InfoRequestData& data) {
  machine.say("info_request.representative.prompt", {{"name", data.application.applicant.name}});
}

sc::result Representative::react(const EvText& text) {
  auto name = validate::name(text.text);
  if (!name) return refuse("info_request.name.invalid");
  application().applicant.representative = std::move(*name);
  return finish<IdDocument>();
}

// --- IdDocument, IdOther --------------------------------------------------------------------

void IdDocument::ask(DialogMachine& machine, InfoRequestData& data) {
  machine.say(isOrganisation(data) ? "info_request.id.organisation.prompt"
                                   : "info_request.id.citizen.prompt");
}

sc::result IdDocument::react(const EvText& text) {
  if (asksForOtherDocument(text.text)) return forward<IdOther>();
  workflows::Applicant& applicant = application().applicant;
  if (namesOtherDocument(text.text)) {
    const std::string given = utf8::trim(text.text);
    if (utf8::length(given) > kOtherIdMax) return refuse("info_request.idOther.invalid");
    applicant.idType = IdDocumentType::Other;
    applicant.idNumber = given;
    return finish<Contact>();
  }
  const bool creditCode = isOrganisation(data());
  const ids::Checked checked =
      creditCode ? ids::checkCreditCode(text.text) : ids::checkResidentId(text.text);
  if (checked.problem) {
    return refuse(problemKey(creditCode, *checked.problem),
                  {{"count", std::to_string(checked.length)}});
  }
  applicant.idType = creditCode ? IdDocumentType::CreditCode : IdDocumentType::ResidentId;
  applicant.idNumber = checked.number;
  return finish<Contact>();
}

void IdOther::ask(DialogMachine& machine, InfoRequestData&) {
  machine.say("info_request.idOther.prompt");
}

sc::result IdOther::react(const EvText& text) {
  const std::string given = utf8::trim(text.text);
  const std::size_t length = utf8::length(given);
  if (length < kOtherIdMin || length > kOtherIdMax) return refuse("info_request.idOther.invalid");
  workflows::Applicant& applicant = application().applicant;
  applicant.idType = IdDocumentType::Other;
  applicant.idNumber = given;
  return finish<Contact>();
}

// --- Contact --------------------------------------------------------------------------------

void Contact::ask(DialogMachine& machine, InfoRequestData&) {
  machine.say("info_request.contact.prompt");
}

sc::result Contact::react(const EvText& text) {
  std::optional<std::string> phone = validate::mainlandMobile(text.text);
  std::optional<std::string> email;
  if (!phone) email = validate::email(text.text);
  if (!phone && !email) {
    // Both at once: "13800138000 zhang@example.cn".
    for (const std::string& part : contactParts(text.text)) {
      if (part.empty()) continue;
      if (auto p = validate::mainlandMobile(part); p && !phone) {
        phone = std::move(p);
      } else if (auto e = validate::email(part); e && !email) {
        email = std::move(e);
      } else {
        return refuse("info_request.contact.invalid");
      }
    }
  }
  if (!phone && !email) return refuse("info_request.contact.invalid");
  workflows::Applicant& applicant = application().applicant;
  if (phone) applicant.phone = std::move(*phone);
  if (email) applicant.email = std::move(*email);
  return finish<UnitAsked>();
}

}  // namespace civicdesk::dialogs::info_request
