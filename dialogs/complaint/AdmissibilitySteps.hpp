#pragma once
// Art. 7(3) and (4): the facts only the citizen knows. (1) and (2) are settled by the unit step
// and the contact details; (5) is for the handler.
#include "dialogs/complaint/Complaint.hpp"

namespace civicdesk::dialogs::complaint {

// Shared by the three yes/no questions: read the answer, record it, assess.
template <class Derived>
class AdmissibilityQuestion : public Step<Derived> {
 public:
  using Step<Derived>::Step;
  sc::result react(const EvText& text);

 protected:
  // Assesses Art. 7 on what is known so far: a failing item ends the complaint with its
  // article; otherwise on to Next (`endOfItem`: the last question of this item on the summary).
  template <class Next>
  sc::result proceed(bool endOfItem);
};

// (3) Already reported to another agency, or under reconsideration or litigation?
class ReportedElsewhere : public AdmissibilityQuestion<ReportedElsewhere> {
 public:
  static constexpr std::string_view kId = "complaint.reportedElsewhere";
  static constexpr std::string_view kHelp = "help.complaint.reportedElsewhere";
  using reactions = sc::custom_reaction<EvText>;
  using AdmissibilityQuestion::AdmissibilityQuestion;
  static void ask(DialogMachine& machine, ComplaintData& data);
  sc::result answered(bool yes);
};

// (3) ...and has that agency (or court) decided not to accept it?
class OtherAgencyDeclined : public AdmissibilityQuestion<OtherAgencyDeclined> {
 public:
  static constexpr std::string_view kId = "complaint.otherAgencyDeclined";
  static constexpr std::string_view kHelp = "help.complaint.otherAgencyDeclined";
  using reactions = sc::custom_reaction<EvText>;
  using AdmissibilityQuestion::AdmissibilityQuestion;
  static void ask(DialogMachine& machine, ComplaintData& data);
  sc::result answered(bool yes);
};

// (4) Has the supervision body already decided the same matter?
class SupervisionDecided : public AdmissibilityQuestion<SupervisionDecided> {
 public:
  static constexpr std::string_view kId = "complaint.supervisionDecided";
  static constexpr std::string_view kHelp = "help.complaint.supervisionDecided";
  using reactions = sc::custom_reaction<EvText>;
  using AdmissibilityQuestion::AdmissibilityQuestion;
  static void ask(DialogMachine& machine, ComplaintData& data);
  sc::result answered(bool yes);
};

}  // namespace civicdesk::dialogs::complaint
