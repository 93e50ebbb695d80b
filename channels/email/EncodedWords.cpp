#include "channels/email/EncodedWords.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "channels/email/Charset.hpp"
#include "channels/email/TransferEncoding.hpp"
#include "util/AsciiText.hpp"

namespace civicdesk::channels::email {

namespace {

struct EncodedWord {
  std::size_t begin = 0;
  std::size_t end = 0;  // one past "?="
  std::string charset;  // lower-cased, RFC 2231 language ("*zh-cn") removed
  std::string bytes;    // decoded from B or Q, still in `charset`
};

// The encoded word starting at text[at] ("=?"), if it is one.
// RFC 2047 allows 75 characters per word; mailers exceed that, so the limits are generous, but
// they keep a header full of "=?" without "?=" from costing quadratic time.
constexpr std::size_t kMaxCharsetLength = 64;
constexpr std::size_t kMaxWordPayload = 4096;

std::optional<EncodedWord> encodedWordAt(std::string_view text, std::size_t at) {
  const std::size_t charsetEnd = text.substr(0, at + 2 + kMaxCharsetLength).find('?', at + 2);
  if (charsetEnd == std::string_view::npos || charsetEnd == at + 2) return std::nullopt;
  if (charsetEnd + 2 >= text.size() || text[charsetEnd + 2] != '?') return std::nullopt;
  const char encoding =
      static_cast<char>(std::toupper(static_cast<unsigned char>(text[charsetEnd + 1])));
  if (encoding != 'B' && encoding != 'Q') return std::nullopt;
  const std::size_t payloadBegin = charsetEnd + 3;
  const std::size_t close =
      text.substr(0, payloadBegin + kMaxWordPayload + 2).find("?=", payloadBegin);
  if (close == std::string_view::npos) return std::nullopt;
  const std::string_view charset = text.substr(at + 2, charsetEnd - at - 2);
  const std::string_view payload = text.substr(payloadBegin, close - payloadBegin);
  if (std::any_of(charset.begin(), charset.end(), ascii::isSpace) ||
      std::any_of(payload.begin(), payload.end(), ascii::isSpace) ||
      payload.find('?') != std::string_view::npos) {  // RFC 2047 encoded-text has no '?'
    return std::nullopt;
  }
  EncodedWord word;
  word.begin = at;
  word.end = close + 2;
  word.charset = ascii::lower(charset.substr(0, charset.find('*')));
  word.bytes = encoding == 'B' ? decodeBase64Lenient(payload) : decodeQEncoding(payload);
  return word;
}

// Bytes in one charset, gathered from adjacent encoded words and converted at once.
class PendingRun {
 public:
  explicit PendingRun(std::string& out) : out_(out) {}

  void add(const EncodedWord& word) {
    if (!bytes_.empty() && word.charset != charset_) flush();
    charset_ = word.charset;
    bytes_ += word.bytes;
  }

  void flush() {
    if (bytes_.empty()) return;
    out_ += toUtf8BestEffort(bytes_, charset_);
    bytes_.clear();
  }

 private:
  std::string& out_;
  std::string charset_;
  std::string bytes_;
};

std::string percentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && ascii::hexValue(s[i + 1]) >= 0 &&
        ascii::hexValue(s[i + 2]) >= 0) {
      out += static_cast<char>(ascii::hexValue(s[i + 1]) * 16 + ascii::hexValue(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// One `name=value` as written, before RFC 2231 assembly.
struct RawParameter {
  std::string name;  // lower-cased, with its "*" suffixes
  std::string value;
};

std::vector<RawParameter> splitParameters(std::string_view text) {
  std::vector<RawParameter> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (ascii::isSpace(text[i]) || text[i] == ';')) ++i;
    const std::size_t nameBegin = i;
    while (i < text.size() && text[i] != '=' && text[i] != ';') ++i;
    if (i >= text.size() || text[i] == ';') continue;  // no '=': not a parameter
    const std::string name = ascii::lower(ascii::trim(text.substr(nameBegin, i - nameBegin)));
    ++i;  // '='
    while (i < text.size() && ascii::isSpace(text[i])) ++i;
    std::string value;
    if (i < text.size() && text[i] == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) ++i;  // quoted-pair
        value += text[i];
      }
      if (i < text.size()) ++i;  // the closing quote
      while (i < text.size() && text[i] != ';') ++i;
    } else {
      const std::size_t valueBegin = i;
      while (i < text.size() && text[i] != ';') ++i;
      value = std::string(ascii::trim(text.substr(valueBegin, i - valueBegin)));
    }
    if (!name.empty()) out.push_back({name, std::move(value)});
  }
  return out;
}

// A parameter's pieces by RFC 2231 section number (a plain `name=` is section -1).
struct Sections {
  std::size_t order = 0;  // first appearance, to keep the parameters in order
  std::string plain;
  bool hasPlain = false;
  std::map<int, std::pair<std::string, bool>> sections;  // number → (value, *-encoded)
};

