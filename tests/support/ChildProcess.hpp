#pragma once
// A child process for tests that run a real binary (crash tests, the CLI): spawned with
// posix_spawn, its stdout and stderr appended to one file, and never left behind: the
// destructor kills it with SIGKILL and reaps it if it is still running.
#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace civicdesk::testing {

class ChildProcess {
 public:
  // Runs argv[0] (a path) with `argv`. The environment is the test's own, minus every
  // CIVICDESK_* variable (a developer's shell must not change what the test runs), plus `env`.
  // stdout and stderr go to `outputFile` (created or truncated). Throws std::runtime_error
  // when the process cannot be started.
  ChildProcess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
               std::string outputFile);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  // False once the process was reaped (waitExit saw it end, or kill() reaped it).
  bool running() const { return !reaped_; }

  // SIGKILL, then waits for it (no zombie). Nothing happens when it was already reaped.
  void kill();
  // Sends `signal` without waiting (e.g. SIGTERM, followed by waitExit).
  void signal(int signal) const;
  // The exit code (128 + signal when a signal ended it), or nullopt when the process is
  // still running after `timeout`.
  std::optional<int> waitExit(std::chrono::milliseconds timeout);

  // Everything the process wrote so far.
  std::string output() const;
  // Polls the output until `pattern` matches; returns the first capture group (or the whole
  // match). nullopt when `timeout` passes or the process ends first.
  std::optional<std::string> waitForOutput(const std::regex& pattern,
                                           std::chrono::milliseconds timeout);

 private:
  std::string outputFile_;
  pid_t pid_ = -1;
  bool reaped_ = false;
  int exitCode_ = -1;
};

}  // namespace civicdesk::testing
