// SPDX-License-Identifier: MIT
// The linker tables of a linked image, found by their symbols: linktab_<name>_start and
// linktab_<name>_end (the markers) and linktab_<name>_entry_size (LINKTAB_DEFINE).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "image/elf-image.h"

namespace image {

struct LinkerTable {
  std::string name;
  uint64_t start;
  uint64_t end;
  uint32_t entry_size;
  uint64_t count;
};

/// Every table of the image, sorted by name; throws ImageError when a table's bounds or entry
/// size do not fit together.
std::vector<LinkerTable> ListLinkerTables(const ElfImage& image);

}  // namespace image
