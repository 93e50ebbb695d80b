#include "tests/support/SmtpTestServer.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <utility>

extern char** environ;

namespace civicdesk::testing {

namespace {

// The system python: Debian's python3-aiosmtpd is installed for it (scripts/setup), while a
// python3 found on PATH may be a pyenv build without it.
constexpr const char* kPython = "/usr/bin/python3";
constexpr const char* kOpenssl = "/usr/bin/openssl";
constexpr const char* kScript = CIVICDESK_SOURCE_DIR "/tests/support/smtp_server.py";

// Python with asyncio and aiosmtpd starts in well under a second; this bounds a broken setup.
constexpr std::chrono::seconds kStartTimeout{15};

std::runtime_error systemError(const std::string& what) {
  return std::runtime_error("SmtpTestServer: " + what + ": " + std::strerror(errno));
}

class FileActions {
 public:
  FileActions() { posix_spawn_file_actions_init(&actions_); }
  ~FileActions() { posix_spawn_file_actions_destroy(&actions_); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
  posix_spawn_file_actions_t* get() { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_{};
};

pid_t spawn(const std::vector<std::string>& args, FileActions& actions) {
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  if (const int rc = posix_spawn(&pid, argv[0], actions.get(), nullptr, argv.data(), environ);
      rc != 0) {
    errno = rc;
    throw systemError("cannot start " + args[0]);
  }
  return pid;
}

int waitExit(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw systemError("waitpid");
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// "from: a@b\nrcpt: c@d\ntls: 1\n\n<data>" as smtp_server.py writes it.
ReceivedMail parseMessageFile(const std::string& text) {
  ReceivedMail mail;
  const std::size_t end = text.find("\n\n");
  if (end == std::string::npos) throw std::runtime_error("SmtpTestServer: malformed spool file");
  std::istringstream head(text.substr(0, end));
  for (std::string line; std::getline(head, line);) {
    const std::size_t colon = line.find(": ");
    if (colon == std::string::npos) continue;
    const std::string key = line.substr(0, colon);
    std::string value = line.substr(colon + 2);
    if (key == "from") mail.envelopeFrom = std::move(value);
    if (key == "rcpt") mail.recipients.push_back(std::move(value));
    if (key == "tls") mail.tls = value == "1";
    if (key == "auth") mail.authUser = std::move(value);
  }
  mail.data = text.substr(end + 2);
  return mail;
}

}  // namespace

SmtpTestServer::SmtpTestServer(SmtpTestOptions options) : options_(std::move(options)) {
  std::vector<std::string> args = {kPython, kScript, spool_.path().string()};
  if (options_.tls != SmtpTestOptions::Tls::none) {
    if (options_.certificate.certFile.empty()) {
      throw std::invalid_argument("SmtpTestServer: TLS needs a certificate");
    }
    args.push_back(options_.tls == SmtpTestOptions::Tls::starttls ? "--starttls"
                                                                  : "--implicit-tls");
    args.push_back(options_.certificate.certFile);
    args.push_back(options_.certificate.keyFile);
  }
  if (!options_.authUser.empty()) {
    args.insert(args.end(), {"--auth", options_.authUser, options_.authPassword});
  }
  for (const std::string& address : options_.rejectRecipients) {
    args.insert(args.end(), {"--reject-rcpt", address});
  }
  if (options_.tempfailFirst > 0) {
    args.insert(args.end(), {"--tempfail-first", std::to_string(options_.tempfailFirst)});
  }

  // Close-on-exec, so other children this process starts do not inherit them (a stray copy
  // of the stdin write end would keep the server alive after we closed ours).
  int in[2];
  int out[2];
  if (pipe2(in, O_CLOEXEC) != 0) throw systemError("pipe");
  if (pipe2(out, O_CLOEXEC) != 0) {
    close(in[0]);
    close(in[1]);
    throw systemError("pipe");
  }
  FileActions actions;
  posix_spawn_file_actions_adddup2(actions.get(), in[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(actions.get(), out[1], STDOUT_FILENO);
  try {
    pid_ = spawn(args, actions);
  } catch (...) {
    for (const int fd : {in[0], in[1], out[0], out[1]}) close(fd);
    throw;
  }
  close(in[0]);
  close(out[1]);
  stdinPipe_ = in[1];

  // The script prints the port once it accepts connections: read up to that line.
  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while (line.find('\n') == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd readable{out[0], POLLIN, 0};
    const int ready = left.count() > 0 ? poll(&readable, 1, static_cast<int>(left.count())) : 0;
    if (ready < 0 && errno == EINTR) continue;
    char buffer[64];
    const ssize_t n = ready > 0 ? read(out[0], buffer, sizeof buffer) : 0;
    if (n <= 0) break;
    line.append(buffer, static_cast<std::size_t>(n));
  }
  close(out[0]);
  try {
    port_ = std::stoi(line);
  } catch (const std::exception&) {
    port_ = 0;
  }
  if (port_ <= 0) {
    kill(pid_, SIGKILL);
    const int status = waitExit(pid_);
    close(stdinPipe_);
    throw std::runtime_error("SmtpTestServer: " + std::string(kScript) +
                             " did not report a port (exit " + std::to_string(status) +
                             "); is python3-aiosmtpd installed for /usr/bin/python3?");
  }
}

SmtpTestServer::~SmtpTestServer() {
  // SIGKILL at once: the messages are already on disk, and nothing else needs saying.
  kill(pid_, SIGKILL);
  try {
    waitExit(pid_);
  } catch (const std::exception&) {
    // Nothing to do in a destructor; the child is gone or will be reaped by init.
  }
  close(stdinPipe_);
}

std::string SmtpTestServer::url() const {
  const char* scheme = options_.tls == SmtpTestOptions::Tls::implicit ? "smtps" : "smtp";
  return std::string(scheme) + "://127.0.0.1:" + std::to_string(port_);
}

std::vector<ReceivedMail> SmtpTestServer::messages() const {
  // Only complete files: the script writes NNNNNN.msg.tmp and renames it when done.
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(spool_.path())) {
    if (entry.path().extension() == ".msg") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<ReceivedMail> mails;
  mails.reserve(files.size());
  for (const auto& file : files) mails.push_back(parseMessageFile(readFile(file)));
  return mails;
}

bool SmtpTestServer::waitForMessages(std::size_t count, std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (messages().size() >= count) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

TestCertificate SmtpTestServer::makeCertificate(const std::filesystem::path& dir,
                                                const std::string& name) {
  TestCertificate made{(dir / (name + ".crt")).string(), (dir / (name + ".key")).string()};
  const std::string log = (dir / (name + ".openssl.log")).string();
  FileActions actions;
  posix_spawn_file_actions_addopen(actions.get(), STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(actions.get(), STDOUT_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(actions.get(), STDOUT_FILENO, STDERR_FILENO);
  const pid_t pid =
      spawn({kOpenssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
             "-nodes", "-keyout", made.keyFile, "-out", made.certFile, "-subj", "/CN=localhost",
             "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-days", "1"},
            actions);
  if (const int status = waitExit(pid); status != 0) {
    throw std::runtime_error("SmtpTestServer: openssl req failed (exit " + std::to_string(status) +
                             "): " + readFile(log));
  }
  return made;
}

}  // namespace civicdesk::testing