std::string assembleExtended(const Sections& sections) {
  std::string charset;
  std::string bytes;
  bool first = true;
  for (const auto& [number, piece] : sections.sections) {
    const auto& [value, encoded] = piece;
    if (!encoded) {
      bytes += value;
    } else if (first) {
      // charset'language'text; a mailer that forgets the quotes gets its text read as is.
      const std::size_t q1 = value.find('\'');
      const std::size_t q2 = q1 == std::string::npos ? q1 : value.find('\'', q1 + 1);
      if (q2 == std::string::npos) {
        bytes += percentDecode(value);
      } else {
        charset = value.substr(0, q1);
        bytes += percentDecode(std::string_view(value).substr(q2 + 1));
      }
    } else {
      bytes += percentDecode(value);
    }
    first = false;
  }
  return toUtf8BestEffort(bytes, charset);
}

}  // namespace

std::string decodeHeaderText(std::string_view value) {
  std::string out;
  PendingRun run(out);
  std::size_t at = 0;
  std::size_t literalBegin = 0;
  bool afterWord = false;
  const auto literal = [&](std::size_t end) {
    const std::string_view text = value.substr(literalBegin, end - literalBegin);
    if (text.empty()) return;
    // Only whitespace between two encoded words is dropped (RFC 2047 §6.2); the run stays open
    // so a character split across the two words is joined.
    if (afterWord && ascii::trim(text).empty()) return;
    run.flush();
    out += toUtf8BestEffort(text, "");
  };
  while (at < value.size()) {
    const std::size_t start = value.find("=?", at);
    if (start == std::string_view::npos) break;
    std::optional<EncodedWord> word = encodedWordAt(value, start);
    if (!word) {
      at = start + 2;
      continue;
    }
    literal(start);
    run.add(*word);
    afterWord = true;
    at = literalBegin = word->end;
  }
  afterWord = false;
  literal(value.size());
  run.flush();
  return out;
}

const std::string* ParameterizedHeader::raw(std::string_view name) const {
  const std::string wanted = ascii::lower(name);
  for (const HeaderParameter& parameter : parameters) {
    if (parameter.name == wanted) return &parameter.value;
  }
  return nullptr;
}

std::optional<std::string> ParameterizedHeader::text(std::string_view name) const {
  const std::string wanted = ascii::lower(name);
  for (const HeaderParameter& parameter : parameters) {
    if (parameter.name != wanted) continue;
    if (parameter.extended) return parameter.value;
    return decodeHeaderText(parameter.value);
  }
  return std::nullopt;
}

ParameterizedHeader parseParameterizedHeader(std::string_view headerValue) {
  ParameterizedHeader header;
  const std::size_t semicolon = headerValue.find(';');
  header.value = ascii::lower(ascii::trim(headerValue.substr(0, semicolon)));
  if (semicolon == std::string_view::npos) return header;

  std::map<std::string, Sections> byName;
  std::size_t order = 0;
  for (RawParameter& raw : splitParameters(headerValue.substr(semicolon + 1))) {
    std::string name = raw.name;
    bool encoded = false;
    int section = -1;
    if (!name.empty() && name.back() == '*') {
      encoded = true;
      name.pop_back();
    }
    const std::size_t star = name.find('*');
    if (star != std::string::npos) {
      const std::string digits = name.substr(star + 1);
      if (digits.empty() || digits.size() > 3 ||
          !std::all_of(digits.begin(), digits.end(),
                       [](unsigned char c) { return std::isdigit(c); })) {
        continue;  // not RFC 2231: ignore rather than guess
      }
      section = std::stoi(digits);
      name.resize(star);
    } else if (encoded) {
      section = 0;  // name*=charset'lang'value: one encoded section
    }
    auto [it, inserted] = byName.try_emplace(name);
    if (inserted) it->second.order = order++;
    if (section < 0) {
      if (!it->second.hasPlain) it->second.plain = std::move(raw.value);
      it->second.hasPlain = true;
    } else {
      it->second.sections.try_emplace(section, std::move(raw.value), encoded);
    }
  }

  std::vector<std::pair<std::size_t, HeaderParameter>> ordered;
  for (auto& [name, sections] : byName) {
    HeaderParameter parameter;
    parameter.name = name;
    if (!sections.sections.empty()) {
      const bool anyEncoded = std::any_of(sections.sections.begin(), sections.sections.end(),
                                          [](const auto& entry) { return entry.second.second; });
      if (anyEncoded) {
        parameter.value = assembleExtended(sections);
        parameter.extended = true;
      } else {
        for (const auto& [number, piece] : sections.sections) parameter.value += piece.first;
      }
    } else {
      parameter.value = std::move(sections.plain);
    }
    ordered.emplace_back(sections.order, std::move(parameter));
  }
  std::sort(ordered.begin(), ordered.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [order_, parameter] : ordered) header.parameters.push_back(std::move(parameter));
  return header;
}

}  // namespace civicdesk::channels::email
