// SmtpSender against a real SMTP server on loopback (aiosmtpd, SmtpTestServer): plain
// delivery, STARTTLS and implicit TLS with AUTH verified against a test CA, and which
// failures the outbox should retry (PROTOCOLS.md §4.4).
#include "channels/email/SmtpSender.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <optional>
#include <regex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "channels/Signature.hpp"
#include "tests/support/SmtpTestServer.hpp"
#include "tests/support/TempDir.hpp"

namespace civicdesk::channels {
namespace {

using civicdesk::testing::ReceivedMail;
using civicdesk::testing::SmtpTestOptions;
using civicdesk::testing::SmtpTestServer;
using civicdesk::testing::TempDir;
using civicdesk::testing::TestCertificate;
using Tls = SmtpTestOptions::Tls;

constexpr const char* kFrom = "xinxi@desk.example";
constexpr const char* kSmtpCitizen = "zhang.san@example.cn";
constexpr const char* kUser = "xinxi@desk.example";
constexpr const char* kPassword = "s3cret-Auth-Code";

Reply caseReply(std::string text = "您反映的路灯问题已受理，案件编号 TS-2026-000123。") {
  Reply r;
  r.text = std::move(text);
  r.subject = "关于路灯损坏的投诉";
  r.messageId = "case-TS-2026-000123.1772517909000.0a1b2c3d4e5f6789@desk.example";
  r.inReplyTo = "CAF3x9@mail.example.cn";
  r.references = {"CAF3x9@mail.example.cn"};
  return r;
}

// The unfolded value of a header in a received message; empty when it has none.
std::string receivedHeader(const std::string& received, const std::string& name) {
  const std::string data = "\r\n" + received;  // so the first header is found like the rest
  const std::size_t end = data.find("\r\n\r\n");
  const std::size_t at = data.find("\r\n" + name + ": ");
  if (at == std::string::npos || at >= end) return "";
  std::string value;
  std::size_t from = at + 2 + name.size() + 2;
  while (true) {
    const std::size_t eol = data.find("\r\n", from);
    value += data.substr(from, eol - from);
    if (data[eol + 2] != ' ' && data[eol + 2] != '\t') break;  // no continuation line
    from = eol + 2;
  }
  return value;
}

std::string decodedBody(const std::string& data) {
  std::string joined;
  for (const char c : data.substr(data.find("\r\n\r\n") + 4)) {
    if (c != '\r' && c != '\n') joined += c;
  }
  std::string decoded;
  EXPECT_TRUE(base64Decode(joined, decoded)) << joined;
  return decoded;
}

class SmtpSenderTest : public ::testing::Test {
 protected:
  // Certificates are made once for the suite: the server's, and an unrelated one that plays
  // a wrong CA.
  static void SetUpTestSuite() {
    certDir_ = std::make_unique<TempDir>();
    serverCert_ = SmtpTestServer::makeCertificate(certDir_->path(), "server");
    otherCert_ = SmtpTestServer::makeCertificate(certDir_->path(), "other");
  }
  static void TearDownTestSuite() { certDir_.reset(); }

  static SmtpConfig plainConfig(const SmtpTestServer& server) {
    SmtpConfig config;
    config.url = server.url();
    config.fromAddress = kFrom;
    config.fromName = "青溪区政务公开办";
    config.requireTls = false;
    config.timeoutSeconds = 5;
    return config;
  }
  static SmtpConfig tlsConfig(const SmtpTestServer& server) {
    SmtpConfig config = plainConfig(server);
    config.requireTls = true;
    config.caFile = serverCert_.certFile;
    config.username = kUser;
    config.password = kPassword;
    return config;
  }
  static SmtpTestOptions tlsOptions(Tls tls) {
    SmtpTestOptions options;
    options.tls = tls;
    options.certificate = serverCert_;
    options.authUser = kUser;
    options.authPassword = kPassword;
    return options;
  }

  // Every error passes through here: the password must never be in it.
  static SendError failure(SmtpSender& sender, const std::string& to, const Reply& r) {
    auto sent = sender.send(to, r);
    EXPECT_FALSE(sent.has_value()) << (sent.has_value() ? *sent : "");
    if (sent.has_value()) return {};
    EXPECT_EQ(sent.error().message.find(kPassword), std::string::npos) << sent.error().message;
    EXPECT_EQ(sent.error().code.find(kPassword), std::string::npos);
    return sent.error();
  }

