#include "util/Allocator.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace civicdesk::util {
namespace {

// The test binaries never link jemalloc: the probe must not claim it from how it was compiled.
// (The civicdesk binary's answer is checked by CliServe.LogsTheAllocatorItWasBuiltWith.)
TEST(Allocator, AProcessWithoutJemallocReportsTheSystemMalloc) {
  if (std::getenv("LD_PRELOAD") != nullptr) GTEST_SKIP() << "a preloaded library may be a malloc";
  EXPECT_EQ(allocatorName(), "system malloc");
}

}  // namespace
}  // namespace civicdesk::util
