#include "channels/sms/TwiML.hpp"

#include "util/Utf8.hpp"

namespace civicdesk::channels {

std::string escapeXml(std::string_view text) {
  std::string out;
  const std::string clean = utf8::sanitize(text);
  for (std::size_t at = 0; at < clean.size();) {
    const utf8::Decoded d = utf8::decodeAt(clean, at);
    const char32_t c = d.codePoint;
    switch (c) {
      case U'&':
        out += "&amp;";
        break;
      case U'<':
        out += "&lt;";
        break;
      case U'>':
        out += "&gt;";
        break;
      case U'"':
        out += "&quot;";
        break;
      case U'\'':
        out += "&apos;";
        break;
      default:
        if ((c < 0x20 && c != U'\t' && c != U'\n' && c != U'\r') || c == 0xFFFE || c == 0xFFFF) {
          break;
        }
        out.append(clean, at, d.length);
    }
    at += d.length;
  }
  return out;
}

std::string renderTwiml(const std::vector<std::string>& messageBodies) {
  std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>)";
  if (messageBodies.empty()) return xml + "<Response/>";
  xml += "<Response>";
  for (const std::string& body : messageBodies) {
    xml += "<Message>" + escapeXml(body) + "</Message>";
  }
  xml += "</Response>";
  return xml;
}

}  // namespace civicdesk::channels
