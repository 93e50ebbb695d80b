#include "util/ThreadName.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>

namespace civicdesk::util {
namespace {

// Runs `body` on a fresh thread (so the test runner's own name is never changed) and returns
// the name that thread reports afterwards.
template <class Body>
std::string nameAfter(Body body) {
  std::string seen;
  std::thread([&] {
    body();
    seen = thisThreadName();
  }).join();
  return seen;
}

TEST(ThreadName, TheCallingThreadReportsTheNameItWasGiven) {
  EXPECT_EQ(nameAfter([] { nameThisThread("desk-writer"); }), "desk-writer");
}

TEST(ThreadName, OnlyTheCallingThreadIsRenamed) {
  const std::string before = thisThreadName();
  EXPECT_EQ(nameAfter([] { nameThisThread("desk-http"); }), "desk-http");
  EXPECT_EQ(thisThreadName(), before);
}

TEST(ThreadName, ALongNameIsCutToWhatLinuxKeeps) {
  // Linux refuses a name of 16 bytes or more outright; cut, it still names the thread.
  EXPECT_EQ(nameAfter([] { nameThisThread("desk-checkpointer-thread"); }), "desk-checkpoint");
}

}  // namespace
}  // namespace civicdesk::util
