#pragma once
// Art. 8(2): the facts of the breach and their evidence (texts and pictures).
#include "dialogs/complaint/Complaint.hpp"

namespace civicdesk::dialogs::complaint {

class Facts : public Step<Facts> {
 public:
  static constexpr std::string_view kId = "complaint.facts";
  static constexpr std::string_view kHelp = "help.complaint.facts";
  using reactions = sc::custom_reaction<EvText>;
  using Step::Step;
  static void ask(DialogMachine& machine, ComplaintData& data);
  sc::result react(const EvText& text);
};

// Collects any number of pictures and notes until the citizen says they are done.
class Evidence : public Step<Evidence> {
 public:
  static constexpr std::string_view kId = "complaint.evidence";
  static constexpr std::string_view kHelp = "help.complaint.evidence";
  using reactions = mpl::list<sc::custom_reaction<EvText>, sc::custom_reaction<EvImage>>;
  using Step::Step;
  static void ask(DialogMachine& machine, ComplaintData& data);
  sc::result react(const EvText& text);
  sc::result react(const EvImage& image);
};

}  // namespace civicdesk::dialogs::complaint
