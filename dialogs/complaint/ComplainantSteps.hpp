#pragma once
// Art. 8(1) and (3): who complains, how to reach them, and whether they want a reply.
#include "dialogs/complaint/Complaint.hpp"

namespace civicdesk::dialogs::complaint {

class Name : public Step<Name> {
 public:
  static constexpr std::string_view kId = "complaint.name";
  static constexpr std::string_view kHelp = "help.complaint.name";
  using reactions = sc::custom_reaction<EvText>;
  using Step::Step;
  static void ask(DialogMachine& machine, ComplaintData& data);
  sc::result react(const EvText& text);
};

class Phone : public Step<Phone> {
 public:
  static constexpr std::string_view kId = "complaint.phone";
  static constexpr std::string_view kHelp = "help.complaint.phone";
  using reactions = sc::custom_reaction<EvText>;
  using Step::Step;
  static void ask(DialogMachine& machine, ComplaintData& data);
  sc::result react(const EvText& text);
};

class Address : public Step<Address> {
 public:
  static constexpr std::string_view kId = "complaint.address";
  static constexpr std::string_view kHelp = "help.complaint.address";
  using reactions = sc::custom_reaction<EvText>;
  using Step::Step;
  static void ask(DialogMachine& machine, ComplaintData& data);
  sc::result react(const EvText& text);
};

class WantsReply : public Step<WantsReply> {
 public:
  static constexpr std::string_view kId = "complaint.wantsReply";
  static constexpr std::string_view kHelp = "help.complaint.wantsReply";
  using reactions = sc::custom_reaction<EvText>;
  using Step::Step;
  static void ask(DialogMachine& machine, ComplaintData& data);
  sc::result react(const EvText& text);
};

}  // namespace civicdesk::dialogs::complaint
