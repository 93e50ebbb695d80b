#include "channels/email/Iconv.hpp"

#include <cerrno>
#include <stdexcept>

namespace civicdesk::channels::email {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// What one pass over the input ended with.
enum class Stop { Done, Invalid, Truncated };

// Converts as much of `in` as possible, appending to `out`; `in` is advanced past what was
// consumed. E2BIG is handled here by converting in chunks, so only the input decides the end.
Stop convertSome(iconv_t handle, std::string_view& in, std::string& out) {
  char chunk[4096];
  // glibc's iconv takes char** for its input although it never writes through it.
  char* inPtr = const_cast<char*>(in.data());
  std::size_t inLeft = in.size();
  Stop stop = Stop::Done;
  while (true) {
    char* outPtr = chunk;
    std::size_t outLeft = sizeof chunk;
    const std::size_t result =
        ::iconv(handle, inLeft > 0 ? &inPtr : nullptr, &inLeft, &outPtr, &outLeft);
    out.append(chunk, static_cast<std::size_t>(outPtr - chunk));
    if (result != static_cast<std::size_t>(-1)) {
      if (inLeft == 0) break;
      continue;
    }
    if (errno == E2BIG) continue;
    stop = errno == EINVAL ? Stop::Truncated : Stop::Invalid;
    break;
  }
  in.remove_prefix(in.size() - inLeft);
  return stop;
}

}  // namespace

Iconv::Iconv(const std::string& fromCharset)
    : handle_(::iconv_open("UTF-8", fromCharset.c_str())) {}

Iconv::~Iconv() {
  if (valid()) ::iconv_close(handle_);
}

Expected<std::string, std::string> Iconv::convert(std::string_view bytes) {
  if (!valid()) throw std::logic_error("Iconv used without a valid converter");
  std::string out;
  out.reserve(bytes.size() * 3 / 2);
  const std::size_t total = bytes.size();
  const Stop stop = convertSome(handle_, bytes, out);
  ::iconv(handle_, nullptr, nullptr, nullptr, nullptr);  // reset the shift state for reuse
  if (stop == Stop::Done) return out;
  const std::string where = std::to_string(total - bytes.size());
  if (stop == Stop::Truncated) return unexpected("truncated sequence at byte " + where);
  return unexpected("invalid sequence at byte " + where);
}

std::string Iconv::convertLenient(std::string_view bytes) {
  if (!valid()) throw std::logic_error("Iconv used without a valid converter");
  std::string out;
  out.reserve(bytes.size() * 3 / 2);
  while (true) {
    const Stop stop = convertSome(handle_, bytes, out);
    if (stop == Stop::Done) break;
    out += kReplacement;
    // One byte per replacement: the next byte may well start a valid character (a GBK lead
    // byte followed by ASCII loses only the lead byte).
    if (stop == Stop::Truncated || bytes.empty()) break;
    bytes.remove_prefix(1);
    ::iconv(handle_, nullptr, nullptr, nullptr, nullptr);
  }
  ::iconv(handle_, nullptr, nullptr, nullptr, nullptr);
  return out;
}

}  // namespace civicdesk::channels::email
