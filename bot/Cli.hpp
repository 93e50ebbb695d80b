#pragma once
// The command line: `civicdesk serve`, `civicdesk chat`, `civicdesk help`.
#include <iosfwd>
#include <string>
#include <vector>

#include "bot/Config.hpp"

namespace civicdesk::bot {

struct CliStreams {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

// Runs one command; returns the process exit code (0 ok, 1 failure, 2 usage).
int runCli(const std::vector<std::string>& args, CliStreams streams, const EnvLookup& env);

}  // namespace civicdesk::bot
