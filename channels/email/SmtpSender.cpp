#include "channels/email/SmtpSender.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "channels/Signature.hpp"
#include "channels/email/MailComposer.hpp"

namespace civicdesk::channels {

namespace {

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
struct UrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
struct CurlStringDeleter {
  void operator()(char* text) const { curl_free(text); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;
using CurlList = std::unique_ptr<curl_slist, SlistDeleter>;
using CurlUrl = std::unique_ptr<CURLU, UrlDeleter>;
using CurlString = std::unique_ptr<char, CurlStringDeleter>;

// curl_global_init must run before any other libcurl call and, in libcurl before 7.84, not
// concurrently with anything else; a function-local static gives exactly one call, and C++
// guarantees other threads wait until it has finished. It is never undone
// (curl_global_cleanup): senders live as long as the process, and cleaning up while another
// thread still sends would break that send.
void initCurlOnce() {
  static const CURLcode initialized = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (initialized != CURLE_OK) {
    throw std::runtime_error(std::string("curl_global_init failed: ") +
                             curl_easy_strerror(initialized));
  }
}

std::optional<std::string> urlPart(CURLU* url, CURLUPart part) {
  char* raw = nullptr;
  if (curl_url_get(url, part, &raw, 0) != CURLUE_OK || raw == nullptr) return std::nullopt;
  const CurlString owned(raw);
  return std::string(owned.get());
}

// The parts of SMTP configuration checked before the first send; returns the URL to use.
std::string checkedUrl(const std::string& configured, const std::string& domain) {
  const CurlUrl url(curl_url());
  if (!url) throw std::bad_alloc();
  // CURLU_NON_SUPPORT_SCHEME: parse any scheme, so a wrong one gets our message below.
  if (curl_url_set(url.get(), CURLUPART_URL, configured.c_str(), CURLU_NON_SUPPORT_SCHEME) !=
      CURLUE_OK) {
    throw std::invalid_argument("url: not a URL (expected smtp://host:587 or smtps://host:465)");
  }
  const std::optional<std::string> scheme = urlPart(url.get(), CURLUPART_SCHEME);
  if (!scheme || (*scheme != "smtp" && *scheme != "smtps")) {
    throw std::invalid_argument("url: the scheme must be smtp:// (STARTTLS) or smtps:// (TLS)");
  }
  // Not echoed: the URL may be exactly where someone put the password.
  if (urlPart(url.get(), CURLUPART_USER) || urlPart(url.get(), CURLUPART_PASSWORD)) {
    throw std::invalid_argument("url: must not carry credentials; set username and password");
  }
  const std::optional<std::string> host = urlPart(url.get(), CURLUPART_HOST);
  if (!host || host->empty()) throw std::invalid_argument("url: no host");

  // libcurl says EHLO with the URL's path, or else with this machine's host name, which in a
  // container is a random string some servers frown upon. Our mail domain is what we are.
  const std::optional<std::string> path = urlPart(url.get(), CURLUPART_PATH);
  if (!path || *path == "" || *path == "/") {
    const std::string ehlo = "/" + domain;
    curl_url_set(url.get(), CURLUPART_PATH, ehlo.c_str(), 0);
  }
  std::optional<std::string> full = urlPart(url.get(), CURLUPART_URL);
  if (!full) throw std::invalid_argument("url: cannot be used");
  return *full;
}

bool isTlsFailure(CURLcode code) {
  switch (code) {
    case CURLE_SSL_CONNECT_ERROR:         // handshake failed: no TLS there, no common protocol
    case CURLE_PEER_FAILED_VERIFICATION:  // certificate not trusted, or not for this host
    case CURLE_SSL_CACERT_BADFILE:        // caFile unreadable or not PEM
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_USE_SSL_FAILED:  // the server offers no STARTTLS while we require it
      return true;
    default:
      return false;
  }
}

// What the transport failures the outbox may retry have in common: the server was not
// reached, or went away mid-dialogue. Someone can fix those, and the reply must wait meanwhile.
bool isNetworkFailure(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_PARTIAL_FILE:
      return true;
    default:
      return false;
  }
}

// The server's reply code when it gave one: RFC 5321 §4.2.1, 4yz is transient (greylisting,
// a full queue, 421 shutting down) and 5yz permanent (unknown mailbox, failed AUTH). The
// reply code decides before the curl code, which only says where the dialogue stopped.
SendError classify(CURLcode result, long replyCode, const std::string& where,
                   const std::string& detail) {
  const std::string curlPart =
      "(curl " + std::to_string(static_cast<int>(result)) + ": " + detail + ")";
  if (replyCode >= 400 && replyCode <= 599) {
    const std::string code = "smtp-" + std::to_string(replyCode);
    const bool transient = replyCode < 500;
    std::string message = where + ": server replied " + std::to_string(replyCode) + " " + curlPart;
    if (result == CURLE_LOGIN_DENIED && !transient) {
      message += "; username/password rejected (a configuration problem)";
    }
    return SendError{transient, code, message};
  }
  if (isTlsFailure(result)) {
    return SendError{false, "tls",
                     where + ": TLS failed " + curlPart +
                         "; a configuration problem (the server's certificate, SmtpConfig::caFile "
                         "or the url's host/port/scheme), so retrying will not help"};
  }
  if (result == CURLE_LOGIN_DENIED) {
    return SendError{false, "auth", where + ": login denied " + curlPart};
  }
  if (isNetworkFailure(result)) return SendError{true, "network", where + ": " + curlPart};
  return SendError{true, "curl-" + std::to_string(static_cast<int>(result)),
                   where + ": " + curlPart};
}

std::string redacted(std::string text, const std::string& secret) {
  if (secret.empty()) return text;
  for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
    text.replace(at, secret.size(), "***");
  }
  return text;
}

// The bytes of DATA, handed to libcurl as it asks for them.
struct Upload {
  std::string_view bytes;
  std::size_t sent = 0;
};

std::size_t readUpload(char* buffer, std::size_t size, std::size_t count, void* userdata) {
  auto* upload = static_cast<Upload*>(userdata);
  const std::size_t n = std::min(size * count, upload->bytes.size() - upload->sent);
  std::memcpy(buffer, upload->bytes.data() + upload->sent, n);
  upload->sent += n;
  return n;
}

}  // namespace

SmtpSender::SmtpSender(SmtpConfig config) : config_(std::move(config)) {
  initCurlOnce();
  if (!isValidMailAddress(config_.fromAddress)) {
    throw std::invalid_argument("fromAddress: not a valid email address");
  }
  domain_ = config_.fromAddress.substr(config_.fromAddress.rfind('@') + 1);
  if (config_.fromName.find_first_of("\r\n") != std::string::npos) {
    throw std::invalid_argument("fromName: contains a line break");
  }
  url_ = checkedUrl(config_.url, domain_);
  if (!config_.password.empty() && config_.username.empty()) {
    throw std::invalid_argument("password: set without a username");
  }
  const bool implicitTls = url_.rfind("smtps://", 0) == 0;
  if (!implicitTls && !config_.requireTls &&
      (!config_.username.empty() || !config_.password.empty())) {
    throw std::invalid_argument(
        "username/password: need TLS (requireTls, or an smtps:// url); AUTH over plaintext "
        "would expose the password");
  }
  // Checked here, or every send would fail with the same TLS error until someone looked.
  std::error_code unreadable;
  if (!config_.caFile.empty() && !std::filesystem::is_regular_file(config_.caFile, unreadable)) {
    throw std::invalid_argument("caFile: not a file: " + config_.caFile);
  }
  if (config_.timeoutSeconds < 1) throw std::invalid_argument("timeoutSeconds: below 1");
}

Expected<std::string, SendError> SmtpSender::send(const std::string& to, const Reply& reply) {
  if (reply.text.empty()) return unexpected(SendError{false, "empty-text", "nothing to send"});
  if (!isValidMailAddress(to)) {
    // Not echoed: a citizen's address is personal data, and this goes to logs.
    return unexpected(SendError{false, "bad-recipient", "not a valid email address"});
  }
  Reply mail = reply;
  if (mail.messageId.empty()) {
    // A resend of the same outbox row (after a crash between the server's 250 and our record
    // of it) must carry the same Message-ID, which mail stores dedupe on: derive it from the
    // row's idempotency key when there is one.
    mail.messageId = mail.idempotencyKey.empty()
                         ? newMessageId("", domain_)
                         : "msg." + sha256Hex(mail.idempotencyKey).substr(0, 32) + "@" + domain_;
  }
  const Expected<std::string, std::string> bytes =
      composeMail({config_.fromAddress, config_.fromName}, to, mail, std::time(nullptr));
  if (!bytes) return unexpected(SendError{false, "bad-header", bytes.error()});
  if (std::optional<SendError> failed = deliver(to, *bytes)) return unexpected(std::move(*failed));
  return mail.messageId;
}

std::optional<SendError> SmtpSender::deliver(const std::string& to,
                                             std::string_view message) const {
  // Checked here too, since deliver is public: a line break would end the RCPT command early.
  if (!isValidMailAddress(to)) {
    return SendError{false, "bad-recipient", "not a valid email address"};
  }
  const std::string where = config_.url;  // has no credentials: the constructor made sure
  const CurlHandle curl(curl_easy_init());
  if (!curl) return SendError{true, "curl-init", where + ": curl_easy_init failed"};
  CurlList recipients(curl_slist_append(nullptr, ("<" + to + ">").c_str()));
  if (!recipients) return SendError{true, "curl-init", where + ": out of memory"};

  const std::string mailFrom = "<" + config_.fromAddress + ">";
  const bool implicitTls = url_.rfind("smtps://", 0) == 0;
  Upload upload{message};
  std::array<char, CURL_ERROR_SIZE> errorText{};
  CURL* const h = curl.get();

  // Every option checked: a libcurl that silently ignored, say, CURLOPT_USE_SSL would send
  // the password in plaintext.
  CURLcode setup = CURLE_OK;
  const auto set = [&setup](CURLcode result) {
    if (setup == CURLE_OK) setup = result;
  };
  set(curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errorText.data()));
  set(curl_easy_setopt(h, CURLOPT_URL, url_.c_str()));
  set(curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps"));
  // No signals: libcurl would otherwise use SIGALRM for DNS timeouts, which is not safe with
  // several threads sending at once.
  set(curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L));
  set(curl_easy_setopt(h, CURLOPT_TIMEOUT, config_.timeoutSeconds));
  set(curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT,
                       std::min(config_.timeoutSeconds, kConnectTimeoutSeconds)));
  set(curl_easy_setopt(h, CURLOPT_USE_SSL,
                       implicitTls || config_.requireTls ? static_cast<long>(CURLUSESSL_ALL)
                                                         : static_cast<long>(CURLUSESSL_NONE)));
  set(curl_easy_setopt(h, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2)));
  set(curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L));
  set(curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L));
  if (!config_.caFile.empty()) set(curl_easy_setopt(h, CURLOPT_CAINFO, config_.caFile.c_str()));
  if (!config_.username.empty()) {
    set(curl_easy_setopt(h, CURLOPT_USERNAME, config_.username.c_str()));
    set(curl_easy_setopt(h, CURLOPT_PASSWORD, config_.password.c_str()));
  }
  set(curl_easy_setopt(h, CURLOPT_MAIL_FROM, mailFrom.c_str()));
  set(curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients.get()));
  set(curl_easy_setopt(h, CURLOPT_UPLOAD, 1L));
  set(curl_easy_setopt(h, CURLOPT_READFUNCTION, &readUpload));
  set(curl_easy_setopt(h, CURLOPT_READDATA, &upload));
  // Announced with MAIL FROM (SIZE=, RFC 1870) where the server offers it: an over-large
  // message is then refused before it is transferred.
  set(curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size())));
  if (setup != CURLE_OK) {
    return SendError{false, "curl-setup",
                     where + ": libcurl refused an option: " + curl_easy_strerror(setup)};
  }

  const CURLcode result = curl_easy_perform(h);
  if (result == CURLE_OK) return std::nullopt;
  long replyCode = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &replyCode);
  // libcurl's text is the only part of the message we do not write ourselves; it is not known
  // to quote the password, but it quotes the server, and the server is not ours.
  const std::string detail = redacted(
      errorText[0] != '\0' ? errorText.data() : curl_easy_strerror(result), config_.password);
  return classify(result, replyCode, where, detail);
}

}  // namespace civicdesk::channels
