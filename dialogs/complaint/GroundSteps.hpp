#pragma once
// Art. 4: which of the eight grounds the complaint is on. The citizen describes the problem in
// their own words; we propose a ground and they confirm it, or pick one by number.
#include <string>

#include "dialogs/complaint/Complaint.hpp"
#include "workflows/complaints/ComplaintGround.hpp"

namespace civicdesk::dialogs::complaint {

class Ground : public Step<Ground> {
 public:
  static constexpr std::string_view kId = "complaint.ground";
  static constexpr std::string_view kHelp = "help.complaint.ground";
  using reactions = sc::custom_reaction<EvText>;
  using Step::Step;
  static void ask(DialogMachine& machine, ComplaintData& data);
  sc::result react(const EvText& text);
};

class GroundConfirm : public Step<GroundConfirm> {
 public:
  static constexpr std::string_view kId = "complaint.groundConfirm";
  static constexpr std::string_view kHelp = "help.complaint.groundConfirm";
  using reactions = sc::custom_reaction<EvText>;
  using Step::Step;
  static void ask(DialogMachine& machine, ComplaintData& data);
  sc::result react(const EvText& text);
};

// The plain-Chinese title of a ground (templates ground.1 .. ground.8).
std::string groundTitle(const DialogMachine& machine, workflows::ComplaintGround ground);
// All eight, one per line: "1 …\n2 …".
std::string groundList(const DialogMachine& machine);

}  // namespace civicdesk::dialogs::complaint
