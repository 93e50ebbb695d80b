// An operator looking at a busy server (`top -H`, `ps -L`, perf, the load bench's CPU table)
// sees which of CivicDesk's threads does the work, and a stopped service leaves none behind.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/bot/ServiceHarness.hpp"
#include "tests/bot/WeChatTestClient.hpp"

namespace civicdesk::testing {
namespace {

// The names of this process's threads that start with "desk-", as the kernel reports them.
std::vector<std::string> deskThreads() {
  std::vector<std::string> names;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    std::ifstream comm(task.path() / "comm");
    std::string name;
    if (std::getline(comm, name) && name.rfind("desk-", 0) == 0) names.push_back(name);
  }
  return names;
}

TEST(ServiceThreads, EachWorkerThreadCarriesTheNameOfItsJob) {
  ServiceHarness harness;
  harness.start();
  WeChatTestClient client(harness.port(), kTestToken, kTestAppId);
  ASSERT_EQ(client.sendText("oCitizenThreads", "你好", 9101).status, 200);

  const auto names = deskThreads();
  for (const char* job : {"desk-writer", "desk-checkpoint", "desk-http", "desk-loop",
                          "desk-outbox", "desk-timers"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), job), names.end()) << job;
  }
  harness.stop();
  EXPECT_EQ(deskThreads(), std::vector<std::string>{}) << "threads left running after stop()";
}

}  // namespace
}  // namespace civicdesk::testing
