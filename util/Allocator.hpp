#pragma once
// Which malloc this process runs on, and the one tuning glibc's needs. The civicdesk binary
// links jemalloc (CMake option CIVICDESK_JEMALLOC): under load it cut the server's CPU per
// request by about a tenth against glibc's malloc (bench/RESULTS.md, "Allocator"). Libraries,
// test binaries and the sanitizer builds do not link it, so the answer is read from the
// running process, not from how this file was compiled.
#include <string>

namespace civicdesk::util {

// "jemalloc <version>" when jemalloc serves malloc in this process, else "system malloc".
std::string allocatorName();

// Called once at the start of main(): leaves jemalloc alone (it returns memory on a timer)
// and tunes glibc's malloc when that is the one in use.
void tuneMalloc();

}  // namespace civicdesk::util
