// civicdesk: the citizen messaging desk of a district's government-information-disclosure
// pilot. Wiring only; see bot/Cli.cpp for the commands and bot/Service.cpp for the parts.
#include <malloc.h>

#include <iostream>
#include <string>
#include <vector>

#include "bot/Cli.hpp"

int main(int argc, char** argv) {
#ifndef CIVICDESK_WITH_JEMALLOC
  // Built without jemalloc (CIVICDESK_JEMALLOC=OFF, or a sanitizer build): glibc returns freed
  // memory at the top of a heap to the kernel as soon as it exceeds 128 KiB (and each thread
  // has its own heap): under load the store's writer thread then spent a third of its time in
  // madvise() and in page faults re-touching the same memory (perf, bench/RESULTS.md). Keeping
  // up to 16 MiB per heap cost no measurable RSS; fixing the mmap threshold also stops glibc
  // from raising the trim threshold behind our back. (jemalloc returns memory on a timer.)
  mallopt(M_TRIM_THRESHOLD, 16 * 1024 * 1024);
  mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024);
#endif
  std::vector<std::string> args(argv + 1, argv + argc);
  return civicdesk::bot::runCli(args, {std::cin, std::cout, std::cerr},
                                civicdesk::bot::processEnvironment());
}
