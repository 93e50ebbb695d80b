#pragma once
// Which malloc this process runs on. The civicdesk binary links jemalloc (CMake option
// CIVICDESK_JEMALLOC): under load it cut the server's CPU per request by about a tenth against
// glibc's malloc (bench/RESULTS.md, "Allocator"). Libraries and test binaries do not link it,
// so the answer is read from the running process, not from how this file was compiled.
#include <string>

namespace civicdesk::util {

// "jemalloc <version>" when jemalloc serves malloc in this process, else "system malloc".
std::string allocatorName();

}  // namespace civicdesk::util
