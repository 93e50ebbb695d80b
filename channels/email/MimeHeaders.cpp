#include "channels/email/MimeHeaders.hpp"
#include "util/AsciiText.hpp"

#include <algorithm>
#include <cctype>

namespace civicdesk::channels::email {

namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// A field name is printable ASCII without spaces or ':' (RFC 5322 §3.6.8).
bool validName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return c > 32 && c < 127 && c != ':';
  });
}

}  // namespace

const std::string* findHeader(const HeaderFields& fields, std::string_view name) {
  for (const HeaderField& field : fields) {
    if (ascii::equalsIgnoringCase(field.name, name)) return &field.value;
  }
  return nullptr;
}

MimeEntity splitEntity(std::string_view raw) {
  MimeEntity entity;
  std::size_t at = 0;
  bool lastWasField = false;  // whether a continuation line has a field to join
  while (at < raw.size()) {
    std::size_t end = raw.find('\n', at);
    const std::size_t next = end == std::string_view::npos ? raw.size() : end + 1;
    if (end == std::string_view::npos) end = raw.size();
    std::string_view line = raw.substr(at, end - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    at = next;
    if (line.empty()) {
      entity.body = raw.substr(at);
      return entity;
    }
    if (line.front() == ' ' || line.front() == '\t') {
      if (lastWasField) {
        // Unfolding removes the line break only; the leading white space stays (§2.2.3).
        HeaderField& field = entity.headers.back();
        if (field.value.empty()) {
          field.value = std::string(trimmed(line));
        } else {
          field.value += ' ';
          field.value += trimmed(line);
        }
      }
      continue;
    }
    const std::size_t colon = line.find(':');
    const std::string_view name =
        colon == std::string_view::npos ? std::string_view{} : trimmed(line.substr(0, colon));
    if (!validName(name)) {
      lastWasField = false;
      continue;
    }
    entity.headers.push_back({std::string(name), std::string(trimmed(line.substr(colon + 1)))});
    lastWasField = true;
  }
  entity.body = raw.substr(raw.size());
  return entity;
}

}  // namespace civicdesk::channels::email
