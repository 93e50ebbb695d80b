#include "channels/wechat/WeChatXml.hpp"
#include "util/AsciiText.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <iterator>

namespace civicdesk::channels {

namespace {

bool startsWithIgnoringCase(std::string_view text, std::string_view prefix) {
  return ascii::equalsIgnoringCase(text.substr(0, prefix.size()), prefix);
}

// True when the markup of `body` holds "<!DOCTYPE" or "<!ENTITY" (any case). The inside of
// CDATA sections, comments and processing instructions is skipped: it is text, not a
// declaration, and a citizen who types "<!DOCTYPE html>" must still get an answer.
bool declaresDtd(std::string_view body) {
  struct Skipped {
    std::string_view open;
    std::string_view close;
  };
  static constexpr Skipped kSkipped[] = {{"<![CDATA[", "]]>"}, {"<!--", "-->"}, {"<?", "?>"}};
  std::size_t i = 0;
  while ((i = body.find('<', i)) != std::string_view::npos) {
    std::string_view rest = body.substr(i);
    if (startsWithIgnoringCase(rest, "<!DOCTYPE") || startsWithIgnoringCase(rest, "<!ENTITY")) {
      return true;
    }
    std::size_t next = i + 1;
    for (const Skipped& skipped : kSkipped) {
      if (rest.substr(0, skipped.open.size()) == skipped.open) {
        std::size_t close = body.find(skipped.close, i + skipped.open.size());
        // Unterminated: nothing after it is markup; the parser reports the error.
        if (close == std::string_view::npos) return false;
        next = close + skipped.close.size();
        break;
      }
    }
    i = next;
  }
  return false;
}

// The text of an element, joining every text and CDATA child: pugixml's child_value() would
// return only the first section of a split CDATA.
std::string textOf(const pugi::xml_node& element) {
  std::string text;
  for (pugi::xml_node child : element.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      text.append(child.value());
    }
  }
  return text;
}

bool allowedInXml(unsigned char c) {
  return c >= 0x20 || c == '\t' || c == '\n' || c == '\r';
}

}  // namespace

std::optional<std::string> WeChatXmlFields::get(std::string_view name) const {
  auto it = fields_.find(name);
  if (it == fields_.end()) return std::nullopt;
  return it->second;
}

std::string WeChatXmlFields::getOr(std::string_view name, std::string_view fallback) const {
  auto it = fields_.find(name);
  return it == fields_.end() ? std::string(fallback) : it->second;
}

Expected<WeChatXmlFields, XmlError> parseWeChatXml(std::string_view body) {
  // WeChat never sends a DTD. Refusing one before the parser sees it closes entity expansion
  // ("billion laughs") and external entities (XXE) whatever the parser would do with it.
  if (declaresDtd(body)) {
    return unexpected(XmlError{"XML with a DOCTYPE or ENTITY declaration is refused"});
  }
  pugi::xml_document doc;
  // pugixml never reads a DTD nor expands entities beyond the five predefined ones and
  // character references (parse_escapes). parse_doctype only keeps a DOCTYPE as an inert
  // node, so that a declaration the scan above missed is still seen and refused below.
  const unsigned int flags =
      pugi::parse_cdata | pugi::parse_escapes | pugi::parse_eol | pugi::parse_doctype;
  pugi::xml_parse_result parsed =
      doc.load_buffer(body.data(), body.size(), flags, pugi::encoding_utf8);
  if (!parsed) {
    return unexpected(XmlError{std::string("malformed XML: ") + parsed.description()});
  }
  int elements = 0;
  for (pugi::xml_node top : doc.children()) {
    if (top.type() == pugi::node_doctype) {
      return unexpected(XmlError{"XML with a DOCTYPE or ENTITY declaration is refused"});
    }
    if (top.type() == pugi::node_element) ++elements;
  }
  pugi::xml_node root = doc.document_element();
  if (elements != 1 || std::string_view(root.name()) != "xml") {
    return unexpected(XmlError{"the document is not one <xml> element"});
  }
  WeChatXmlFields fields;
  for (pugi::xml_node child : root.children()) {
    if (child.type() == pugi::node_element) fields.add(child.name(), textOf(child));
  }
  return fields;
}

std::string cdata(std::string_view raw) {
  // Characters XML forbids go first, then "]]>" is split: dropping a control character between
  // "]" and "]>" must not leave a "]]>" that ends the section early (found by fuzzing).
  std::string kept;
  std::string_view text = raw;
  const auto allowed = [](char c) { return allowedInXml(static_cast<unsigned char>(c)); };
  if (!std::all_of(raw.begin(), raw.end(), allowed)) {
    std::copy_if(raw.begin(), raw.end(), std::back_inserter(kept), allowed);
    text = kept;
  }
  std::string out = "<![CDATA[";
  out.reserve(text.size() + 16);
  for (auto end = text.find("]]>"); end != std::string_view::npos; end = text.find("]]>")) {
    // Close after "]]", reopen before ">": the reader joins the two sections back.
    out.append(text.substr(0, end)).append("]]]]><![CDATA[>");
    text.remove_prefix(end + 3);
  }
  out.append(text).append("]]>");
  return out;
}

std::string renderTextReply(std::string_view toUser, std::string_view fromUser,
                            std::int64_t createTime, std::string_view content) {
  std::string xml = "<xml>";
  xml += "<ToUserName>" + cdata(toUser) + "</ToUserName>";
  xml += "<FromUserName>" + cdata(fromUser) + "</FromUserName>";
  xml += "<CreateTime>" + std::to_string(createTime) + "</CreateTime>";
  xml += "<MsgType><![CDATA[text]]></MsgType>";
  xml += "<Content>" + cdata(content) + "</Content>";
  xml += "</xml>";
  return xml;
}

std::string renderEncryptedReply(std::string_view encrypt, std::string_view msgSignature,
                                 std::int64_t timestamp, std::string_view nonce) {
  std::string xml = "<xml>";
  xml += "<Encrypt>" + cdata(encrypt) + "</Encrypt>";
  xml += "<MsgSignature>" + cdata(msgSignature) + "</MsgSignature>";
  xml += "<TimeStamp>" + std::to_string(timestamp) + "</TimeStamp>";
  xml += "<Nonce>" + cdata(nonce) + "</Nonce>";
  xml += "</xml>";
  return xml;
}

}  // namespace civicdesk::channels
