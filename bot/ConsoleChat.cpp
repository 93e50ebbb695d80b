#include "bot/ConsoleChat.hpp"

#include <chrono>
#include <istream>
#include <ostream>

namespace civicdesk::bot {

ConsoleChat::ConsoleChat(Dispatcher& dispatcher, const workflows::Clock& clock, std::string user)
    : dispatcher_(dispatcher), clock_(clock), user_(std::move(user)) {}

void ConsoleChat::send(channels::InboundMessage message, std::ostream& out) {
  message.channel = "console";
  message.from = user_;
  message.to = "console";
  message.sentAt = clock_.nowSeconds();
  // Unique per line, so typing the same words twice is two messages, never a "retry".
  const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  message.platformId = user_ + ":" + std::to_string(nanos) + ":" + std::to_string(++sequence_);
  ReplyWindow window;  // the terminal always waits for the answer
  const auto result = dispatcher_.dispatch(message, window, "console");
  for (const auto& reply : result.replies) out << "\n" << reply << "\n";
  out << std::flush;
}

void ConsoleChat::run(std::istream& in, std::ostream& out) {
  out << "CivicDesk 对话（输入 /quit 退出，/image 名称 发送一张图片）\n";
  if (dispatcher_.hasConversation("console", user_)) {
    // Pick up where the citizen left off, as on WeChat, rather than start over.
    out << "（继续上次的对话；输入 帮助 查看当前这一步，输入 菜单 回到主菜单）\n";
  } else {
    channels::InboundMessage hello;  // a first contact gets the welcome, as on following
    hello.kind = channels::InboundKind::Subscribe;
    hello.platformType = "event/subscribe";
    send(hello, out);
  }
  std::string line;
  while (out << "\n你> " << std::flush, std::getline(in, line)) {
    if (line == "/quit" || line == "/exit") break;
    if (line.empty()) continue;
    channels::InboundMessage message;
    if (line.rfind("/image", 0) == 0) {
      message.kind = channels::InboundKind::Image;
      message.platformType = "image";
      message.mediaId = line.size() > 7 ? line.substr(7) : "console-image";
    } else {
      message.kind = channels::InboundKind::Text;
      message.platformType = "text";
      message.text = line;
    }
    send(message, out);
  }
  out << "\n再见。\n";
}

}  // namespace civicdesk::bot
