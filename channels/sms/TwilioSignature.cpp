#include "channels/sms/TwilioSignature.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <utility>

#include "channels/Signature.hpp"
#include "util/AsciiText.hpp"
#include "util/Utf8.hpp"

namespace civicdesk::channels {

namespace {

// JavaScript compares strings by UTF-16 code units; twilio-node sorts names and values that
// way. It differs from UTF-8 byte order only between U+E000..U+FFFF and the supplementary
// planes, but a signature is all or nothing.
std::u16string utf16(std::string_view text) {
  std::u16string out;
  for (char32_t c : utf8::decode(text, utf8::OnInvalid::replace)) {
    if (c < 0x10000) {
      out.push_back(static_cast<char16_t>(c));
    } else {
      c -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (c >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (c & 0x3FF)));
    }
  }
  return out;
}

bool jsLess(const std::string& a, const std::string& b) {
  return utf16(a) < utf16(b);
}

// querystring.unescape: '+' is a space, a well-formed %XX an octet, anything else itself;
// the octets are then read as UTF-8 with U+FFFD for what is not.
std::string legacyDecode(std::string_view in) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '+') {
      out += ' ';
    } else if (in[i] == '%' && i + 2 < in.size() && ascii::hexValue(in[i + 1]) >= 0 &&
               ascii::hexValue(in[i + 2]) >= 0) {
      out += static_cast<char>(ascii::hexValue(in[i + 1]) * 16 + ascii::hexValue(in[i + 2]));
      i += 2;
    } else {
      out += in[i];
    }
  }
  return utf8::sanitize(out);
}

// querystring.escape, which leaves the characters encodeURIComponent leaves.
std::string legacyEncode(std::string_view in) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  static constexpr std::string_view kKept = "-_.!~*'()";
  std::string out;
  for (unsigned char c : in) {
    if (std::isalnum(c) || kKept.find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0x0F];
    }
  }
  return out;
}

// A JavaScript array index: the canonical decimal form of 0..2^32-2. Such property names come
// first, in numeric order, whatever order they were added in.
bool isArrayIndex(const std::string& name) {
  if (name.empty() || name.size() > 10) return false;
  if (!std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return false;
  }
  if (name.size() > 1 && name[0] == '0') return false;
  return std::stoull(name) <= 4294967294ULL;
}

std::string legacyQueryString(std::string_view query) {
  std::vector<std::pair<std::string, std::vector<std::string>>> entries;  // first-seen order
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    std::string name = legacyDecode(pair.substr(0, eq));
    std::string value = eq == std::string_view::npos ? "" : legacyDecode(pair.substr(eq + 1));
    auto it = std::find_if(entries.begin(), entries.end(),
                           [&](const auto& entry) { return entry.first == name; });
    if (it == entries.end()) {
      entries.push_back({std::move(name), {std::move(value)}});
    } else {
      it->second.push_back(std::move(value));
    }
  }
  std::stable_partition(entries.begin(), entries.end(),
                        [](const auto& entry) { return isArrayIndex(entry.first); });
  const auto firstNamed = std::find_if(
      entries.begin(), entries.end(), [](const auto& entry) { return !isArrayIndex(entry.first); });
  std::sort(entries.begin(), firstNamed, [](const auto& a, const auto& b) {
    return std::stoull(a.first) < std::stoull(b.first);
  });

  std::string out;
  for (const auto& [name, values] : entries) {
    for (const std::string& value : values) {
      if (!out.empty()) out += '&';
      out += legacyEncode(name) + "=" + legacyEncode(value);
    }
  }
  return out;
}

// The parts of "scheme://userinfo@host:port/rest" without normalising anything, so the
// path and query keep the exact characters Twilio signed.
struct UrlParts {
  std::string scheme;    // "https://"
  std::string userInfo;  // "" or "user:pass@"
  std::string host;
  std::string port;  // "" or ":8443"
  std::string rest;  // path, query and fragment
};

std::optional<UrlParts> splitUrl(std::string_view url) {
  const std::size_t sep = url.find("://");
  if (sep == std::string_view::npos || sep == 0 ||
      !std::isalpha(static_cast<unsigned char>(url[0]))) {
    return std::nullopt;
  }
  for (char c : url.substr(0, sep)) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '.' && c != '-') {
      return std::nullopt;
    }
  }
  UrlParts parts;
  parts.scheme = std::string(url.substr(0, sep + 3));
  const std::size_t authorityEnd = url.find_first_of("/?#", sep + 3);
  const std::string_view authority = url.substr(sep + 3, authorityEnd - (sep + 3));
  parts.rest = authorityEnd == std::string_view::npos ? "" : std::string(url.substr(authorityEnd));
  const std::size_t at = authority.rfind('@');
  parts.userInfo = at == std::string_view::npos ? "" : std::string(authority.substr(0, at + 1));
  const std::string_view hostPort =
      at == std::string_view::npos ? authority : authority.substr(at + 1);
  // An IPv6 literal holds colons; the port's colon comes after its closing bracket.
  const std::size_t bracket = hostPort.rfind(']');
  const std::size_t colon = hostPort.find(':', bracket == std::string_view::npos ? 0 : bracket + 1);
  parts.host = std::string(hostPort.substr(0, colon));
  parts.port = colon == std::string_view::npos ? "" : std::string(hostPort.substr(colon));
  return parts;
}

