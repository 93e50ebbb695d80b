#pragma once
// The XML WeChat sends and expects (PROTOCOLS.md §1.3, §1.4, §1.6): a flat <xml> document of
// named fields. Parsing refuses DTDs outright (no entity expansion, no external fetches);
// rendering writes every string field as CDATA.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "util/Expected.hpp"

namespace civicdesk::channels {

// The direct children of <xml>, name → text. A field split over several CDATA/text sections
// is joined back into one string; nested elements (e.g. ScanCodeInfo) read as empty.
class WeChatXmlFields {
 public:
  std::optional<std::string> get(std::string_view name) const;
  // The field's text, or "" when absent.
  std::string getOr(std::string_view name, std::string_view fallback = {}) const;
  bool has(std::string_view name) const { return fields_.find(name) != fields_.end(); }

  // First occurrence wins: a later duplicate cannot override what was read first.
  void add(std::string name, std::string value) {
    fields_.emplace(std::move(name), std::move(value));
  }

 private:
  std::map<std::string, std::string, std::less<>> fields_;
};

struct XmlError {
  std::string message;
};

// Refuses, before parsing, any body whose markup holds "<!DOCTYPE" or "<!ENTITY" (any
// case; the same words typed by a citizen inside CDATA are content and pass). Then parses
// without DTD processing, refuses any DOCTYPE node the parser still found, and requires a
// single root element <xml>.
Expected<WeChatXmlFields, XmlError> parseWeChatXml(std::string_view body);

// `text` as one or more CDATA sections: "]]>" cannot appear inside one, so it is split as
// "]]" | ">" across two sections. Characters XML 1.0 forbids (C0 controls other than tab,
// LF, CR) are dropped, since they would make the whole reply unparseable.
std::string cdata(std::string_view text);

// The passive text reply (被动回复) to `toUser` (the citizen's OpenID) from `fromUser` (our
// gh_ id). `createTime` is Unix seconds.
std::string renderTextReply(std::string_view toUser, std::string_view fromUser,
                            std::int64_t createTime, std::string_view content);

// The secure-mode wrapper around an encrypted reply.
std::string renderEncryptedReply(std::string_view encrypt, std::string_view msgSignature,
                                 std::int64_t timestamp, std::string_view nonce);

}  // namespace civicdesk::channels
