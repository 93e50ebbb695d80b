#include "channels/email/Charset.hpp"
#include "util/AsciiText.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "channels/email/Iconv.hpp"
#include "util/Utf8.hpp"

namespace civicdesk::channels::email {

namespace {

// How a label is decoded. Utf8, Ascii, Latin1 and Hz are done here; Iconv names the converter.
enum class Decoder { Utf8, Ascii, Latin1, Hz, Iconv };

struct Charset {
  Decoder decoder;
  std::string iconvName;  // for Decoder::Iconv
};

// Labels as mail carries them, after normalizeLabel().
struct Alias {
  std::string_view label;
  Decoder decoder;
  std::string_view iconvName;
};

// GB2312 and GBK are subsets of GB18030, and mislabelled GBK is the rule rather than the
// exception in Chinese mail (§4.3), so all of them take the GB18030 converter. Big5 labels take
// Big5-HKSCS, a superset that also covers the Hong Kong characters in names (the WHATWG "big5"
// decoder is Big5-HKSCS too).
constexpr std::array kAliases = {
    Alias{"utf-8", Decoder::Utf8, ""},
    Alias{"utf8", Decoder::Utf8, ""},
    Alias{"unicode-1-1-utf-8", Decoder::Utf8, ""},
    Alias{"x-unicode20utf8", Decoder::Utf8, ""},
    Alias{"us-ascii", Decoder::Ascii, ""},
    Alias{"ascii", Decoder::Ascii, ""},
    Alias{"ansi_x3.4-1968", Decoder::Ascii, ""},
    Alias{"iso646-us", Decoder::Ascii, ""},
    Alias{"iso-8859-1", Decoder::Latin1, ""},
    Alias{"iso8859-1", Decoder::Latin1, ""},
    Alias{"iso_8859-1", Decoder::Latin1, ""},
    Alias{"latin1", Decoder::Latin1, ""},
    Alias{"l1", Decoder::Latin1, ""},
    Alias{"hz-gb-2312", Decoder::Hz, ""},
    Alias{"hz", Decoder::Hz, ""},
    Alias{"gb2312", Decoder::Iconv, "GB18030"},
    Alias{"gb_2312", Decoder::Iconv, "GB18030"},
    Alias{"gb_2312-80", Decoder::Iconv, "GB18030"},
    Alias{"gb-2312", Decoder::Iconv, "GB18030"},
    Alias{"csgb2312", Decoder::Iconv, "GB18030"},
    Alias{"euc-cn", Decoder::Iconv, "GB18030"},
    Alias{"x-euc-cn", Decoder::Iconv, "GB18030"},
    Alias{"chinese", Decoder::Iconv, "GB18030"},
    Alias{"iso-ir-58", Decoder::Iconv, "GB18030"},
    Alias{"csiso58gb231280", Decoder::Iconv, "GB18030"},
    Alias{"gbk", Decoder::Iconv, "GB18030"},
    Alias{"x-gbk", Decoder::Iconv, "GB18030"},
    Alias{"cp936", Decoder::Iconv, "GB18030"},
    Alias{"ms936", Decoder::Iconv, "GB18030"},
    Alias{"windows-936", Decoder::Iconv, "GB18030"},
    Alias{"gb18030", Decoder::Iconv, "GB18030"},
    Alias{"big5", Decoder::Iconv, "BIG5-HKSCS"},
    Alias{"big-5", Decoder::Iconv, "BIG5-HKSCS"},
    Alias{"x-x-big5", Decoder::Iconv, "BIG5-HKSCS"},
    Alias{"cn-big5", Decoder::Iconv, "BIG5-HKSCS"},
    Alias{"csbig5", Decoder::Iconv, "BIG5-HKSCS"},
    Alias{"big5-hkscs", Decoder::Iconv, "BIG5-HKSCS"},
    Alias{"cp950", Decoder::Iconv, "BIG5-HKSCS"},
};

// "\"GB2312\" " → "gb2312".
std::string normalizeLabel(std::string_view label) {
  while (!label.empty() && (std::isspace(static_cast<unsigned char>(label.front())) ||
                            label.front() == '"' || label.front() == '\'')) {
    label.remove_prefix(1);
  }
  while (!label.empty() && (std::isspace(static_cast<unsigned char>(label.back())) ||
                            label.back() == '"' || label.back() == '\'')) {
    label.remove_suffix(1);
  }
  return ascii::lower(label);
}

// A label outside our table is passed to iconv only when it looks like a charset name: iconv
// also parses suffixes such as "//IGNORE" that would change how errors are handled.
bool plainName(std::string_view label) {
  return !label.empty() && label.size() <= 40 &&
         std::all_of(label.begin(), label.end(), [](unsigned char c) {
           return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == ':';
         });
}

std::optional<Charset> lookup(std::string_view charsetLabel) {
  const std::string label = normalizeLabel(charsetLabel);
  for (const Alias& alias : kAliases) {
    if (alias.label == label) return Charset{alias.decoder, std::string(alias.iconvName)};
  }
  if (!plainName(label)) return std::nullopt;
  if (!Iconv(label).valid()) return std::nullopt;
  return Charset{Decoder::Iconv, label};
}

Expected<std::string, std::string> strictUtf8(std::string_view bytes) {
  for (std::size_t at = 0; at < bytes.size();) {
    const utf8::Decoded decoded = utf8::decodeAt(bytes, at);
    if (!decoded.valid) return unexpected("invalid UTF-8 at byte " + std::to_string(at));
    at += decoded.length;
  }
  return std::string(bytes);
}

std::string latin1(std::string_view bytes) {
  std::u32string codePoints;
  codePoints.reserve(bytes.size());
  for (unsigned char c : bytes) codePoints.push_back(c);
  return utf8::encode(codePoints);
}

// GB18030's encoding of U+FFFD, so HZ's lenient mode can mark a bad spot in the GB bytes it
// hands on.
constexpr std::string_view kGbReplacement = "\x84\x31\xA4\x37";

// HZ (RFC 1843): 7-bit ASCII where "~{" switches to GB2312 rows written with the high bits
// cleared and "~}" switches back; "~~" is a tilde and "~" before a newline joins lines. Turned
// into EUC-CN bytes for the GB18030 converter. Without `lenient`, anything else is an error.
Expected<std::string, std::string> hzToGb(std::string_view text, bool lenient) {
  std::string out;
  bool gbMode = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const auto bad = [&]() -> bool {
      if (!lenient) return false;
      out += kGbReplacement;
      return true;
    };
    if (c >= 0x80) {
      if (!bad()) return unexpected("8-bit byte in HZ text at byte " + std::to_string(i));
      continue;
    }
    if (c == '~' && i + 1 < text.size()) {
      const char next = text[i + 1];
      if (next == '{' || next == '}') {
        gbMode = next == '{';
        ++i;
        continue;
      }
      if (!gbMode && next == '~') {
        out += '~';
        ++i;
        continue;
      }
      if (!gbMode && (next == '\n' || next == '\r')) {
        ++i;
        if (next == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        continue;
      }
    }
    if (!gbMode) {
      out += static_cast<char>(c);
      continue;
    }
    if (c == '\r' || c == '\n') {  // a line break ends GB mode in practice
      gbMode = false;
      out += static_cast<char>(c);
      continue;
    }
    if (i + 1 >= text.size() || c < 0x21 || c > 0x7E ||
        static_cast<unsigned char>(text[i + 1]) < 0x21 ||
        static_cast<unsigned char>(text[i + 1]) > 0x7E) {
      if (!bad()) return unexpected("invalid HZ sequence at byte " + std::to_string(i));
      continue;
    }
    out += static_cast<char>(c | 0x80);
    out += static_cast<char>(static_cast<unsigned char>(text[i + 1]) | 0x80);
    ++i;
  }
  return out;
}

}  // namespace

Expected<std::string, std::string> toUtf8(std::string_view bytes, std::string_view charsetLabel) {
  const std::optional<Charset> charset = lookup(charsetLabel);
  if (!charset) return unexpected("unknown charset \"" + std::string(charsetLabel) + "\"");
  switch (charset->decoder) {
    case Decoder::Utf8:
      return strictUtf8(bytes);
    case Decoder::Ascii: {
      const auto high =
          std::find_if(bytes.begin(), bytes.end(), [](unsigned char c) { return c >= 0x80; });
      if (high != bytes.end()) {
        return unexpected("8-bit byte in US-ASCII text at byte " +
                          std::to_string(high - bytes.begin()));
      }
      return std::string(bytes);
    }
    case Decoder::Latin1:
      return latin1(bytes);
    case Decoder::Hz: {
      Expected<std::string, std::string> gb = hzToGb(bytes, false);
      if (!gb) return unexpected(gb.error());
      return Iconv("GB18030").convert(*gb);
    }
    case Decoder::Iconv:
      break;
  }
  Iconv converter(charset->iconvName);
  if (!converter.valid()) return unexpected("iconv cannot open " + charset->iconvName);
  Expected<std::string, std::string> text = converter.convert(bytes);
  if (!text) return unexpected(charset->iconvName + ": " + text.error());
  return text;
}

std::string toUtf8Lenient(std::string_view bytes, std::string_view charsetLabel) {
  const std::optional<Charset> charset = lookup(charsetLabel);
  if (!charset) return utf8::sanitize(bytes);
  switch (charset->decoder) {
    case Decoder::Utf8:
    case Decoder::Ascii:  // 8-bit bytes under an ASCII label are most often UTF-8
      return utf8::sanitize(bytes);
    case Decoder::Latin1:
      return latin1(bytes);
    case Decoder::Hz:
      return Iconv("GB18030").convertLenient(hzToGb(bytes, true).value());
    case Decoder::Iconv:
      break;
  }
  Iconv converter(charset->iconvName);
  if (!converter.valid()) return utf8::sanitize(bytes);
  return converter.convertLenient(bytes);
}

std::string toUtf8BestEffort(std::string_view bytes, std::string_view charsetLabel) {
  const bool declared = !normalizeLabel(charsetLabel).empty();
  if (declared) {
    Expected<std::string, std::string> text = toUtf8(bytes, charsetLabel);
    if (text) return std::move(text).value();
  }
  if (Expected<std::string, std::string> text = strictUtf8(bytes)) return std::move(text).value();
  if (Expected<std::string, std::string> text = toUtf8(bytes, "gb18030")) {
    return std::move(text).value();
  }
  return declared ? toUtf8Lenient(bytes, charsetLabel) : utf8::sanitize(bytes);
}

bool isKnownCharset(std::string_view charsetLabel) {
  return lookup(charsetLabel).has_value();
}

}  // namespace civicdesk::channels::email
