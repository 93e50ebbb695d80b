#include "channels/email/HtmlText.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>

#include "util/AsciiText.hpp"
#include "util/Utf8.hpp"

namespace civicdesk::channels::email {

namespace {

struct Entity {
  std::string_view name;
  char32_t codePoint;
};

// The entities mail clients actually emit; &nbsp; becomes a plain space so that the text
// matches what a citizen would type.
constexpr std::array kEntities = {
    Entity{"nbsp", U' '},       Entity{"lt", U'<'},          Entity{"gt", U'>'},
    Entity{"amp", U'&'},        Entity{"quot", U'"'},        Entity{"apos", U'\''},
    Entity{"ldquo", U'\u201C'}, Entity{"rdquo", U'\u201D'},  Entity{"lsquo", U'\u2018'},
    Entity{"rsquo", U'\u2019'}, Entity{"hellip", U'\u2026'}, Entity{"mdash", U'\u2014'},
    Entity{"ndash", U'\u2013'}, Entity{"middot", U'\u00B7'}, Entity{"bull", U'\u2022'},
    Entity{"yen", U'\u00A5'},   Entity{"copy", U'\u00A9'},   Entity{"reg", U'\u00AE'},
    Entity{"times", U'\u00D7'}, Entity{"deg", U'\u00B0'},
};

bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}

bool breaksLine(std::string_view tag) {
  static constexpr std::array kBlocks = {"br",      "p",      "div",    "li", "tr",  "h1",
                                         "h2",      "h3",     "h4",     "h5", "h6",  "blockquote",
                                         "hr",      "table",  "ul",     "ol", "pre", "section",
                                         "article", "header", "footer", "dd", "dt"};
  return std::find(kBlocks.begin(), kBlocks.end(), tag) != kBlocks.end();
}

bool dropsContent(std::string_view tag) {
  return tag == "script" || tag == "style" || tag == "head" || tag == "title";
}

// Where "</name" starts at or after `from`, in any letter case; npos when nowhere. Linear: no
// copy of the rest of the document per tag.
std::size_t findClosingTag(std::string_view html, std::size_t from, std::string_view name) {
  for (std::size_t at = html.find("</", from); at != std::string_view::npos;
       at = html.find("</", at + 2)) {
    const std::string_view candidate = html.substr(at + 2, name.size());
    if (ascii::equalsIgnoringCase(candidate, name)) {
      return at;
    }
  }
  return std::string_view::npos;
}

// The entity at html[at] ('&'), appended to `out`; returns the characters consumed (0: not an
// entity, the '&' is text).
std::size_t decodeEntity(std::string_view html, std::size_t at, std::string& out) {
  // Entities are short; looking further would make a text full of '&' cost quadratic time.
  const std::size_t semicolon = html.substr(0, at + 12).find(';', at + 1);
  if (semicolon == std::string_view::npos) return 0;
  const std::string_view body = html.substr(at + 1, semicolon - at - 1);
  char32_t codePoint = 0;
  if (!body.empty() && body.front() == '#') {
    const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    const std::string_view digits = body.substr(hex ? 2 : 1);
    std::uint32_t value = 0;
    const auto [ptr, ec] =
        std::from_chars(digits.data(), digits.data() + digits.size(), value, hex ? 16 : 10);
    if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size()) return 0;
    // Not a scalar value (a surrogate, beyond U+10FFFF, NUL): a replacement character.
    const bool scalar = value != 0 && value <= 0x10FFFF && (value < 0xD800 || value > 0xDFFF);
    codePoint = scalar ? value : utf8::kReplacementCharacter;
  } else {
    const std::string name = ascii::lower(body);
    const auto it = std::find_if(kEntities.begin(), kEntities.end(),
                                 [&](const Entity& e) { return e.name == name; });
    if (it == kEntities.end()) return 0;
    codePoint = it->codePoint;
  }
  out += utf8::encode(std::u32string(1, codePoint));
  return semicolon - at + 1;
}

// Marks the end of a block element in the intermediate text: unlike <br> (a '\n'), several in
// a row make one line break, as in a browser.
constexpr char kBlockBreak = '\x01';

// How many line breaks a run of breaks between two texts makes: <br>s count one each, block
// ends together one; a block end before a <br> adds one ("<div>a</div><div><br></div>" is a
// blank line), at most two in all.
std::size_t breaksOf(std::size_t hard, bool anySoft, bool softFirst) {
  std::size_t count = std::max<std::size_t>(hard, anySoft ? 1 : 0);
  if (hard > 0 && softFirst) ++count;
  return std::min<std::size_t>(count, 2);
}

// Collapses the result: white space runs to one space, spaces around line breaks removed,
// breaks counted as above, no leading or trailing blank lines.
std::string tidy(std::string_view text) {
  std::string out;
  std::size_t hard = 0;
  bool anySoft = false;
  bool softFirst = false;
  bool pendingSpace = false;
  for (char c : text) {
    if (c == '\n' || c == kBlockBreak) {
      if (hard == 0 && c == kBlockBreak) softFirst = true;
      if (c == '\n') ++hard;
      anySoft = anySoft || c == kBlockBreak;
      pendingSpace = false;
      continue;
    }
    if (c == ' ') {
      pendingSpace = true;
      continue;
    }
    if (hard > 0 || anySoft) {
      if (!out.empty()) out.append(breaksOf(hard, anySoft, softFirst), '\n');
      hard = 0;
      anySoft = softFirst = false;
      pendingSpace = false;
    }
    if (pendingSpace && !out.empty()) out += ' ';
    pendingSpace = false;
    out += c;
  }
  return out;
}

}  // namespace

std::string htmlToText(std::string_view html) {
  std::string text;
  text.reserve(html.size());
  std::size_t i = 0;
  while (i < html.size()) {
    const char c = html[i];
    if (c == '<') {
      if (html.substr(i, 4) == "<!--") {
        const std::size_t end = html.find("-->", i + 4);
        i = end == std::string_view::npos ? html.size() : end + 3;
        continue;
      }
      const std::size_t end = html.find('>', i + 1);
      if (end == std::string_view::npos) break;  // a cut-off tag: nothing readable follows
      std::string_view tag = html.substr(i + 1, end - i - 1);
      const bool closing = !tag.empty() && tag.front() == '/';
      if (closing) tag.remove_prefix(1);
      std::size_t nameEnd = 0;
      while (nameEnd < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[nameEnd])))) {
        ++nameEnd;
      }
      const std::string name = ascii::lower(tag.substr(0, nameEnd));
      i = end + 1;
      if (!closing && dropsContent(name)) {
        const std::size_t close = findClosingTag(html, i, name);
        if (close == std::string_view::npos) break;
        const std::size_t closeEnd = html.find('>', close);
        i = closeEnd == std::string_view::npos ? html.size() : closeEnd + 1;
        continue;
      }
      if (name == "br") {
        text += '\n';
      } else if (breaksLine(name)) {
        text += kBlockBreak;
      }
      continue;
    }
    if (c == '&') {
      const std::size_t used = decodeEntity(html, i, text);
      if (used > 0) {
        i += used;
        continue;
      }
    }
    text += isSpace(c) || c == kBlockBreak ? ' ' : c;
    ++i;
  }
  return tidy(text);
}

}  // namespace civicdesk::channels::email
