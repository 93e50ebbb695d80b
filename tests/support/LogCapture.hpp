#pragma once
// A stream the service logs to that a test may read while the service still writes to it
// (std::ostringstream may not be read while another thread writes).
#include <mutex>
#include <ostream>
#include <streambuf>
#include <string>

namespace civicdesk::testing {

class LogCapture {
 public:
  std::ostream& stream() { return stream_; }
  std::string text() const { return buffer_.text(); }

 private:
  class Buffer : public std::streambuf {
   public:
    std::string text() const {
      std::lock_guard lock(mutex_);
      return text_;
    }

   protected:
    int_type overflow(int_type c) override {
      if (!traits_type::eq_int_type(c, traits_type::eof())) {
        std::lock_guard lock(mutex_);
        text_.push_back(traits_type::to_char_type(c));
      }
      return traits_type::not_eof(c);
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
      std::lock_guard lock(mutex_);
      text_.append(s, static_cast<std::size_t>(n));
      return n;
    }

   private:
    mutable std::mutex mutex_;
    std::string text_;
  };

  Buffer buffer_;
  std::ostream stream_{&buffer_};
};

}  // namespace civicdesk::testing
