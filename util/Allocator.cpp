#include "util/Allocator.hpp"

#include <cstddef>

// jemalloc's control interface, declared weak: it resolves to jemalloc's when the process has
// it (linked into the binary or preloaded) and stays null otherwise, so nothing here needs
// jemalloc's headers or library.
extern "C" int mallctl(const char* name, void* oldp, std::size_t* oldlenp, void* newp,
                       std::size_t newlen) __attribute__((weak));

namespace civicdesk::util {

std::string allocatorName() {
  if (mallctl != nullptr) {
    const char* version = nullptr;
    std::size_t length = sizeof(version);
    if (mallctl("version", &version, &length, nullptr, 0) == 0 && version != nullptr) {
      return std::string("jemalloc ") + version;
    }
    return "jemalloc";
  }
  return "system malloc";
}

}  // namespace civicdesk::util
