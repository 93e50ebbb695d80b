#pragma once
// Names for CivicDesk's own threads, so that `top -H`, `ps -L`, gdb, perf and the load bench
// (bench/run-wechat-load, "Where the CPU goes") can tell the store's writer from an HTTP worker.
// Linux keeps at most 15 bytes of a thread's name; longer names are cut there.
#include <string>
#include <string_view>

namespace civicdesk::util {

inline constexpr std::size_t kThreadNameMax = 15;

// Names the calling thread. Best effort: a name the system refuses leaves the old one.
void nameThisThread(std::string_view name);

// The calling thread's name as the system reports it ("" if it cannot say).
std::string thisThreadName();

}  // namespace civicdesk::util
