#include "channels/email/MailAddress.hpp"

#include <algorithm>
#include <cctype>

#include "channels/email/EncodedWords.hpp"
#include "util/AsciiText.hpp"

namespace civicdesk::channels::email {

namespace {

// One address-list element, read character by character: quoted strings unquoted, comments
// set aside, the part in angle brackets found.
struct Element {
  std::string phrase;   // outside <> and comments, quotes removed
  std::string angle;    // inside <>
  std::string comment;  // the first comment's text
  bool hasAngle = false;
};

// Splits at top-level commas and reads each element; handles groups ("name: a, b;").
std::vector<Element> readElements(std::string_view text) {
  std::vector<Element> elements;
  Element current;
  int depth = 0;  // comment nesting
  bool inQuote = false;
  bool inAngle = false;
  const auto finish = [&] {
    if (!ascii::trim(current.phrase).empty() || current.hasAngle || !current.comment.empty()) {
      elements.push_back(std::move(current));
    }
    current = Element{};
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (depth > 0) {
      if (c == '\\' && i + 1 < text.size()) {
        current.comment += text[++i];
      } else if (c == '(') {
        ++depth;
      } else if (c == ')') {
        --depth;
      } else {
        current.comment += c;
      }
      continue;
    }
    if (inQuote) {
      if (c == '\\' && i + 1 < text.size()) {
        current.phrase += text[++i];
      } else if (c == '"') {
        inQuote = false;
      } else {
        current.phrase += c;
      }
      continue;
    }
    if (inAngle) {
      if (c == '>') {
        inAngle = false;
      } else {
        current.angle += c;
      }
      continue;
    }
    switch (c) {
      case '"':
        inQuote = true;
        break;
      case '(':
        depth = 1;
        if (!current.comment.empty()) current.comment += ' ';
        break;
      case '<':
        inAngle = true;
        current.hasAngle = true;
        current.angle.clear();
        break;
      case ',':
      case ';':  // ';' ends a group
        finish();
        break;
      case ':':
        // "group-name:" starts a group; the name is no address. (An unquoted ':' cannot appear
        // in an addr-spec.)
        current = Element{};
        break;
      default:
        current.phrase += c;
    }
  }
  finish();
  return elements;
}

}  // namespace

std::vector<Mailbox> parseAddressList(std::string_view headerValue) {
  std::vector<Mailbox> out;
  for (const Element& element : readElements(headerValue)) {
    Mailbox mailbox;
    std::string address;
    std::string name;
    if (element.hasAngle) {
      address = std::string(ascii::trim(element.angle));
      // An obsolete source route ("<@relay:user@host>") ends at its ':'.
      if (!address.empty() && address.front() == '@' && address.find(':') != std::string::npos) {
        address = address.substr(address.find(':') + 1);
      }
      name = std::string(ascii::trim(element.phrase));
      if (name.empty()) name = std::string(ascii::trim(element.comment));
    } else {
      address = std::string(ascii::trim(element.phrase));
      name = std::string(ascii::trim(element.comment));  // "user@host (Name)"
    }
    address.erase(std::remove_if(address.begin(), address.end(), ascii::isSpace), address.end());
    if (address.empty()) continue;
    mailbox.address = ascii::lower(address);
    mailbox.name = std::string(ascii::trim(decodeHeaderText(name)));
    out.push_back(std::move(mailbox));
  }
  return out;
}

std::vector<std::string> parseMessageIds(std::string_view headerValue) {
  std::vector<std::string> ids;
  std::size_t at = 0;
  while (true) {
    const std::size_t open = headerValue.find('<', at);
    if (open == std::string_view::npos) break;
    const std::size_t close = headerValue.find('>', open + 1);
    if (close == std::string_view::npos) break;
    std::string id(ascii::trim(headerValue.substr(open + 1, close - open - 1)));
    id.erase(std::remove_if(id.begin(), id.end(), ascii::isSpace), id.end());
    if (!id.empty()) ids.push_back(std::move(id));
    at = close + 1;
  }
  if (!ids.empty()) return ids;
  std::size_t i = 0;
  while (i < headerValue.size()) {
    while (i < headerValue.size() && (ascii::isSpace(headerValue[i]) || headerValue[i] == ',')) ++i;
    const std::size_t begin = i;
    while (i < headerValue.size() && !ascii::isSpace(headerValue[i]) && headerValue[i] != ',') ++i;
    const std::string_view token = headerValue.substr(begin, i - begin);
    if (token.find('@') != std::string_view::npos) ids.emplace_back(token);
  }
  return ids;
}

std::string firstAddress(const std::string* field) {
  if (field == nullptr) return {};
  const std::vector<Mailbox> mailboxes = parseAddressList(*field);
  return mailboxes.empty() ? std::string() : mailboxes.front().address;
}

}  // namespace civicdesk::channels::email
