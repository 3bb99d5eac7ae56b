// SPDX-License-Identifier: MIT
// Result<T>: a value or a base::Error. Small and trivially copyable so it works in the
// kernel before anything is set up. TRY() propagates an error to the caller.
#pragma once

#include <type_traits>

#include "base/error.h"

namespace base {

struct Ok {};

template <typename T = Ok>
class [[nodiscard]] Result {
 public:
  constexpr Result(T value) : value_(value), ok_(true) {}  // NOLINT: implicit by design
  constexpr Result(Error error) : error_(error), ok_(false) {}  // NOLINT

  constexpr bool ok() const { return ok_; }
  constexpr bool is_error() const { return !ok_; }
  constexpr const T& value() const { return value_; }
  constexpr const Error& error() const { return error_; }

 private:
  T value_{};
  Error error_{};
  bool ok_;
};

}  // namespace base

/// Evaluates a Result expression and returns its error from the enclosing function.
/// Uses a GNU statement expression, which g++ and clang++ both support.
#define TRY(expr)                                      \
  ({                                                   \
    auto try_result_ = (expr);                         \
    if (try_result_.is_error()) return try_result_.error(); \
    try_result_.value();                               \
  })
