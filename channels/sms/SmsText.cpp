#include "channels/sms/SmsText.hpp"

#include <stdexcept>

#include "util/Utf8.hpp"

namespace civicdesk::channels {

namespace {

bool isSpace(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\r' || c == U'\n' || c == 0x3000;
}

bool endsSentenceAlways(char32_t c) {
  return c == U'。' || c == U'！' || c == U'？' || c == U'；' || c == U'\n';
}

bool endsSentenceBeforeSpace(char32_t c) {
  return c == U'.' || c == U'!' || c == U'?' || c == U';';
}

// The sentences of `text`, each with its terminator; concatenated they are `text` again.
std::vector<std::u32string> sentences(const std::u32string& text) {
  std::vector<std::u32string> out;
  std::u32string current;
  for (std::size_t i = 0; i < text.size(); ++i) {
    current.push_back(text[i]);
    const bool last = i + 1 == text.size();
    if (endsSentenceAlways(text[i]) ||
        (endsSentenceBeforeSpace(text[i]) && (last || isSpace(text[i + 1])))) {
      out.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

std::u32string trimmed(const std::u32string& text) {
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && isSpace(text[begin])) ++begin;
  while (end > begin && isSpace(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

// Greedy packing: whole sentences while they fit, a hard cut for one that never could.
std::vector<std::u32string> pack(const std::vector<std::u32string>& parts, std::size_t capacity) {
  std::vector<std::u32string> out;
  std::u32string current;
  auto flush = [&] {
    std::u32string part = trimmed(current);
    if (!part.empty()) out.push_back(std::move(part));
    current.clear();
  };
  for (const std::u32string& sentence : parts) {
    if (current.size() + sentence.size() <= capacity) {
      current += sentence;
      continue;
    }
    flush();
    // Leading white space would be trimmed from the part anyway; dropping it first lets a
    // sentence that fits without it stay whole.
    std::u32string rest = sentence;
    while (!rest.empty() && isSpace(rest.front())) rest.erase(rest.begin());
    while (rest.size() > capacity) {
      current = rest.substr(0, capacity);
      rest.erase(0, capacity);
      flush();
    }
    // What is left of a cut sentence may share its part with the following sentences.
    current = std::move(rest);
  }
  flush();
  return out;
}

std::size_t digits(std::size_t n) {
  std::size_t count = 1;
  while (n >= 10) {
    n /= 10;
    ++count;
  }
  return count;
}

}  // namespace

std::vector<std::string> splitForSms(std::string_view text, std::size_t limit) {
  const std::string clean = utf8::sanitize(text);
  const std::u32string codePoints = utf8::decode(clean);
  if (codePoints.size() <= limit) return {clean};

  // Over the limit only by white space at its ends: one message without a prefix.
  if (const std::u32string whole = trimmed(codePoints); whole.size() <= limit) {
    return {utf8::encode(whole)};
  }

  const std::vector<std::u32string> parts = sentences(codePoints);
  // The prefix "(i/n)" is as wide as its widest form, "(n/n)"; every part is given that
  // budget so that part 10 of 12 fits as well as part 1. The number of parts depends on the
  // budget and the budget on the number of parts, so widen until they agree.
  for (std::size_t width = 1;; ++width) {
    const std::size_t prefix = 2 * width + 3;
    if (prefix >= limit) throw std::invalid_argument("SMS limit too small for numbered parts");
    const std::vector<std::u32string> packed = pack(parts, limit - prefix);
    if (digits(packed.size()) > width) continue;

    std::vector<std::string> out;
    out.reserve(packed.size());
    for (std::size_t i = 0; i < packed.size(); ++i) {
      out.push_back("(" + std::to_string(i + 1) + "/" + std::to_string(packed.size()) + ")" +
                    utf8::encode(packed[i]));
    }
    return out;
  }
}

}  // namespace civicdesk::channels
