#pragma once
// The applicant (the regulation's Art. 29 (1)): a citizen, or a legal person or other
// organisation with its representative; the identity document; a contact. The first step also
// recognises what is not an application at all and says where it belongs.
#include "dialogs/info_request/InfoRequest.hpp"

namespace civicdesk::dialogs::info_request {

// 1 公民, 2 法人或其他组织.
class ApplicantType : public Step<ApplicantType> {
 public:
  static constexpr std::string_view kId = "info_request.applicantType";
  static constexpr std::string_view kHelp = "help.info_request.applicantType";
  using reactions = sc::custom_reaction<EvText>;
  using Step::Step;
  static void ask(DialogMachine& machine, InfoRequestData& data);
  sc::result react(const EvText& text);
};

// The citizen's name, or the organisation's.
class ApplicantName : public Step<ApplicantName> {
 public:
  static constexpr std::string_view kId = "info_request.name";
  static constexpr std::string_view kHelp = "help.info_request.name";
  using reactions = sc::custom_reaction<EvText>;
  using Step::Step;
  static void ask(DialogMachine& machine, InfoRequestData& data);
  sc::result react(const EvText& text);
};

// An organisation's legal representative or contact person.
class Representative : public Step<Representative> {
 public:
  static constexpr std::string_view kId = "info_request.representative";
  static constexpr std::string_view kHelp = "help.info_request.representative";
  using reactions = sc::custom_reaction<EvText>;
  using Step::Step;
  static void ask(DialogMachine& machine, InfoRequestData& data);
  sc::result react(const EvText& text);
};

// A citizen's resident ID number, an organisation's unified social credit code, or "其他证件".
class IdDocument : public Step<IdDocument> {
 public:
  static constexpr std::string_view kId = "info_request.idDocument";
  static constexpr std::string_view kHelp = "help.info_request.idDocument";
  using reactions = sc::custom_reaction<EvText>;
  using Step::Step;
  static void ask(DialogMachine& machine, InfoRequestData& data);
  sc::result react(const EvText& text);
};

// Another document (passport, Hong Kong, Macao or Taiwan residents' permits…): recorded as
// given, not validated.
class IdOther : public Step<IdOther> {
 public:
  static constexpr std::string_view kId = "info_request.idOther";
  static constexpr std::string_view kHelp = "help.info_request.idOther";
  using reactions = sc::custom_reaction<EvText>;
  using Step::Step;
  static void ask(DialogMachine& machine, InfoRequestData& data);
  sc::result react(const EvText& text);
};

// A mainland mobile number, or an email address instead.
class Contact : public Step<Contact> {
 public:
  static constexpr std::string_view kId = "info_request.contact";
  static constexpr std::string_view kHelp = "help.info_request.contact";
  using reactions = sc::custom_reaction<EvText>;
  using Step::Step;
  static void ask(DialogMachine& machine, InfoRequestData& data);
  sc::result react(const EvText& text);
};

}  // namespace civicdesk::dialogs::info_request
