// SPDX-License-Identifier: MIT
// Compile-time layout checks whose failures show the numbers involved.
#pragma once

#include <cstddef>

namespace bootabi {

// static_assert(AssertSize<T, N>()) fails with both sizes in the diagnostic, which a plain
// static_assert(sizeof(T) == N) does not show.
template <typename T, std::size_t kExpected, std::size_t kActual = sizeof(T)>
constexpr bool AssertSize() {
  static_assert(kActual == kExpected, "ABI struct has the wrong size");
  return true;
}

template <std::size_t kExpected, std::size_t kActual>
constexpr bool AssertOffset() {
  static_assert(kActual == kExpected, "ABI field is at the wrong offset");
  return true;
}

}  // namespace bootabi

// ABI_ASSERT_OFFSET(boot_params, hdr, 0x1f1): the field must sit where the spec puts it.
#define ABI_ASSERT_OFFSET(type, field, offset) \
  static_assert(::bootabi::AssertOffset<(offset), offsetof(type, field)>())
