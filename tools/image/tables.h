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

/// One entry the object files declared, from its .linktab_check record's symbol
/// ("linktab entry 'NAME' of table TABLE level LEVEL (FILE:LINE, #N)", see linktab.h).
struct DeclaredEntry {
  std::string table;
  std::string name;  // "" for LINKTAB_ENTRY; the init entry's name for INIT_ENTRY
  uint32_t level;
  std::string where;  // FILE:LINE
  uint64_t record;    // the record's address
};

/// The census: every declared entry, in address order.
std::vector<DeclaredEntry> ReadDeclaredEntries(const ElfImage& image);

/// What was declared but is not in a table, or is in a table but was never declared, each a
/// sentence naming the entry and its source: the entries the linker lost (a linker script that
/// does not collect a level's section, a /DISCARD/), the tables the image does not have, and
/// bytes of the .linktab section that belong to no table. `init_names` and `init_levels`
/// are the init table's entries (from InitTable), matched to the census by name and level.
std::vector<std::string> CheckDeclaredEntries(const ElfImage& image, const std::vector<LinkerTable>& tables,
                                              const std::vector<DeclaredEntry>& declared,
                                              const std::vector<std::pair<std::string, uint32_t>>& init_entries);

}  // namespace image
