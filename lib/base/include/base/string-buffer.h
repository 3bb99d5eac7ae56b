// SPDX-License-Identifier: MIT
// A fixed-capacity, always NUL-terminated text buffer with number formatting: how the kernel
// and the libraries build messages without an allocator or printf.
#pragma once

#include <cstddef>
#include <cstdint>

namespace base {

template <size_t kCapacity>
class StringBuffer {
  static_assert(kCapacity > 1);

 public:
  constexpr StringBuffer() = default;

  constexpr void Append(const char* text) {
    for (; *text != '\0'; ++text) AppendChar(*text);
  }
  constexpr void AppendChar(char c) {
    if (length_ + 1 < kCapacity) {
      data_[length_++] = c;
      data_[length_] = '\0';
    } else {
      truncated_ = true;
    }
  }
  constexpr void AppendDecimal(uint64_t value) {
    char digits[20];
    int count = 0;
    do {
      digits[count++] = static_cast<char>('0' + value % 10);
      value /= 10;
    } while (value != 0);
    while (count > 0) AppendChar(digits[--count]);
  }
  /// "0x" followed by the shortest lower-case hex digits (at least one).
  constexpr void AppendHex(uint64_t value) { AppendHexPadded(value, 1); }
  constexpr void AppendHexPadded(uint64_t value, int min_digits) {
    Append("0x");
    int digits = 16;
    while (digits > min_digits && ((value >> ((digits - 1) * 4)) & 0xf) == 0) --digits;
    for (int i = digits - 1; i >= 0; --i) AppendChar("0123456789abcdef"[(value >> (i * 4)) & 0xf]);
  }

  constexpr const char* c_str() const { return data_; }
  constexpr size_t size() const { return length_; }
  constexpr bool truncated() const { return truncated_; }
  constexpr void Clear() {
    length_ = 0;
    data_[0] = '\0';
    truncated_ = false;
  }

 private:
  char data_[kCapacity] = {};
  size_t length_ = 0;
  bool truncated_ = false;
};

}  // namespace base
