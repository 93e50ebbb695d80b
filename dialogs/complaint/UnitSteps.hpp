#pragma once
// Who is complained about: the unit (resolved against the unit directory; Art. 7(1) when it is
// not a pilot unit), and optionally the office or person within it. How a typed name is read is
// shared with the other dialogs that ask for a unit (dialogs/common/UnitResolution.hpp).
#include <string>

#include "dialogs/complaint/Complaint.hpp"

namespace civicdesk::dialogs::complaint {

// Shared by the two steps that read a unit's name.
template <class Derived>
class UnitQuestion : public Step<Derived> {
 public:
  using Step<Derived>::Step;

 protected:
  sc::result onUnitName(const std::string& text);
  sc::result chooseUnit(const std::string& unitId);
};

class Unit : public UnitQuestion<Unit> {
 public:
  static constexpr std::string_view kId = "complaint.unit";
  static constexpr std::string_view kHelp = "help.complaint.unit";
  using reactions = sc::custom_reaction<EvText>;
  using UnitQuestion::UnitQuestion;
  static void ask(DialogMachine& machine, ComplaintData& data);
  sc::result react(const EvText& text);
};

// Several units matched what was typed: the citizen picks one by number, or types again.
class UnitChoice : public UnitQuestion<UnitChoice> {
 public:
  static constexpr std::string_view kId = "complaint.unitChoice";
  static constexpr std::string_view kHelp = "help.complaint.unitChoice";
  using reactions = sc::custom_reaction<EvText>;
  using UnitQuestion::UnitQuestion;
  static bool canRestore(const nlohmann::json& slots);
  static void ask(DialogMachine& machine, ComplaintData& data);
  sc::result react(const EvText& text);
};

class RespondentDetail : public Step<RespondentDetail> {
 public:
  static constexpr std::string_view kId = "complaint.respondentDetail";
  static constexpr std::string_view kHelp = "help.complaint.respondentDetail";
  using reactions = sc::custom_reaction<EvText>;
  using Step::Step;
  static void ask(DialogMachine& machine, ComplaintData& data);
  sc::result react(const EvText& text);
};

// The unit's name for texts; the id itself if the directory no longer has it.
std::string unitName(const DialogMachine& machine, const std::string& unitId);

// Starts a complaint from a state outside it: the menu (start()), or the first step of another
// dialog whose answer turned out to be a complaint. Asks for the unit.
template <class From>
sc::result startFrom(From& from) {
  ComplaintData fresh;
  Unit::ask(from.outermost_context(), fresh);
  return from.template transit<Unit>();
}

}  // namespace civicdesk::dialogs::complaint
