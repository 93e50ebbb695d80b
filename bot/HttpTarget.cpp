#include "bot/HttpTarget.hpp"

#include "util/AsciiText.hpp"

namespace civicdesk::bot {

std::string percentDecode(std::string_view text, bool plusIsSpace) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%' && i + 2 < text.size()) {
      const int high = ascii::hexValue(text[i + 1]);
      const int low = ascii::hexValue(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    out += plusIsSpace && c == '+' ? ' ' : c;
  }
  return out;
}

HttpTarget splitTarget(std::string_view target) {
  HttpTarget out;
  const auto mark = target.find('?');
  out.path = percentDecode(target.substr(0, mark), false);
  if (mark == std::string_view::npos) return out;
  std::string_view rest = target.substr(mark + 1);
  // A fragment is never sent by a client, but if it is, it is not part of the query.
  if (const auto hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    std::string name = percentDecode(pair.substr(0, eq), true);
    std::string value =
        eq == std::string_view::npos ? std::string{} : percentDecode(pair.substr(eq + 1), true);
    out.query.emplace(std::move(name), std::move(value));  // keeps the first
  }
  return out;
}

}  // namespace civicdesk::bot
