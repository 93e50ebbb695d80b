#include "channels/FormBody.hpp"

#include "channels/HttpEndpoint.hpp"
#include "util/AsciiText.hpp"

namespace civicdesk::channels {
namespace {

bool decodeComponent(std::string_view in, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      if (i + 2 >= in.size()) return false;
      const int hi = ascii::hexValue(in[i + 1]);
      const int lo = ascii::hexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += c;
    }
  }
  return true;
}

}  // namespace

Expected<FormFields, std::string> parseFormBody(std::string_view body) {
  FormFields fields;
  std::size_t index = 0;
  while (!body.empty()) {
    const auto amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
    ++index;
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    std::string name, value;
    if (!decodeComponent(pair.substr(0, eq), name) ||
        (eq != std::string_view::npos && !decodeComponent(pair.substr(eq + 1), value))) {
      return unexpected("bad percent-escape in field " + std::to_string(index));
    }
    fields.emplace_back(std::move(name), std::move(value));
  }
  return fields;
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
