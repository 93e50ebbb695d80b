// The command line as a newcomer uses it: `civicdesk serve` as a real process (signals, exit
// codes, the address it prints) and `civicdesk chat` through the same dialogs and store.
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <map>
#include <regex>
#include <sstream>

#include <httplib.h>

#include "bot/Cli.hpp"
#include "tests/bot/ComplaintFlow.hpp"
#include "tests/support/ChildProcess.hpp"
#include "tests/support/TempDir.hpp"

extern char** environ;

namespace civicdesk::testing {
namespace {

// `civicdesk serve` as an operator starts it: the real binary, its output in a file.
ChildProcess serveProcess(const TempDir& dir, const std::string& listen) {
  return ChildProcess({CIVICDESK_BINARY, "serve"},
                      {{"CIVICDESK_LISTEN", listen}, {"CIVICDESK_DATA_DIR", dir.path().string()}},
                      dir.file("serve.out"));
}

TEST(CliServe, PrintsWhereToTalkToItAndStopsCleanlyOnSigterm) {
  TempDir dir;
  ChildProcess serve = serveProcess(dir, "127.0.0.1:0");
  ASSERT_GT(serve.pid(), 0);
  const auto port = serve.waitForOutput(std::regex(R"(serving on http://127\.0\.0\.1:(\d+))"),
                                        std::chrono::seconds(20));
  ASSERT_TRUE(port) << serve.output();
  httplib::Client http("127.0.0.1", std::stoi(*port));
  auto res = http.Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  ASSERT_EQ(::kill(serve.pid(), SIGTERM), 0);
  EXPECT_EQ(serve.waitExit(std::chrono::seconds(10)), 0) << serve.output();
  EXPECT_NE(serve.output().find("service.stopped"), std::string::npos);
  // Secrets are never logged: the demo token must not appear anywhere in the output.
  EXPECT_EQ(serve.output().find("civicdesk-demo-token"), std::string::npos);
}

// The server runs on the malloc the benchmarks measured (jemalloc, unless built without it or
// with the sanitizers, which bring their own), and says so when it is ready.
TEST(CliServe, LogsTheAllocatorItWasBuiltWith) {
  TempDir dir;
  ChildProcess serve = serveProcess(dir, "127.0.0.1:0");
  ASSERT_GT(serve.pid(), 0);
  const std::regex readyLine(R"re(service\.ready .*allocator="([^"]+)")re");
  const auto allocator = serve.waitForOutput(readyLine, std::chrono::seconds(20));
  ASSERT_TRUE(allocator) << serve.output();
  const std::string expected = CIVICDESK_BINARY_ALLOCATOR;
  const std::regex named(expected == "jemalloc" ? R"(jemalloc \d+\.\d+.*)" : "system malloc");
  EXPECT_TRUE(std::regex_match(*allocator, named)) << *allocator << " is not " << expected;
  ASSERT_EQ(::kill(serve.pid(), SIGTERM), 0);
  EXPECT_EQ(serve.waitExit(std::chrono::seconds(10)), 0) << serve.output();
}

TEST(CliServe, ATakenPortIsAClearErrorNotASilentSecondServer) {
  httplib::Server occupant;
  const int port = occupant.bind_to_any_port("127.0.0.1");
  TempDir dir;
  ChildProcess serve = serveProcess(dir, "127.0.0.1:" + std::to_string(port));
  EXPECT_EQ(serve.waitExit(std::chrono::seconds(20)), 1);
  EXPECT_NE(serve.output().find("cannot listen"), std::string::npos) << serve.output();
}

struct CliRun {
  int code;
  std::string out;
  std::string err;
};

CliRun runCliWith(const std::vector<std::string>& args, const std::string& input,
                  const std::map<std::string, std::string>& env) {
  std::istringstream in(input);
  std::ostringstream out, err;
  auto lookup = [&env](const std::string& name) -> std::optional<std::string> {
    auto it = env.find(name);
    if (it == env.end()) return std::nullopt;
    return it->second;
  };
  int code = bot::runCli(args, {in, out, err}, lookup);
  return {code, out.str(), err.str()};
}

TEST(CliChat, FilesAComplaintInTheTerminal) {
  TempDir dir;
  std::string input;
  for (const auto& line : complaintInputs()) input += line + "\n";
  auto run =
      runCliWith({"chat", "--as", "tester"}, input, {{"CIVICDESK_DATA_DIR", dir.path().string()}});
  EXPECT_EQ(run.code, 0) << run.err;
  EXPECT_TRUE(std::regex_search(run.out, std::regex(R"(TS-\d{4}-000001)"))) << run.out;
}

TEST(CliChat, ConversationStateSurvivesBetweenSessions) {
  TempDir dir;
  const auto& inputs = complaintInputs();
  std::string first, second;
  for (std::size_t i = 0; i < inputs.size(); ++i) (i < 5 ? first : second) += inputs[i] + "\n";
  std::map<std::string, std::string> env{{"CIVICDESK_DATA_DIR", dir.path().string()}};
  ASSERT_EQ(runCliWith({"chat", "--as", "tester"}, first, env).code, 0);
  auto run = runCliWith({"chat", "--as", "tester"}, second, env);
  EXPECT_TRUE(std::regex_search(run.out, std::regex(R"(TS-\d{4}-000001)"))) << run.out;
}

TEST(CliDue, PrintsTheDueDateAndWhichHolidaysAndMakeUpDaysMovedIt) {
  auto run = runCliWith({"due", "2024-09-27", "5wd"}, "", {});
  EXPECT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(run.out.substr(0, 11), "2024-10-10\n") << run.out;
  EXPECT_NE(run.out.find("09-29（周日，国庆节调休上班）"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("10-01至10-07（国庆节放假）"), std::string::npos) << run.out;
  auto days = runCliWith({"due", "2024-09-16", "15d"}, "", {});
  EXPECT_EQ(days.out.substr(0, 11), "2024-10-08\n") << days.out;
}

TEST(CliDue, AYearWithoutOfficialDataIsMarkedProvisional) {
  auto run = runCliWith({"due", "2026-12-20", "10wd"}, "", {});
  EXPECT_EQ(run.code, 0) << run.err;
  EXPECT_NE(run.out.find("【暂定】2027"), std::string::npos) << run.out;
}

TEST(CliDue, DatesBeforeTheCalendarAndBadArgumentsAreErrorsNotGuesses) {
  auto early = runCliWith({"due", "2017-06-01", "5wd"}, "", {});
  EXPECT_EQ(early.code, 1);
  EXPECT_NE(early.err.find("2018-01-01"), std::string::npos) << early.err;
  EXPECT_TRUE(early.out.empty());
  EXPECT_EQ(runCliWith({"due", "2024-13-01", "5wd"}, "", {}).code, 2);
  EXPECT_EQ(runCliWith({"due", "2024-09-27", "5 weeks"}, "", {}).code, 2);
  EXPECT_EQ(runCliWith({"due", "2024-09-27"}, "", {}).code, 2);
}

TEST(CliServe, ASimulatedClockNeedsAnAdminTokenAndAReadableStart) {
  TempDir dir;
  std::map<std::string, std::string> env{{"CIVICDESK_DATA_DIR", dir.path().string()},
                                         {"CIVICDESK_LISTEN", "127.0.0.1:0"}};
  auto noToken = runCliWith({"serve", "--simulated-clock", "2026-11-27T09:00"}, "", env);
  EXPECT_EQ(noToken.code, 1);
  EXPECT_NE(noToken.err.find("CIVICDESK_ADMIN_TOKEN"), std::string::npos) << noToken.err;
  env["CIVICDESK_ADMIN_TOKEN"] = "t";
  auto badStart = runCliWith({"serve", "--simulated-clock", "next tuesday"}, "", env);
  EXPECT_EQ(badStart.code, 2);
  EXPECT_NE(badStart.err.find("--simulated-clock"), std::string::npos) << badStart.err;
}

TEST(CliStaff, IssuesATokenOnceAndListsMembersWithoutIt) {
  TempDir dir;
  std::map<std::string, std::string> env{{"CIVICDESK_DATA_DIR", dir.path().string()}};
  auto added = runCliWith(
      {"staff", "add", "--name", "李四", "--role", "handler", "--unit", "office"}, "", env);
  ASSERT_EQ(added.code, 0) << added.err;
  std::smatch token;
  ASSERT_TRUE(std::regex_search(added.out, token, std::regex(R"(cds_[0-9a-f]{64})"))) << added.out;
  auto listed = runCliWith({"staff", "list"}, "", env);
  EXPECT_NE(listed.out.find("handler\toffice\t李四"), std::string::npos) << listed.out;
  EXPECT_EQ(listed.out.find(token.str()), std::string::npos);  // stored hashed, never shown again
  EXPECT_EQ(
      runCliWith({"staff", "add", "--name", "x", "--role", "king", "--unit", "office"}, "", env)
          .code,
      2);
  EXPECT_EQ(
      runCliWith({"staff", "add", "--name", "x", "--role", "handler", "--unit", "nowhere"}, "", env)
          .code,
      2);
}

TEST(CliErrors, UnknownCommandAndBadSettingsExplainThemselves) {
  auto unknown = runCliWith({"fly"}, "", {});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.err.find("unknown command"), std::string::npos);
  auto badListen = runCliWith({"serve"}, "", {{"CIVICDESK_LISTEN", "nonsense"}});
  EXPECT_EQ(badListen.code, 1);
  EXPECT_NE(badListen.err.find("CIVICDESK_LISTEN"), std::string::npos);
  auto missing = runCliWith({"serve", "--config", "/nonexistent.json"}, "", {});
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("/nonexistent.json"), std::string::npos);
}

}  // namespace
}  // namespace civicdesk::testing
