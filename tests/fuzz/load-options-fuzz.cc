// SPDX-License-Identifier: MIT
// Fuzzes the load options (UCS-2) -> command line conversion with any bytes and capacity,
// then the initrd= path search over the line it produced.
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
    const size_t path_capacity = 1 + data[0] % 32;
    for (uint32_t index = 0; index < bootinfo::kMaxEfiInitrdPaths; ++index) {
      std::vector<char16_t> path(path_capacity, u'x');
      const auto found = bootinfo::FindInitrdPath(out.data(), index, path.data(), path_capacity);
      bool terminated = false;
      for (char16_t unit : path) terminated = terminated || unit == 0;
      fuzz::Check(terminated);
      if (found.ok() && found.value()) {
        fuzz::Check(path[0] != 0);
        for (size_t i = 0; path[i] != 0; ++i) fuzz::Check(path[i] != u'/' && path[i] != u' ');
      }
    }
  }
  return 0;
}
