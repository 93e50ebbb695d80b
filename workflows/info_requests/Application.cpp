// An application for government information (the regulation's Art. 29): what is still missing
// from it, the names its enums are stored under, and its JSON.
#include "workflows/info_requests/Application.hpp"
#include "workflows/JsonFields.hpp"

#include <nlohmann/json.hpp>

namespace civicdesk::workflows {
namespace {

using nlohmann::json;

// A slot holding only spaces was not really given.
// The document as its type requires: the two national codes carry a check character, so a
// typo is refused; other documents (passports, Hong Kong, Macao and Taiwan permits) are taken
// as given.
bool hasValidId(const Applicant& applicant) {
  switch (applicant.idType) {
    case IdDocumentType::ResidentId:
      return isValidResidentId(applicant.idNumber);
    case IdDocumentType::CreditCode:
      return isValidCreditCode(applicant.idNumber);
    case IdDocumentType::Other:
      return !json_fields::isBlank(applicant.idNumber);
  }
  return false;
}

// Enums are stored by name; a name nobody wrote is corrupt data, not a default.
template <class Enum, class Parse>
Enum readEnum(const json& object, const char* key, Enum fallback, Parse parse) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return fallback;
  const auto text = it->get<std::string>();
  if (auto value = parse(text)) return *value;
  throw json::out_of_range::create(406, std::string("unknown ") + key + ": " + text, &*it);
}

template <class Enum, class Parse>
std::optional<Enum> readOptionalEnum(const json& object, const char* key, Parse parse) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::nullopt;
  const auto text = it->get<std::string>();
  if (auto value = parse(text)) return *value;
  throw json::out_of_range::create(406, std::string("unknown ") + key + ": " + text, &*it);
}

template <class Enum>
json optionalName(const std::optional<Enum>& value) {
  return value ? json(std::string(toString(*value))) : json(nullptr);
}

// Applications are saved slot by slot while a dialog runs, so a missing key keeps the default;
// a key with the wrong type is bad input and throws (json::type_error).
}  // namespace

std::string_view toString(ApplicantType type) {
  switch (type) {
    case ApplicantType::Citizen:
      return "citizen";
    case ApplicantType::Organisation:
      return "organisation";
  }
  return "citizen";
}

std::optional<ApplicantType> applicantTypeFromString(std::string_view text) {
  for (auto type : {ApplicantType::Citizen, ApplicantType::Organisation}) {
    if (toString(type) == text) return type;
  }
  return std::nullopt;
}

std::string_view toString(IdDocumentType type) {
  switch (type) {
    case IdDocumentType::ResidentId:
      return "resident_id";
    case IdDocumentType::CreditCode:
      return "credit_code";
    case IdDocumentType::Other:
      return "other";
  }
  return "other";
}

std::optional<IdDocumentType> idDocumentTypeFromString(std::string_view text) {
  for (auto type :
       {IdDocumentType::ResidentId, IdDocumentType::CreditCode, IdDocumentType::Other}) {
    if (toString(type) == text) return type;
  }
  return std::nullopt;
}

std::string_view toString(InfoForm form) {
  switch (form) {
    case InfoForm::Paper:
      return "paper";
    case InfoForm::Electronic:
      return "electronic";
  }
  return "paper";
}

std::optional<InfoForm> infoFormFromString(std::string_view text) {
  for (auto form : {InfoForm::Paper, InfoForm::Electronic}) {
    if (toString(form) == text) return form;
  }
  return std::nullopt;
}

std::string_view toString(Delivery delivery) {
  switch (delivery) {
    case Delivery::Post:
      return "post";
    case Delivery::Email:
      return "email";
    case Delivery::Pickup:
      return "pickup";
    case Delivery::Online:
      return "online";
  }
  return "online";
}

std::optional<Delivery> deliveryFromString(std::string_view text) {
  for (auto delivery : {Delivery::Post, Delivery::Email, Delivery::Pickup, Delivery::Online}) {
    if (toString(delivery) == text) return delivery;
  }
  return std::nullopt;
}

