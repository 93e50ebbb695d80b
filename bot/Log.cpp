#include "bot/Log.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace civicdesk::bot {

namespace {
std::string_view levelName(Log::Level level) {
  switch (level) {
    case Log::Level::Debug:
      return "debug";
    case Log::Level::Info:
      return "info";
    case Log::Level::Warn:
      return "warn";
    case Log::Level::Error:
      return "error";
  }
  return "info";
}

void appendValue(std::string& line, const std::string& value) {
  bool quote = value.empty() || value.find_first_of(" \t\"=\n") != std::string::npos;
  if (!quote) {
    line += value;
    return;
  }
  line += '"';
  for (char c : value) {
    if (c == '"' || c == '\\') line += '\\';
    if (c == '\n') {
      line += "\\n";
      continue;
    }
    line += c;
  }
  line += '"';
}
}  // namespace

void Log::write(Level level, std::string_view event, Fields fields) {
  if (level < min_) return;
  using namespace std::chrono;
  const auto now = system_clock::now();
  const std::time_t t = system_clock::to_time_t(now);
  const auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char stamp[64];
  std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  std::string line = stamp;
  line += ' ';
  line += levelName(level);
  line += ' ';
  line += event;
  for (const auto& [key, value] : fields) {
    line += ' ';
    line += key;
    line += '=';
    appendValue(line, value);
  }
  line += '\n';
  std::lock_guard lock(mutex_);
  out_ << line << std::flush;
}

}  // namespace civicdesk::bot
