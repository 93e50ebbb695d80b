#pragma once
// `civicdesk chat`: a conversation with the bot in the terminal, through the same dispatcher,
// dialogs and store as the platforms (channel "console"), so anyone can try it without a
// WeChat account.
#include <iosfwd>
#include <string>

#include "bot/Dispatcher.hpp"

namespace civicdesk::bot {

class ConsoleChat {
 public:
  ConsoleChat(Dispatcher& dispatcher, const workflows::Clock& clock, std::string user);
  // Reads lines until EOF or /quit. `/image NAME` sends a picture (kept as evidence).
  void run(std::istream& in, std::ostream& out);

 private:
  void send(channels::InboundMessage message, std::ostream& out);

  Dispatcher& dispatcher_;
  const workflows::Clock& clock_;
  std::string user_;
  std::uint64_t sequence_ = 0;
};

}  // namespace civicdesk::bot
