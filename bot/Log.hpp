#pragma once
// One line per event: time, level, event name, then key=value pairs, with the request id where
// there is one. Values are quoted when they hold spaces. Secrets are never passed in.
#include <initializer_list>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace civicdesk::bot {

class Log {
 public:
  enum class Level { Debug, Info, Warn, Error };
  explicit Log(std::ostream& out, Level min = Level::Info) : out_(out), min_(min) {}

  using Fields = std::initializer_list<std::pair<std::string_view, std::string>>;
  void write(Level level, std::string_view event, Fields fields = {});
  void info(std::string_view event, Fields fields = {}) { write(Level::Info, event, fields); }
  void warn(std::string_view event, Fields fields = {}) { write(Level::Warn, event, fields); }
  void error(std::string_view event, Fields fields = {}) { write(Level::Error, event, fields); }

 private:
  std::ostream& out_;
  Level min_;
  std::mutex mutex_;
};

}  // namespace civicdesk::bot
