// SPDX-License-Identifier: MIT
// Tables for the linktab tests: filled from two translation units (items-a.cc, items-b.cc),
// checked by the GoogleTest suite (unit/linktab-test.cc) and by the compiler and linker
// matrix (matrix-main.cc, run by compiler-matrix.sh).
#pragma once

#include <string>

#include "linktab/linktab.h"

struct Item {
  const char* name;
  int level;
  int (*action)();  // a relocation in some entries, nullptr in others
};

#define ITEM_LEVEL_FIRST 10000
#define ITEM_LEVEL_SECOND 20000
#define ITEM_LEVEL_THIRD 30000
LINKTAB_DECLARE(Item, items, ITEM_LEVEL_FIRST, ITEM_LEVEL_SECOND, ITEM_LEVEL_THIRD);

// A single-level table: one contiguous array in every layout.
struct Flag {
  int value;
};
LINKTAB_DECLARE(Flag, flags, 10000);

// A table nobody fills: valid, and empty.
LINKTAB_DECLARE(Flag, nothing, 10000);

// A table whose entries are large enough that a compiler would over-align them if linktab
// did not pin the alignment: entries must stay exactly sizeof(Big) apart.
struct Big {
  char bytes[40];
};
LINKTAB_DECLARE(Big, bigs, 10000);

/// "name name ..." in iteration order.
std::string ItemOrder();
/// The items grouped by level in iteration order, names sorted within a group:
/// "a1 b1 | a2 b2 | a3". Empty if the levels are not ascending.
std::string ItemLevels();
/// "value value ..." read through std::span.
std::string FlagsThroughSpan();
size_t NothingCount();
/// Whether the big entries are exactly sizeof(Big) apart and their count is right.
bool BigsAreContiguous();

// Level order is guaranteed everywhere. Within a level, entries follow link order (items-a.o
// before items-b.o) unless LTO repartitions the objects, so each file has one entry a level.
inline constexpr const char* kExpectedItemLevels = "a1 b1 | a2 b2 | a3";
inline constexpr const char* kExpectedItemLinkOrder = "a1 b1 a2 b2 a3";
