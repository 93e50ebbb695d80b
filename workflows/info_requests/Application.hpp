#pragma once
// An application for government information (依申请公开), as the national Regulation on the
// Disclosure of Government Information (2019) asks it to be made (RULES.md "Information
// requests"; the regulation's Art. 29): who applies (a citizen, or a legal person / other
// organisation through its representative), their identity document and contact, the unit
// asked, a description of the information sought, and the form and way of delivery wanted.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace civicdesk::workflows {

enum class ApplicantType { Citizen, Organisation };  // 公民 / 法人或者其他组织
std::string_view toString(ApplicantType type);       // "citizen", "organisation"
std::optional<ApplicantType> applicantTypeFromString(std::string_view text);

enum class IdDocumentType {
  ResidentId,  // 居民身份证: 18 characters, GB 11643 check digit
  CreditCode,  // 统一社会信用代码: 18 characters, GB 32100 check character
  Other        // 护照、港澳台居民证件等: recorded as given, not validated
};
std::string_view toString(IdDocumentType type);  // "resident_id", "credit_code", "other"
std::optional<IdDocumentType> idDocumentTypeFromString(std::string_view text);

struct Applicant {
  ApplicantType type = ApplicantType::Citizen;
  std::string name;            // the citizen, or the organisation's name
  std::string representative;  // organisation: its legal representative or contact person
  IdDocumentType idType = IdDocumentType::ResidentId;
  std::string idNumber;  // normalised: upper-case, no spaces
  std::string phone;     // mainland mobile "13800138000", or a landline as digits
  std::string email;
  std::string address;  // postal address (needed for delivery by post)
};

// The information sought: at least one of the three describes it (Art. 29 (2)).
struct InformationSought {
  std::string title;           // 名称
  std::string documentNumber;  // 文号
  std::string features;        // 便于查询的其他特征描述
};

enum class InfoForm { Paper, Electronic };  // 纸质 / 电子
std::string_view toString(InfoForm form);   // "paper", "electronic"
std::optional<InfoForm> infoFormFromString(std::string_view text);

enum class Delivery {
  Post,    // 邮寄: needs applicant.address
  Email,   // 电子邮件: needs applicant.email
  Pickup,  // 当面领取
  Online   // 在线: on the channel the application came by (a download link)
};
std::string_view toString(Delivery delivery);  // "post", "email", "pickup", "online"
std::optional<Delivery> deliveryFromString(std::string_view text);

struct Application {
  Applicant applicant;
  std::string unitId;  // the unit asked, resolved against the UnitDirectory
  InformationSought info;
  std::optional<InfoForm> form;      // nullopt: not yet said
  std::optional<Delivery> delivery;  // nullopt: not yet said
};

// What is still missing, in this order and these words: "applicant.name",
// "applicant.representative" (organisation only), "applicant.idNumber" (absent or invalid for
// its type), "applicant.contact" (neither phone nor email), "unit", "info" (none of the three
// descriptions), "form", "delivery", "applicant.address" (delivery by post),
// "applicant.email" (delivery by email). Empty: complete.
std::vector<std::string> missingApplicationItems(const Application& application);

// GB 11643-1999: 17 digits then a check character (0-9 or X) by ISO 7064 MOD 11-2, and the
// birth date (digits 7-14) a real date from 1900 on. Spaces and a lower-case x are accepted.
bool isValidResidentId(std::string_view text);
// GB 32100-2015: 18 characters from "0123456789ABCDEFGHJKLMNPQRTUWXY", the last a check
// character (weights 3^i mod 31). Spaces and lower case are accepted, as for the resident ID.
bool isValidCreditCode(std::string_view text);
// Upper-case, spaces removed ("11010519491231002x" → "11010519491231002X").
std::string normaliseIdNumber(std::string_view text);

// JSON for storage and dialog slots; fromJson throws nlohmann::json::exception on bad input.
nlohmann::json toJson(const Application& application);
Application applicationFromJson(const nlohmann::json& json);

}  // namespace civicdesk::workflows
