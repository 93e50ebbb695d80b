#pragma once
// An owned iconv conversion descriptor (glibc <iconv.h>) converting to UTF-8. Internal to the
// email charset code; Charset.hpp is the interface to use.
#include <iconv.h>

#include <string>
#include <string_view>

#include "util/Expected.hpp"

namespace civicdesk::channels::email {

class Iconv {
 public:
  // Opens a converter from `fromCharset` (an iconv name such as "GB18030") to UTF-8. Check
  // valid() before use: an unknown name is a normal outcome, not an exception.
  explicit Iconv(const std::string& fromCharset);
  ~Iconv();
  Iconv(const Iconv&) = delete;
  Iconv& operator=(const Iconv&) = delete;

  bool valid() const { return handle_ != invalidHandle(); }

  // The whole of `bytes` as UTF-8; an error names the offset of the first invalid or
  // truncated sequence.
  Expected<std::string, std::string> convert(std::string_view bytes);

  // The same, with U+FFFD for every byte that starts no valid sequence; never fails.
  std::string convertLenient(std::string_view bytes);

 private:
  static iconv_t invalidHandle() { return reinterpret_cast<iconv_t>(-1); }

  iconv_t handle_;
};

}  // namespace civicdesk::channels::email