  static inline std::unique_ptr<TempDir> certDir_;
  static inline TestCertificate serverCert_;
  static inline TestCertificate otherCert_;
};

TEST_F(SmtpSenderTest, PlainDeliveryArrivesWithEnvelopeAndHeaders) {
  SmtpTestServer server;
  SmtpSender sender(plainConfig(server));
  EXPECT_EQ(sender.name(), "email");
  const Reply r = caseReply();
  auto sent = sender.send(kSmtpCitizen, r);
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  EXPECT_EQ(*sent, r.messageId);

  ASSERT_TRUE(server.waitForMessages(1));
  const ReceivedMail mail = server.messages().at(0);
  EXPECT_EQ(mail.envelopeFrom, kFrom);
  EXPECT_EQ(mail.recipients, std::vector<std::string>{kSmtpCitizen});
  EXPECT_FALSE(mail.tls);
  EXPECT_EQ(mail.authUser, "");
  EXPECT_EQ(receivedHeader(mail.data, "From"),
            "=?UTF-8?B?6Z2S5rqq5Yy65pS/5Yqh5YWs5byA5Yqe?= <" + std::string(kFrom) + ">");
  EXPECT_EQ(receivedHeader(mail.data, "To"), kSmtpCitizen);
  EXPECT_EQ(receivedHeader(mail.data, "Subject"),
            "=?UTF-8?B?5YWz5LqO6Lev54Gv5o2f5Z2P55qE5oqV6K+J?=");
  EXPECT_EQ(receivedHeader(mail.data, "Message-ID"), "<" + r.messageId + ">");
  EXPECT_EQ(receivedHeader(mail.data, "In-Reply-To"), "<CAF3x9@mail.example.cn>");
  EXPECT_EQ(receivedHeader(mail.data, "References"), "<CAF3x9@mail.example.cn>");
  EXPECT_TRUE(std::regex_match(
      receivedHeader(mail.data, "Date"),
      std::regex(R"([A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d \+0800)")))
      << receivedHeader(mail.data, "Date");
  EXPECT_EQ(decodedBody(mail.data), r.text);
}

TEST_F(SmtpSenderTest, GeneratesAMessageIdWhenTheReplyHasNone) {
  SmtpTestServer server;
  SmtpSender sender(plainConfig(server));
  Reply r = caseReply();
  r.messageId.clear();
  auto sent = sender.send(kSmtpCitizen, r);
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  EXPECT_TRUE(std::regex_match(*sent, std::regex(R"(msg\.\d+\.[0-9a-f]{16}@desk\.example)")))
      << *sent;
  ASSERT_TRUE(server.waitForMessages(1));
  EXPECT_EQ(receivedHeader(server.messages().at(0).data, "Message-ID"), "<" + *sent + ">");
}

TEST_F(SmtpSenderTest, ASendOfTheSameOutboxRowAgainKeepsItsMessageId) {
  // After a crash between the server's 250 and the outbox's record of it, the row is sent
  // again: with the same Message-ID, which mail stores dedupe on.
  SmtpTestServer server;
  SmtpSender sender(plainConfig(server));
  Reply r = caseReply();
  r.messageId.clear();
  r.idempotencyKey = "staff:TS-2026-000001:staff.task.new:email";
  auto first = sender.send(kSmtpCitizen, r);
  auto again = sender.send(kSmtpCitizen, r);
  ASSERT_TRUE(first.has_value() && again.has_value());
  EXPECT_EQ(*first, *again);
  EXPECT_TRUE(std::regex_match(*first, std::regex(R"(msg\.[0-9a-f]{32}@desk\.example)"))) << *first;
  r.idempotencyKey = "another row";
  EXPECT_NE(*sender.send(kSmtpCitizen, r), *first);
}

TEST_F(SmtpSenderTest, StartTlsWithAuthArrives) {
  SmtpTestServer server(tlsOptions(Tls::starttls));
  SmtpSender sender(tlsConfig(server));
  auto sent = sender.send(kSmtpCitizen, caseReply());
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  ASSERT_TRUE(server.waitForMessages(1));
  const ReceivedMail mail = server.messages().at(0);
  EXPECT_TRUE(mail.tls);
  EXPECT_EQ(mail.authUser, kUser);
  EXPECT_EQ(mail.recipients, std::vector<std::string>{kSmtpCitizen});
  EXPECT_EQ(decodedBody(mail.data), caseReply().text);
}

TEST_F(SmtpSenderTest, ImplicitTlsWithAuthArrives) {
  SmtpTestServer server(tlsOptions(Tls::implicit));
  ASSERT_EQ(server.url().rfind("smtps://", 0), 0u);
  SmtpConfig config = tlsConfig(server);
  // Under smtps:// the whole connection is TLS; requireTls only concerns STARTTLS.
  config.requireTls = false;
  SmtpSender sender(config);
  auto sent = sender.send(kSmtpCitizen, caseReply());
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  ASSERT_TRUE(server.waitForMessages(1));
  EXPECT_TRUE(server.messages().at(0).tls);
  EXPECT_EQ(server.messages().at(0).authUser, kUser);
}

TEST_F(SmtpSenderTest, WrongCaIsAPermanentTlsError) {
  SmtpTestServer server(tlsOptions(Tls::starttls));
  SmtpConfig config = tlsConfig(server);
  config.caFile = otherCert_.certFile;
  SmtpSender sender(config);
  const SendError error = failure(sender, kSmtpCitizen, caseReply());
  EXPECT_FALSE(error.retryable);
  EXPECT_EQ(error.code, "tls");
  EXPECT_NE(error.message.find("configuration"), std::string::npos) << error.message;
  EXPECT_NE(error.message.find("certificate"), std::string::npos) << error.message;
  EXPECT_TRUE(server.messages().empty());
}

TEST_F(SmtpSenderTest, WrongCaUnderImplicitTlsIsAPermanentTlsError) {
  SmtpTestServer server(tlsOptions(Tls::implicit));
  SmtpConfig config = tlsConfig(server);
  config.caFile = otherCert_.certFile;
  SmtpSender sender(config);
  const SendError error = failure(sender, kSmtpCitizen, caseReply());
  EXPECT_FALSE(error.retryable);
  EXPECT_EQ(error.code, "tls");
}

TEST_F(SmtpSenderTest, RequiredStartTlsThatTheServerLacksIsAPermanentTlsError) {
  SmtpTestServer server;  // no STARTTLS on offer
  SmtpConfig config = plainConfig(server);
  config.requireTls = true;
  SmtpSender sender(config);
  const SendError error = failure(sender, kSmtpCitizen, caseReply());
  EXPECT_FALSE(error.retryable);
  EXPECT_EQ(error.code, "tls");
  EXPECT_TRUE(server.messages().empty());
}

TEST_F(SmtpSenderTest, WrongPasswordIsNotRetryable) {
  SmtpTestServer server(tlsOptions(Tls::starttls));
  SmtpConfig config = tlsConfig(server);
  config.password = "wrong-password-123";
  SmtpSender sender(config);
  const SendError error = failure(sender, kSmtpCitizen, caseReply());
  EXPECT_FALSE(error.retryable);
  EXPECT_EQ(error.code, "smtp-535");
  EXPECT_EQ(error.message.find("wrong-password-123"), std::string::npos) << error.message;
  EXPECT_TRUE(server.messages().empty());
}

TEST_F(SmtpSenderTest, UnknownMailboxIsNotRetryable) {
  SmtpTestOptions options;
  options.rejectRecipients = {"nobody@example.cn"};
  SmtpTestServer server(options);
  SmtpSender sender(plainConfig(server));
  const SendError error = failure(sender, "nobody@example.cn", caseReply());
  EXPECT_FALSE(error.retryable);
  EXPECT_EQ(error.code, "smtp-550");
  EXPECT_NE(error.message.find("550"), std::string::npos) << error.message;
  EXPECT_TRUE(server.messages().empty());
}

TEST_F(SmtpSenderTest, TemporaryFailureIsRetryableAndTheRetryArrives) {
  SmtpTestOptions options;
  options.tempfailFirst = 1;
  SmtpTestServer server(options);
  SmtpSender sender(plainConfig(server));
  const SendError error = failure(sender, kSmtpCitizen, caseReply());
  EXPECT_TRUE(error.retryable);
  EXPECT_EQ(error.code, "smtp-451");
  EXPECT_TRUE(server.messages().empty());

  auto retried = sender.send(kSmtpCitizen, caseReply());
  ASSERT_TRUE(retried.has_value()) << retried.error().message;
  EXPECT_TRUE(server.waitForMessages(1));
}

TEST_F(SmtpSenderTest, LinesStartingWithADotSurvive) {
  SmtpTestServer server;
  SmtpSender sender(plainConfig(server));
  // In a reply: base64 never starts a line with ".", and the text comes back whole.
  const std::string text = ".\n..\n.hidden\n结束\n.";
  auto sent = sender.send(kSmtpCitizen, caseReply(text));
  ASSERT_TRUE(sent.has_value()) << sent.error().message;

  // Raw bytes through deliver(): only libcurl's dot-stuffing keeps the lone "." line from
  // ending DATA early, and the leading dots from being eaten by the server.
  const std::string raw =
      "From: xinxi@desk.example\r\nTo: zhang.san@example.cn\r\nSubject: dots\r\n\r\n"
      "first\r\n.\r\n..two\r\n.three\r\nlast\r\n";
  EXPECT_EQ(sender.deliver(kSmtpCitizen, raw), std::nullopt);

  ASSERT_TRUE(server.waitForMessages(2));
  const std::vector<ReceivedMail> mails = server.messages();
  EXPECT_EQ(decodedBody(mails.at(0).data), ".\r\n..\r\n.hidden\r\n结束\r\n.");
  EXPECT_EQ(mails.at(1).data, raw);
}

TEST_F(SmtpSenderTest, ServerDownIsRetryable) {
  std::string url;
  {
    SmtpTestServer server;  // gives a port nobody listens on once it is gone
    url = server.url();
  }
  SmtpConfig config;
  config.url = url;
  config.fromAddress = kFrom;
  config.requireTls = false;
  SmtpSender sender(config);
  const SendError error = failure(sender, kSmtpCitizen, caseReply());
  EXPECT_TRUE(error.retryable);
  EXPECT_EQ(error.code, "network");
}

TEST_F(SmtpSenderTest, SilentServerTimesOutRetryably) {
  // Listens, but never accepts: the kernel completes the handshake and no greeting comes.
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(listener, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(listen(listener, 4), 0);
  socklen_t length = sizeof address;
  ASSERT_EQ(getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length), 0);

  SmtpConfig config;
  config.url = "smtp://127.0.0.1:" + std::to_string(ntohs(address.sin_port));
  config.fromAddress = kFrom;
  config.requireTls = false;
  config.timeoutSeconds = 1;
  SmtpSender sender(config);
  const SendError error = failure(sender, kSmtpCitizen, caseReply());
  close(listener);
  EXPECT_TRUE(error.retryable);
  EXPECT_EQ(error.code, "network");
}

TEST_F(SmtpSenderTest, RefusesWhatCannotBeWritten) {
  SmtpTestServer server;
  SmtpSender sender(plainConfig(server));
  EXPECT_EQ(failure(sender, "not-an-address", caseReply()).code, "bad-recipient");
  EXPECT_EQ(failure(sender, "a@b.cn\r\nRCPT TO:<x@y.cn>", caseReply()).code, "bad-recipient");
  Reply injected = caseReply();
  injected.subject = "路灯\r\nBcc: everyone@example.cn";
  const SendError error = failure(sender, kSmtpCitizen, injected);
  EXPECT_FALSE(error.retryable);
  EXPECT_EQ(error.code, "bad-header");
  EXPECT_EQ(failure(sender, kSmtpCitizen, caseReply("")).code, "empty-text");
  EXPECT_FALSE(sender.deliver("a@b.cn\r\nDATA", "x\r\n")->retryable);
  EXPECT_TRUE(server.messages().empty());
}

TEST_F(SmtpSenderTest, ConcurrentSendsAllArrive) {
  SmtpTestServer server;
  SmtpSender sender(plainConfig(server));
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2; ++i) {
        Reply r = caseReply("第 " + std::to_string(t) + "." + std::to_string(i) + " 封");
        r.messageId.clear();
        if (!sender.send(kSmtpCitizen, r).has_value()) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_TRUE(server.waitForMessages(8));
}

TEST_F(SmtpSenderTest, ConstructorValidatesTheConfiguration) {
  const auto rejects = [](SmtpConfig config, const std::string& setting) {
    try {
      SmtpSender sender(std::move(config));
      ADD_FAILURE() << "accepted a bad " << setting;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(setting), std::string::npos) << e.what();
      EXPECT_EQ(std::string(e.what()).find(kPassword), std::string::npos) << e.what();
    }
  };
  SmtpConfig good;
  good.url = "smtp://smtp.example.cn:587";
  good.fromAddress = kFrom;
  good.username = kUser;
  good.password = kPassword;
  EXPECT_NO_THROW(SmtpSender{good});

  SmtpConfig c = good;
  c.url = "https://smtp.example.cn";
  rejects(c, "url");
  c.url = "smtp.example.cn:587";
  rejects(c, "url");
  c.url = "smtp://" + std::string(kUser) + ":" + kPassword + "@smtp.example.cn:587";
  rejects(c, "url");
  c = good;
  c.fromAddress = "desk";
  rejects(c, "fromAddress");
  c = good;
  c.fromName = "Desk\r\nBcc: x@y.cn";
  rejects(c, "fromName");
  c = good;
  c.requireTls = false;  // AUTH would go in plaintext
  rejects(c, "username/password");
  c.username.clear();
  rejects(c, "password");
  c.password.clear();
  EXPECT_NO_THROW(SmtpSender{c});  // a plaintext relay without AUTH
  c = good;
  c.url = "smtps://smtp.example.cn:465";
  c.requireTls = false;  // implicit TLS: AUTH is inside TLS anyway
  EXPECT_NO_THROW(SmtpSender{c});
  c = good;
  c.caFile = "/nonexistent/ca.pem";
  rejects(c, "caFile");
  c = good;
  c.timeoutSeconds = 0;
  rejects(c, "timeoutSeconds");
}

}  // namespace
}  // namespace civicdesk::channels
