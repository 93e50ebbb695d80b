#include "workflows/complaints/PhoneNumbers.hpp"

#include "workflows/complaints/ExtractionText.hpp"

namespace civicdesk::workflows {
namespace {

using extraction::dictatedDigit;

// What people and speech recognisers put between the digits of one number.
bool isDigitGap(char32_t c) {
  switch (c) {
    case ' ':
    case '\t':
    case '-':
    case '(':
    case ')':
    case '+':
    case U'—':
    case U'–':
    case U'（':
    case U'）':
      return true;
    default:
      return false;
  }
}

// At most this many gap characters join two digit groups into one number ("0571 - 8888").
constexpr std::size_t kMaxGap = 3;

// A run of digits of one script: ASCII digits and dictated Chinese digits form separate
// groups, so "一13800138000" ("one" and then a number) still holds the number.
struct Group {
  std::string digits;
  std::size_t begin;
  std::size_t end;
};

bool isMobile(std::string_view d) {
  return d.size() == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9';
}

// The eleven digits of a mobile written with or without the country code.
std::optional<std::string> asMobile(std::string_view d) {
  if (d.size() == 15 && d.substr(0, 4) == "0086") d.remove_prefix(4);
  if (d.size() == 13 && d.substr(0, 2) == "86") d.remove_prefix(2);
  if (isMobile(d)) return std::string(d);
  return std::nullopt;
}

std::optional<PhoneMention> readWindow(const std::vector<Group>& chain, std::size_t from,
                                       std::size_t to) {
  std::string digits;
  for (std::size_t k = from; k <= to; ++k) digits += chain[k].digits;
  PhoneMention mention;
  mention.begin = chain[from].begin;
  mention.end = chain[to].end;
  if (auto mobile = asMobile(digits)) {
    mention.kind = PhoneKind::Mobile;
    mention.number = *mobile;
    return mention;
  }
  // An area code apart from the number, which may itself be written in parts ("6512 3456").
  const std::string& first = chain[from].digits;
  const std::size_t rest = digits.size() - first.size();
  if (to > from && first[0] == '0' && first.size() >= 3 && first.size() <= 4 && rest >= 7 &&
      rest <= 8) {
    mention.kind = PhoneKind::Landline;
    mention.number = first + "-" + digits.substr(first.size());
    return mention;
  }
  if (to == from && digits.size() >= 10 && digits[0] == '0' && digits[1] != '0' &&
      digits.size() <= 12) {
    mention.kind = PhoneKind::Landline;
    mention.number = digits;
    return mention;
  }
  return std::nullopt;
}

// Within one chain of linked groups, the numbers left to right: at each group the shortest
// window that reads as a number, then on after it.
void readChain(const std::vector<Group>& chain, bool plus, std::vector<PhoneMention>& out) {
  constexpr std::size_t kLongest = 15;  // "0086" and eleven digits
  // "+1 415…": another country's number, whatever its digits look like.
  if (plus && !chain.empty() && !chain.front().digits.starts_with("86")) return;
  for (std::size_t from = 0; from < chain.size();) {
    std::size_t length = 0;
    bool found = false;
    for (std::size_t to = from; to < chain.size(); ++to) {
      length += chain[to].digits.size();
      if (length > kLongest) break;
      if (auto mention = readWindow(chain, from, to)) {
        out.push_back(std::move(*mention));
        from = to + 1;
        found = true;
        break;
      }
    }
    if (!found) ++from;
  }
}

}  // namespace

std::vector<PhoneMention> findPhoneNumbers(std::u32string_view text) {
  std::vector<PhoneMention> found;
  std::vector<Group> chain;
  std::size_t gap = 0;
  bool lastChinese = false;
  bool plus = false;  // the chain starts with "+": an international number
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const char32_t c = i < text.size() ? text[i] : U'\n';
    const auto digit = dictatedDigit(c);
    if (digit) {
      const bool chinese = c > 0x7F;
      if (chain.empty()) {
        std::size_t before = i;
        while (before > 0 && text[before - 1] == ' ') --before;
        plus = before > 0 && text[before - 1] == '+';
      }
      if (chain.empty() || gap > 0 || chinese != lastChinese) {
        chain.push_back(Group{{}, i, i});
      }
      chain.back().digits += static_cast<char>('0' + *digit);
      chain.back().end = i + 1;
      lastChinese = chinese;
      gap = 0;
    } else if (!chain.empty() && isDigitGap(c) && gap < kMaxGap) {
      ++gap;
    } else {
      readChain(chain, plus, found);
      chain.clear();
      gap = 0;
    }
  }
  return found;
}

std::optional<std::string> wholeMainlandMobile(std::string_view text) {
  const std::u32string folded = extraction::fold(text);
  std::string digits;
  for (char32_t c : folded) {
    if (auto d = dictatedDigit(c)) {
      digits += static_cast<char>('0' + *d);
    } else if (!isDigitGap(c) && c != '.') {
      return std::nullopt;
    }
  }
  return asMobile(digits);
}

std::string phoneDigits(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') digits += c;
  }
  return digits;
}

}  // namespace civicdesk::workflows