std::string defaultPort(const UrlParts& parts) {
  return ascii::lower(parts.scheme) == "https://" ? ":443" : ":80";
}

void addUnique(std::vector<std::string>& list, std::string item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(std::move(item));
}

// The first value of `name` in the query of `url`, decoded.
std::optional<std::string> queryValue(std::string_view url, std::string_view name) {
  const std::size_t question = url.find('?');
  if (question == std::string_view::npos) return std::nullopt;
  std::string_view query = url.substr(question + 1);
  query = query.substr(0, query.find('#'));
  Expected<FormFields, std::string> fields = parseFormBody(query);
  if (!fields) return std::nullopt;
  const std::string* value = formValue(*fields, name);
  if (value == nullptr) return std::nullopt;
  return *value;
}

}  // namespace

std::string twilioSignature(std::string_view authToken, std::string_view url,
                            const FormFields& params) {
  std::map<std::string, std::vector<std::string>> byName;
  for (const auto& [name, value] : params) byName[name].push_back(value);
  std::vector<std::string> names;
  for (const auto& entry : byName) names.push_back(entry.first);
  std::sort(names.begin(), names.end(), jsLess);

  std::string data(url);
  for (const std::string& name : names) {
    std::vector<std::string> values = byName[name];
    std::sort(values.begin(), values.end(), jsLess);
    values.erase(std::unique(values.begin(), values.end()), values.end());
    for (const std::string& value : values) data += name + value;
  }
  return base64Encode(hmacSha1(authToken, data));
}

std::string withLegacyQuery(std::string_view url) {
  const std::size_t question = url.find('?');
  if (question == std::string_view::npos || question + 1 == url.size()) return std::string(url);
  return std::string(url.substr(0, question + 1)) + legacyQueryString(url.substr(question + 1));
}

std::vector<std::string> twilioUrlVariants(std::string_view url) {
  std::vector<std::string> forms{std::string(url)};
  if (std::optional<UrlParts> parts = splitUrl(url)) {
    if (parts->port.empty()) {
      forms.push_back(parts->scheme + parts->userInfo + parts->host + defaultPort(*parts) +
                      parts->rest);
    } else if (parts->port == defaultPort(*parts)) {
      forms.push_back(parts->scheme + parts->userInfo + parts->host + parts->rest);
    }
  }
  std::vector<std::string> variants;
  for (const std::string& form : forms) addUnique(variants, form);
  for (const std::string& form : forms) addUnique(variants, withLegacyQuery(form));
  return variants;
}

Expected<std::string, std::string> verifyTwilioSignature(std::string_view authToken,
                                                         const std::optional<std::string>& header,
                                                         std::string_view url,
                                                         const FormFields& params) {
  // An empty key would make every signature computable by anyone.
  if (authToken.empty()) return unexpected(std::string("no Twilio auth token configured"));
  if (!header || header->empty()) return unexpected(std::string("missing X-Twilio-Signature"));
  // Every form is computed and compared, match or not, so the time taken does not tell which
  // form (if any) was close.
  std::optional<std::string> matched;
  for (const std::string& variant : twilioUrlVariants(url)) {
    if (constantTimeEquals(twilioSignature(authToken, variant, params), *header) && !matched) {
      matched = variant;
    }
  }
  if (!matched) return unexpected(std::string("X-Twilio-Signature does not match"));
  return *matched;
}

Expected<std::string, std::string> verifyTwilioSignatureWithBody(
    std::string_view authToken, const std::optional<std::string>& header, std::string_view url,
    std::string_view body) {
  Expected<std::string, std::string> matched =
      verifyTwilioSignature(authToken, header, url, FormFields{});
  if (!matched) return matched;
  const std::optional<std::string> bodyHash = queryValue(url, "bodySHA256");
  if (!bodyHash) return unexpected(std::string("no bodySHA256 in the signed URL"));
  if (!constantTimeEquals(sha256Hex(body), ascii::lower(*bodyHash))) {
    return unexpected(std::string("bodySHA256 does not match the body"));
  }
  return matched;
}

}  // namespace civicdesk::channels
