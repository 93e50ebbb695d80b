#include "util/Allocator.hpp"

#include <malloc.h>

#include <cstddef>

// jemalloc's control interface, declared weak: it resolves to jemalloc's when the process has
// it (linked into the binary or preloaded) and stays null otherwise, so nothing here needs
// jemalloc's headers or library.
extern "C" int mallctl(const char* name, void* oldp, std::size_t* oldlenp, void* newp,
                       std::size_t newlen) __attribute__((weak));

namespace civicdesk::util {
namespace {

bool jemallocServesMalloc() {
  return mallctl != nullptr;
}

}  // namespace

std::string allocatorName() {
  if (!jemallocServesMalloc()) return "system malloc";
  const char* version = nullptr;
  std::size_t length = sizeof(version);
  if (mallctl("version", &version, &length, nullptr, 0) == 0 && version != nullptr) {
    return std::string("jemalloc ") + version;
  }
  return "jemalloc";
}

void tuneMalloc() {
  if (jemallocServesMalloc()) return;
  // glibc returns freed memory at the top of a heap to the kernel as soon as it exceeds
  // 128 KiB (and each thread has its own heap): under load the store's writer thread then spent
  // a third of its time in madvise() and in page faults re-touching the same memory (perf,
  // bench/RESULTS.md). Keeping up to 16 MiB per heap cost no measurable RSS; fixing the mmap
  // threshold also stops glibc from raising the trim threshold behind our back.
  mallopt(M_TRIM_THRESHOLD, 16 * 1024 * 1024);
  mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024);
}

}  // namespace civicdesk::util
