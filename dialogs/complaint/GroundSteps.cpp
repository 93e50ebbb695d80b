#include "dialogs/complaint/GroundSteps.hpp"

#include <array>

#include "dialogs/common/TextMatchers.hpp"
#include "util/Utf8.hpp"
#include "dialogs/complaint/ConfirmSteps.hpp"
#include "dialogs/complaint/FactSteps.hpp"

namespace civicdesk::dialogs::complaint {
namespace {

constexpr std::array<std::string_view, workflows::kComplaintGroundCount> kGroundKeys{
    "ground.1", "ground.2", "ground.3", "ground.4", "ground.5", "ground.6", "ground.7", "ground.8"};

std::optional<workflows::ComplaintGround> groundFromAnswer(std::string_view text) {
  auto n = text::matchNumber(text);
  return n ? workflows::complaintGroundFromNumber(*n) : std::nullopt;
}

// The best of workflows' guesses, if any; the citizen always confirms it.
std::optional<int> guess(std::string_view text) {
  auto grounds = workflows::guessComplaintGrounds(text);
  if (grounds.empty()) return std::nullopt;
  return workflows::toNumber(grounds.front());
}

}  // namespace

std::string groundTitle(const DialogMachine& machine, workflows::ComplaintGround ground) {
  return machine.render(kGroundKeys.at(static_cast<std::size_t>(workflows::toNumber(ground)) - 1));
}

std::string groundList(const DialogMachine& machine) {
  std::string list;
  for (int n = 1; n <= workflows::kComplaintGroundCount; ++n) {
    if (!list.empty()) list += '\n';
    list +=
        std::to_string(n) + " " + groundTitle(machine, *workflows::complaintGroundFromNumber(n));
  }
  return list;
}

void Ground::ask(DialogMachine& machine, ComplaintData&) {
  machine.say("complaint.ground.prompt");
}

sc::result Ground::react(const EvText& text) {
  if (utf8::trim(text.text).empty()) return askAgain();
  if (auto ground = groundFromAnswer(text.text)) {  // knows the list already
    data().form.ground = *ground;
    return finish<Facts>();
  }
  data().guessedGround = guess(text.text);
  return forward<GroundConfirm>();
}

void GroundConfirm::ask(DialogMachine& machine, ComplaintData& data) {
  if (data.guessedGround) {
    const auto ground = *workflows::complaintGroundFromNumber(*data.guessedGround);
    machine.say("complaint.groundConfirm.guess", {{"number", std::to_string(*data.guessedGround)},
                                                  {"title", groundTitle(machine, ground)},
                                                  {"grounds", groundList(machine)}});
  } else {
    machine.say("complaint.groundConfirm.choose", {{"grounds", groundList(machine)}});
  }
}

sc::result GroundConfirm::react(const EvText& text) {
  ComplaintData& d = data();
  // A number first: "1" picks ground 1 here, it does not mean "yes".
  if (auto ground = groundFromAnswer(text.text)) {
    d.form.ground = *ground;
    return finish<Facts>();
  }
  if (text::matchNumber(text.text)) {  // a number outside 1..8
    d.guessedGround.reset();
    return askAgain();
  }
  const auto yes = text::matchYesNo(text.text);
  if (yes == true && d.guessedGround) {
    d.form.ground = *workflows::complaintGroundFromNumber(*d.guessedGround);
    return finish<Facts>();
  }
  if (yes.has_value()) {  // "no", or "yes" with nothing to confirm: choose from the list
    d.guessedGround.reset();
    return askAgain();
  }
  if (utf8::trim(text.text).empty()) return askAgain();
  d.guessedGround = guess(text.text);  // described it again: guess again
  return askAgain();
}

}  // namespace civicdesk::dialogs::complaint
