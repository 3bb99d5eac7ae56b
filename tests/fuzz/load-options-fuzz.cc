// SPDX-License-Identifier: MIT
// Fuzzes the load options (UCS-2) -> command line conversion with any bytes and capacity.
#include <cstring>
#include <vector>

#include "bootinfo/efi.h"
#include "fuzz-support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const size_t capacity = 1 + data[0];
  std::vector<uint16_t> options((size - 1) / 2 + 1, 0);
  std::memcpy(options.data(), data + 1, size - 1);
  std::vector<char> out(capacity, 'x');
  const auto result = bootinfo::ConvertLoadOptions(options.data(), size - 1, out.data(), capacity);
  fuzz::Check(std::memchr(out.data(), '\0', capacity) != nullptr);  // always terminated
  if (result.ok()) {
    fuzz::Check(result.value().length < capacity);
    for (size_t i = 0; i < result.value().length; ++i) fuzz::Check(out[i] >= 0x20 && out[i] <= 0x7e);
  }
  return 0;
}
