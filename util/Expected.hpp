#pragma once
// A small subset of C++23 std::expected, for validation results under C++20.
// Exceptions are for the exceptional; a citizen typing a wrong phone number is not, so
// validators and parsers return Expected<T, E>. The names and semantics follow
// std::expected so that moving to C++23 is a search-and-replace.
#include <cassert>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>

namespace civicdesk {

template <class E>
class Unexpected {
 public:
  explicit Unexpected(E error) : error_(std::move(error)) {}
  const E& error() const& { return error_; }
  E&& error() && { return std::move(error_); }

 private:
  E error_;
};

template <class E>
Unexpected<std::decay_t<E>> unexpected(E&& error) {
  return Unexpected<std::decay_t<E>>(std::forward<E>(error));
}

class BadExpectedAccess : public std::logic_error {
 public:
  BadExpectedAccess() : std::logic_error("Expected holds an error, not a value") {}
};

template <class T, class E>
class Expected {
 public:
  Expected(T value) : data_(std::in_place_index<0>, std::move(value)) {}  // NOLINT implicit
  template <class G>
  Expected(Unexpected<G> error)  // NOLINT implicit, as std::expected
      : data_(std::in_place_index<1>, E(std::move(error).error())) {}

  bool has_value() const { return data_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & {
    if (!has_value()) throw BadExpectedAccess();
    return std::get<0>(data_);
  }
  const T& value() const& {
    if (!has_value()) throw BadExpectedAccess();
    return std::get<0>(data_);
  }
  T&& value() && {
    if (!has_value()) throw BadExpectedAccess();
    return std::get<0>(std::move(data_));
  }
  const E& error() const {
    assert(!has_value());
    return std::get<1>(data_);
  }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  template <class U>
  T value_or(U&& fallback) const {
    return has_value() ? std::get<0>(data_) : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  std::variant<T, E> data_;
};

}  // namespace civicdesk
