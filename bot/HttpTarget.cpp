#include "bot/HttpTarget.hpp"

#include "channels/FormBody.hpp"

namespace civicdesk::bot {

HttpTarget splitTarget(std::string_view target) {
  HttpTarget out;
  const auto mark = target.find('?');
  out.path = channels::decodeUrlComponent(target.substr(0, mark), false);
  if (mark == std::string_view::npos) return out;
  std::string_view query = target.substr(mark + 1);
  // A fragment is never sent by a client, but if it is, it is not part of the query.
  if (const auto hash = query.find('#'); hash != std::string_view::npos) {
    query = query.substr(0, hash);
  }
  for (auto& [name, value] : channels::parseQueryString(query)) {
    out.query.emplace(std::move(name), std::move(value));  // keeps the first
  }
  return out;
}

}  // namespace civicdesk::bot
