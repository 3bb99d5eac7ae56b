// SPDX-License-Identifier: MIT
// The one bounded string copy every entry uses for loader-provided text.
#pragma once

#include <cstddef>

namespace base {

enum class CopyStatus {
  kComplete,   // the source's NUL was found and copied
  kTruncated,  // the destination filled before the source ended; the result is still terminated
  kUnterminated,  // no NUL within the readable source bytes; the result is still terminated
};

struct CopyResult {
  CopyStatus status;
  size_t length;  // characters written, excluding the NUL
};

/// Copies a NUL-terminated string of which at most `source_readable` bytes may be read into
/// `destination` (capacity bytes, capacity >= 1). Always terminates the destination.
constexpr CopyResult CopyBoundedString(char* destination, size_t capacity, const char* source,
                                       size_t source_readable) {
  for (size_t length = 0;; ++length) {
    // Checked in this order, a readable NUL always wins over a full destination.
    if (length == source_readable) {
      destination[length] = '\0';  // length < capacity: the capacity check below ran first
      return {CopyStatus::kUnterminated, length};
    }
    if (source[length] == '\0') {
      destination[length] = '\0';
      return {CopyStatus::kComplete, length};
    }
    if (length + 1 == capacity) {
      destination[length] = '\0';
      return {CopyStatus::kTruncated, length};
    }
    destination[length] = source[length];
  }
}

constexpr size_t StringLength(const char* text) {
  size_t length = 0;
  while (text[length] != '\0') ++length;
  return length;
}

constexpr bool StringEqual(const char* a, const char* b) {
  for (; *a != '\0' && *a == *b; ++a, ++b) {
  }
  return *a == *b;
}

/// strcmp's order: negative, zero or positive as `a` sorts before, with or after `b`.
constexpr int StringCompare(const char* a, const char* b) {
  for (; *a != '\0' && *a == *b; ++a, ++b) {
  }
  return static_cast<int>(static_cast<unsigned char>(*a)) - static_cast<int>(static_cast<unsigned char>(*b));
}

}  // namespace base
