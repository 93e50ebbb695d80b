// civicdesk: the citizen messaging desk of a district's government-information-disclosure
// pilot. Wiring only; see bot/Cli.cpp for the commands and bot/Service.cpp for the parts.
#include <iostream>
#include <string>
#include <vector>

#include "bot/Cli.hpp"
#include "util/Allocator.hpp"

int main(int argc, char** argv) {
  civicdesk::util::tuneMalloc();
  std::vector<std::string> args(argv + 1, argv + argc);
  return civicdesk::bot::runCli(args, {std::cin, std::cout, std::cerr},
                                civicdesk::bot::processEnvironment());
}
