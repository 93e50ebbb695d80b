#pragma once
// A real SMTP server on 127.0.0.1 (ephemeral port) for tests of outbound email: aiosmtpd,
// run as a child process (tests/support/smtp_server.py under /usr/bin/python3, which has
// Debian's python3-aiosmtpd; a pyenv python on PATH usually does not). It speaks the real
// protocol, STARTTLS and AUTH included, so libcurl is tested against a server it did not
// write, and it records every accepted message as a file in a folder of its own.
//
// RAII: the constructor returns once the server listens (or throws std::runtime_error); the
// destructor kills and reaps it. The child also exits by itself when this process dies,
// since it watches a pipe from us on its stdin.
#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/TempDir.hpp"

namespace civicdesk::testing {

// A self-signed certificate for 127.0.0.1 and localhost, valid for a day; what the server
// presents, and the CA file the client trusts.
struct TestCertificate {
  std::string certFile;  // PEM
  std::string keyFile;   // PEM, unencrypted
};

struct SmtpTestOptions {
  enum class Tls { none, starttls, implicit };
  Tls tls = Tls::none;          // starttls: STARTTLS required before anything else
  TestCertificate certificate;  // required unless tls is none
  std::string authUser;         // non-empty: AUTH PLAIN/LOGIN required (over TLS)
  std::string authPassword;
  std::vector<std::string> rejectRecipients;  // RCPT TO these → 550
  int tempfailFirst = 0;                      // the first N messages → 451 at end of DATA
};

// One accepted message, as the server received it.
struct ReceivedMail {
  std::string envelopeFrom;             // MAIL FROM, without <>
  std::vector<std::string> recipients;  // RCPT TO, without <>
  bool tls = false;                     // the session was encrypted
  std::string authUser;                 // who authenticated; empty: nobody
  std::string data;                     // DATA as sent, dot-stuffing undone; CRLF line ends
};

class SmtpTestServer {
 public:
  explicit SmtpTestServer(SmtpTestOptions options = {});
  ~SmtpTestServer();
  SmtpTestServer(const SmtpTestServer&) = delete;
  SmtpTestServer& operator=(const SmtpTestServer&) = delete;

  int port() const { return port_; }
  // "smtp://127.0.0.1:PORT", or "smtps://..." under implicit TLS.
  std::string url() const;

  // Accepted messages, in arrival order.
  std::vector<ReceivedMail> messages() const;
  // Blocks until at least `count` messages were accepted or `timeout` passes; true if they
  // were.
  bool waitForMessages(std::size_t count,
                       std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;

  // Makes a new key and self-signed certificate in `dir` (runs the openssl command; an EC key,
  // which takes milliseconds where RSA takes a noticeable while). Throws std::runtime_error.
  static TestCertificate makeCertificate(const std::filesystem::path& dir,
                                         const std::string& name = "server");

 private:
  SmtpTestOptions options_;
  TempDir spool_;  // where the server writes messages
  pid_t pid_ = -1;
  int stdinPipe_ = -1;  // our end of the child's stdin: closing it tells the child to exit
  int port_ = 0;
};

}  // namespace civicdesk::testing
