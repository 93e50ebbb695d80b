#include "channels/email/Multipart.hpp"

#include <string>

namespace civicdesk::channels::email {

namespace {

enum class LineKind { Content, Delimiter, Close };

LineKind classify(std::string_view line, std::string_view delimiter) {
  if (line.substr(0, delimiter.size()) != delimiter) return LineKind::Content;
  std::string_view rest = line.substr(delimiter.size());
  bool close = false;
  if (rest.substr(0, 2) == "--") {
    close = true;
    rest.remove_prefix(2);
  }
  for (char c : rest) {
    if (c != ' ' && c != '\t' && c != '\r') return LineKind::Content;
  }
  return close ? LineKind::Close : LineKind::Delimiter;
}

}  // namespace

MultipartBody splitMultipart(std::string_view body, std::string_view boundary) {
  MultipartBody result;
  if (boundary.empty()) return result;
  const std::string delimiter = "--" + std::string(boundary);
  bool inPart = false;
  std::size_t partBegin = 0;
  std::size_t at = 0;
  while (at < body.size()) {
    std::size_t end = body.find('\n', at);
    const std::size_t next = end == std::string_view::npos ? body.size() : end + 1;
    if (end == std::string_view::npos) end = body.size();
    const LineKind kind = classify(body.substr(at, end - at), delimiter);
    if (kind != LineKind::Content) {
      if (inPart) {
        // The line break before the delimiter is part of the delimiter, not of the content.
        std::size_t partEnd = at;
        if (partEnd > partBegin && body[partEnd - 1] == '\n') --partEnd;
        if (partEnd > partBegin && body[partEnd - 1] == '\r') --partEnd;
        result.parts.push_back(body.substr(partBegin, partEnd - partBegin));
      }
      if (kind == LineKind::Close) {
        result.closed = true;
        return result;
      }
      inPart = true;
      partBegin = next;
    }
    at = next;
  }
  if (inPart) result.parts.push_back(body.substr(partBegin));  // no closing delimiter
  return result;
}

}  // namespace civicdesk::channels::email
