// SPDX-License-Identifier: MIT
// The checksum ACPI and the MP specification share (the bytes sum to 0 modulo 256), set in
// tables that tests and fuzzers build.
#pragma once

#include <cstddef>
#include <cstdint>

namespace testing_support {

/// Sets the byte at `checksum_at` so that the `length` bytes at `bytes` sum to 0.
inline void SetChecksum(uint8_t* bytes, size_t length, size_t checksum_at) {
  bytes[checksum_at] = 0;
  uint8_t sum = 0;
  for (size_t i = 0; i < length; ++i) sum = static_cast<uint8_t>(sum + bytes[i]);
  bytes[checksum_at] = static_cast<uint8_t>(-sum);
}

}  // namespace testing_support