std::vector<std::string> missingApplicationItems(const Application& application) {
  const Applicant& a = application.applicant;
  std::vector<std::string> missing;
  // Art. 29 (1): the applicant's name, identity document and contact; an organisation acts
  // through a person, who is named too.
  if (json_fields::isBlank(a.name)) missing.emplace_back("applicant.name");
  if (a.type == ApplicantType::Organisation && json_fields::isBlank(a.representative)) {
    missing.emplace_back("applicant.representative");
  }
  if (!hasValidId(a)) missing.emplace_back("applicant.idNumber");
  if (json_fields::isBlank(a.phone) && json_fields::isBlank(a.email))
    missing.emplace_back("applicant.contact");
  // Art. 27: an application goes to a particular agency.
  if (json_fields::isBlank(application.unitId)) missing.emplace_back("unit");
  // Art. 29 (2): name, document number or other features that let the information be found.
  const InformationSought& info = application.info;
  if (json_fields::isBlank(info.title) && json_fields::isBlank(info.documentNumber) &&
      json_fields::isBlank(info.features)) {
    missing.emplace_back("info");
  }
  // Art. 29 (3): the form and way of delivery wanted, and what that way needs.
  if (!application.form) missing.emplace_back("form");
  if (!application.delivery) missing.emplace_back("delivery");
  if (application.delivery == Delivery::Post && json_fields::isBlank(a.address)) {
    missing.emplace_back("applicant.address");
  }
  if (application.delivery == Delivery::Email && json_fields::isBlank(a.email)) {
    missing.emplace_back("applicant.email");
  }
  return missing;
}

nlohmann::json toJson(const Application& application) {
  const Applicant& a = application.applicant;
  const InformationSought& info = application.info;
  return {{"applicant",
           {{"type", std::string(toString(a.type))},
            {"name", a.name},
            {"representative", a.representative},
            {"idType", std::string(toString(a.idType))},
            {"idNumber", a.idNumber},
            {"phone", a.phone},
            {"email", a.email},
            {"address", a.address}}},
          {"unitId", application.unitId},
          {"info",
           {{"title", info.title},
            {"documentNumber", info.documentNumber},
            {"features", info.features}}},
          {"form", optionalName(application.form)},
          {"delivery", optionalName(application.delivery)}};
}

Application applicationFromJson(const nlohmann::json& j) {
  json_fields::requireObject(j, "an application");
  Application application;
  if (auto it = j.find("applicant"); it != j.end()) {
    const json& a = json_fields::requireObject(*it, "applicant");
    Applicant& out = application.applicant;
    out.type = readEnum(a, "type", out.type, applicantTypeFromString);
    json_fields::readIfPresent(a, "name", out.name, false);
    json_fields::readIfPresent(a, "representative", out.representative, false);
    out.idType = readEnum(a, "idType", out.idType, idDocumentTypeFromString);
    json_fields::readIfPresent(a, "idNumber", out.idNumber, false);
    json_fields::readIfPresent(a, "phone", out.phone, false);
    json_fields::readIfPresent(a, "email", out.email, false);
    json_fields::readIfPresent(a, "address", out.address, false);
  }
  json_fields::readIfPresent(j, "unitId", application.unitId, false);
  if (auto it = j.find("info"); it != j.end()) {
    const json& info = json_fields::requireObject(*it, "info");
    json_fields::readIfPresent(info, "title", application.info.title, false);
    json_fields::readIfPresent(info, "documentNumber", application.info.documentNumber, false);
    json_fields::readIfPresent(info, "features", application.info.features, false);
  }
  application.form = readOptionalEnum<InfoForm>(j, "form", infoFormFromString);
  application.delivery = readOptionalEnum<Delivery>(j, "delivery", deliveryFromString);
  return application;
}

}  // namespace civicdesk::workflows
