#pragma once
// What is asked for (the regulation's Art. 29 (2), (3)): the unit asked, resolved against the
// unit directory as in the complaint dialog (dialogs/common/UnitResolution.hpp); the
// information sought, read into title, document number (文号) and features; the form wanted
// and the way of delivery, with the address or email that delivery needs.
#include <string>

#include "dialogs/info_request/InfoRequest.hpp"

namespace civicdesk::dialogs::info_request {

// Shared by the two steps that read a unit's name.
template <class Derived>
class UnitQuestion : public Step<Derived> {
 public:
  using Step<Derived>::Step;

 protected:
  sc::result onUnitName(const std::string& text);
  sc::result chooseUnit(const std::string& unitId);
};

class UnitAsked : public UnitQuestion<UnitAsked> {
 public:
  static constexpr std::string_view kId = "info_request.unit";
  static constexpr std::string_view kHelp = "help.info_request.unit";
  using reactions = sc::custom_reaction<EvText>;
  using UnitQuestion::UnitQuestion;
  static void ask(DialogMachine& machine, InfoRequestData& data);
  sc::result react(const EvText& text);
};

// Several units matched what was typed: the citizen picks one by number, or types again.
class UnitChoice : public UnitQuestion<UnitChoice> {
 public:
  static constexpr std::string_view kId = "info_request.unitChoice";
  static constexpr std::string_view kHelp = "help.info_request.unitChoice";
  using reactions = sc::custom_reaction<EvText>;
  using UnitQuestion::UnitQuestion;
  static bool canRestore(const nlohmann::json& slots);
  static void ask(DialogMachine& machine, InfoRequestData& data);
  sc::result react(const EvText& text);
};

// A description in the citizen's words; a 《title》 and a document number in it are recorded
// as such, the rest as the features that help find the information.
class InfoSought : public Step<InfoSought> {
 public:
  static constexpr std::string_view kId = "info_request.info";
  static constexpr std::string_view kHelp = "help.info_request.info";
  using reactions = sc::custom_reaction<EvText>;
  using Step::Step;
  static void ask(DialogMachine& machine, InfoRequestData& data);
  sc::result react(const EvText& text);
};

// 1 纸质 2 电子.
class FormWanted : public Step<FormWanted> {
 public:
  static constexpr std::string_view kId = "info_request.form";
  static constexpr std::string_view kHelp = "help.info_request.form";
  using reactions = sc::custom_reaction<EvText>;
  using Step::Step;
  static void ask(DialogMachine& machine, InfoRequestData& data);
  sc::result react(const EvText& text);
};

// 1 邮寄 2 电子邮件 3 当面领取 4 在线（本渠道）.
class DeliveryWay : public Step<DeliveryWay> {
 public:
  static constexpr std::string_view kId = "info_request.delivery";
  static constexpr std::string_view kHelp = "help.info_request.delivery";
  using reactions = sc::custom_reaction<EvText>;
  using Step::Step;
  static void ask(DialogMachine& machine, InfoRequestData& data);
  sc::result react(const EvText& text);
};

// Delivery by post: where to.
class PostAddress : public Step<PostAddress> {
 public:
  static constexpr std::string_view kId = "info_request.address";
  static constexpr std::string_view kHelp = "help.info_request.address";
  using reactions = sc::custom_reaction<EvText>;
  using Step::Step;
  static void ask(DialogMachine& machine, InfoRequestData& data);
  sc::result react(const EvText& text);
};

// Delivery by email, when no address was given as the contact.
class DeliveryEmail : public Step<DeliveryEmail> {
 public:
  static constexpr std::string_view kId = "info_request.email";
  static constexpr std::string_view kHelp = "help.info_request.email";
  using reactions = sc::custom_reaction<EvText>;
  using Step::Step;
  static void ask(DialogMachine& machine, InfoRequestData& data);
  sc::result react(const EvText& text);
};

}  // namespace civicdesk::dialogs::info_request
