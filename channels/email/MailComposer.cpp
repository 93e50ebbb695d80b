#include "channels/email/MailComposer.hpp"

#include <openssl/rand.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <stdexcept>

#include "channels/Signature.hpp"
#include "util/Utf8.hpp"

namespace civicdesk::channels {

namespace {

constexpr std::string_view kCrlf = "\r\n";

// RFC 2047 §2: a line holding an encoded word is at most 76 characters. Every header we write
// keeps to it (plain ones only need RFC 5322's 78), so one limit serves all of them.
constexpr std::size_t kMaxLineLength = 76;

// "=?UTF-8?B?" + "?=" around the base64 of at most 39 bytes (52 characters): 64 in all, so
// the first word still fits after "Subject: " (9) or "From: " (6). 39 bytes is also exactly
// 13 Chinese characters of 3 bytes each.
constexpr std::size_t kMaxEncodedWordBytes = 39;

// RFC 2045 §6.8: encoded lines of at most 76 characters.
constexpr std::size_t kBase64LineLength = 76;

// China Standard Time (Asia/Shanghai) is a fixed UTC+8: no daylight saving since 1991, so no
// time zone database is needed, and the date does not depend on the server's TZ setting.
constexpr std::int64_t kShanghaiOffsetSeconds = 8 * 3600;

// Message ids are ours or a mail client's; a runaway one is a bug, not a header to write.
constexpr std::size_t kMaxMessageIdLength = 250;

bool hasLineBreak(std::string_view text) {
  return text.find_first_of("\r\n") != std::string_view::npos;
}

bool isPrintableAscii(std::string_view text) {
  for (const char c : text) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

// RFC 5322 "specials" and white space: what an unquoted local part may not contain.
bool isAtext(char c) {
  return c > 0x20 && c < 0x7F &&
         std::string_view("()<>[]:;@\\,\"").find(c) == std::string_view::npos;
}

bool isDomainChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.';
}

// Dot-separated labels: no empty label, so no leading, trailing or doubled dot.
bool hasEmptyLabel(std::string_view text) {
  return text.front() == '.' || text.back() == '.' || text.find("..") != std::string_view::npos;
}

bool isValidDomain(std::string_view domain) {
  if (domain.empty() || domain.size() > 253 || hasEmptyLabel(domain)) return false;
  for (const char c : domain) {
    if (!isDomainChar(c)) return false;
  }
  return true;
}

// What may stand between < and > in Message-ID, In-Reply-To and References. Ids from mail
// clients are not all RFC-perfect, so this checks only what would break the header.
bool isValidMessageId(std::string_view id) {
  if (id.empty() || id.size() > kMaxMessageIdLength) return false;
  for (const char c : id) {
    if (c <= 0x20 || c >= 0x7F || c == '<' || c == '>') return false;
  }
  return true;
}

// "Name: tok1 tok2" folded (RFC 5322 §2.2.3) before a token that would pass kMaxLineLength. A
// line always takes at least one token, so a token longer than the limit stands alone.
std::string foldHeader(std::string_view name, const std::vector<std::string>& tokens) {
  std::string out;
  std::string line(name);
  line += ':';
  bool lineHasToken = false;
  for (const std::string& token : tokens) {
    if (lineHasToken && line.size() + 1 + token.size() > kMaxLineLength) {
      out += line;
      out += kCrlf;
      line.clear();
    }
    line += ' ';
    line += token;
    lineHasToken = true;
  }
  out += line;
  out += kCrlf;
  return out;
}

std::string quotedString(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

// Text that can go into a header as it is: printable ASCII that a decoder would not take for
// an encoded word, and short enough not to need folding.
bool fitsAsPlainText(std::string_view text, std::size_t room) {
  return isPrintableAscii(text) && text.find("=?") == std::string_view::npos && text.size() <= room;
}

std::string rfc5322Date(std::int64_t unixTime) {
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto local = static_cast<std::time_t>(unixTime + kShanghaiOffsetSeconds);
  std::tm tm{};
  if (gmtime_r(&local, &tm) == nullptr) throw std::out_of_range("mail date out of range");
  // Written by hand, not with strftime: day and month names must be English whatever the
  // process locale is.
  std::array<char, 40> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%s, %02d %s %04d %02d:%02d:%02d +0800",
                kDays.at(static_cast<std::size_t>(tm.tm_wday)), tm.tm_mday,
                kMonths.at(static_cast<std::size_t>(tm.tm_mon)), tm.tm_year + 1900, tm.tm_hour,
                tm.tm_min, tm.tm_sec);
  return buffer.data();
}

// Canonical text (RFC 2045 §6.8, RFC 2046 §4.1.1): lines end in CRLF before base64, whatever
// the text used ("\n" from our templates, "\r\n" or "\r" from elsewhere).
std::string canonicalLineEndings(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += kCrlf;
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (text[i] == '\n') {
      out += kCrlf;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string base64Lines(std::string_view bytes) {
  const std::string encoded = base64Encode(bytes);
  std::string out;
  out.reserve(encoded.size() + (encoded.size() / kBase64LineLength + 1) * 2);
  for (std::size_t at = 0; at < encoded.size(); at += kBase64LineLength) {
    out.append(encoded, at, kBase64LineLength);
    out += kCrlf;
  }
  return out;
}

Unexpected<std::string> refused(std::string_view field, std::string_view why) {
  return unexpected(std::string(field) + ": " + std::string(why));
}

}  // namespace

bool isValidMailAddress(std::string_view address) {
  if (address.size() > 254) return false;
  const std::size_t at = address.rfind('@');
  if (at == std::string_view::npos || at == 0 || at > 64) return false;
  const std::string_view local = address.substr(0, at);
  if (hasEmptyLabel(local)) return false;
  for (const char c : local) {
    if (!isAtext(c)) return false;
  }
  return isValidDomain(address.substr(at + 1));
}

std::vector<std::string> encodeWords(std::string_view text) {
  const std::string clean = utf8::sanitize(text);
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < clean.size()) {
    // Whole characters only: RFC 2047 §5 forbids splitting one across words, and decoders
    // that decode each word on its own would show two broken halves.
    std::size_t end = start;
    while (end < clean.size()) {
      const std::size_t length = utf8::decodeAt(clean, end).length;
      if (end + length - start > kMaxEncodedWordBytes) break;
      end += length;
    }
    words.push_back("=?UTF-8?B?" +
                    base64Encode(std::string_view(clean).substr(start, end - start)) + "?=");
    start = end;
  }
  return words;
}

Expected<std::string, std::string> composeMail(const MailIdentity& from, const std::string& to,
                                               const Reply& reply, std::int64_t unixTime) {
  // Line breaks first and by name: they are the injection attempt, whatever else is wrong.
  if (hasLineBreak(from.address)) return refused("From", "address contains a line break");
  if (hasLineBreak(from.displayName)) return refused("From", "name contains a line break");
  if (hasLineBreak(to)) return refused("To", "address contains a line break");
  if (hasLineBreak(reply.subject)) return refused("Subject", "contains a line break");
  if (hasLineBreak(reply.messageId)) return refused("Message-ID", "contains a line break");
  if (hasLineBreak(reply.inReplyTo)) return refused("In-Reply-To", "contains a line break");
  for (const std::string& id : reply.references) {
    if (hasLineBreak(id)) return refused("References", "contains a line break");
  }

  if (!isValidMailAddress(from.address)) return refused("From", "not a valid address");
  if (!isValidMailAddress(to)) return refused("To", "not a valid address");
  if (reply.messageId.find('@') == std::string::npos || !isValidMessageId(reply.messageId)) {
    return refused("Message-ID", "missing or not id@domain");
  }
  if (!reply.inReplyTo.empty() && !isValidMessageId(reply.inReplyTo)) {
    return refused("In-Reply-To", "not a message id");
  }
  for (const std::string& id : reply.references) {
    if (!isValidMessageId(id)) return refused("References", "not a message id");
  }

  std::string mail;
  if (from.displayName.empty()) {
    mail += foldHeader("From", {from.address});
  } else {
    // An ASCII name goes in quotes, so "Desk, Qingxi" cannot read as two addresses.
    std::vector<std::string> tokens;
    if (fitsAsPlainText(from.displayName, 60)) {
      tokens.push_back(quotedString(from.displayName));
    } else {
      tokens = encodeWords(from.displayName);
    }
    tokens.push_back("<" + from.address + ">");
    mail += foldHeader("From", tokens);
  }
  mail += foldHeader("To", {to});
  if (!reply.subject.empty()) {
    if (fitsAsPlainText(reply.subject, kMaxLineLength - 9)) {
      mail += foldHeader("Subject", {reply.subject});
    } else {
      mail += foldHeader("Subject", encodeWords(reply.subject));
    }
  }
  mail += "Date: " + rfc5322Date(unixTime) + std::string(kCrlf);
  mail += "Message-ID: <" + reply.messageId + ">" + std::string(kCrlf);
  if (!reply.inReplyTo.empty()) mail += foldHeader("In-Reply-To", {"<" + reply.inReplyTo + ">"});
  if (!reply.references.empty()) {
    std::vector<std::string> ids;
    ids.reserve(reply.references.size());
    for (const std::string& id : reply.references) ids.push_back("<" + id + ">");
    mail += foldHeader("References", ids);
  }
  mail += "MIME-Version: 1.0\r\n";
  mail += "Content-Type: text/plain; charset=UTF-8\r\n";
  // base64 rather than quoted-printable: Chinese text is nearly all non-ASCII, where base64
  // is a third smaller; and no line of it can start with "." or "From ".
  mail += "Content-Transfer-Encoding: base64\r\n";
  mail += kCrlf;
  mail += base64Lines(canonicalLineEndings(utf8::sanitize(reply.text)));
  return mail;
}

std::string newMessageId(std::string_view caseNo, std::string_view domain) {
  for (const char c : caseNo) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) throw std::invalid_argument("newMessageId: caseNo holds a character ids cannot carry");
  }
  if (!isValidDomain(domain)) throw std::invalid_argument("newMessageId: not a domain");

  std::array<unsigned char, 8> random{};
  if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  std::string id = caseNo.empty() ? "msg" : "case-" + std::string(caseNo);
  id += "." + std::to_string(ms) + "." +
        toHex(std::string_view(reinterpret_cast<const char*>(random.data()), random.size()));
  id += "@";
  id += domain;
  return id;
}

}  // namespace civicdesk::channels
