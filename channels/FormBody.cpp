#include "channels/FormBody.hpp"

#include "channels/HttpEndpoint.hpp"
#include "util/AsciiText.hpp"

namespace civicdesk::channels {
namespace {

// Strict: false at a malformed escape. Lenient: the escape is kept as sent.
bool decodeComponent(std::string_view in, bool plusIsSpace, bool lenient, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%') {
      const int hi = i + 2 < in.size() ? ascii::hexValue(in[i + 1]) : -1;
      const int lo = i + 2 < in.size() ? ascii::hexValue(in[i + 2]) : -1;
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
      if (!lenient) return false;
    }
    out += plusIsSpace && c == '+' ? ' ' : c;
  }
  return true;
}

// "a=1&b=2": the fields in order; an empty field is skipped. False at the first field that
// does not decode (`index` names it).
bool splitFields(std::string_view body, bool lenient, FormFields& fields, std::size_t& index) {
  index = 0;
  while (!body.empty()) {
    const auto amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
    ++index;
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    std::string name, value;
    if (!decodeComponent(pair.substr(0, eq), true, lenient, name) ||
        (eq != std::string_view::npos &&
         !decodeComponent(pair.substr(eq + 1), true, lenient, value))) {
      return false;
    }
    fields.emplace_back(std::move(name), std::move(value));
  }
  return true;
}

}  // namespace

Expected<FormFields, std::string> parseFormBody(std::string_view body) {
  FormFields fields;
  std::size_t index = 0;
  if (!splitFields(body, false, fields, index)) {
    return unexpected("bad percent-escape in field " + std::to_string(index));
  }
  return fields;
}

FormFields parseQueryString(std::string_view query) {
  FormFields fields;
  std::size_t index = 0;
  splitFields(query, true, fields, index);  // lenient: never fails
  return fields;
}

std::string decodeUrlComponent(std::string_view text, bool plusIsSpace) {
  std::string out;
  decodeComponent(text, plusIsSpace, true, out);
  return out;
}

const std::string* formValue(const FormFields& fields, std::string_view name) {
  for (const auto& [n, v] : fields) {
    if (n == name) return &v;
  }
  return nullptr;
}

std::string encodeFormBody(const FormFields& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += '&';
    out += percentEncode(name);
    out += '=';
    out += percentEncode(value);
  }
  return out;
}

}  // namespace civicdesk::channels
