// SPDX-License-Identifier: MIT
#include "table.h"

LINKTAB_DEFINE(items);
LINKTAB_DEFINE(flags);
LINKTAB_DEFINE(nothing);
LINKTAB_DEFINE(bigs);

namespace {
int Act() { return 1; }
}  // namespace

// Out of level order on purpose: the linker, not the source order, sorts levels.
LINKTAB_ENTRY(items, ITEM_LEVEL_THIRD) Item kA3{"a3", ITEM_LEVEL_THIRD, Act};
LINKTAB_ENTRY(items, ITEM_LEVEL_FIRST) Item kA1{"a1", ITEM_LEVEL_FIRST, nullptr};
LINKTAB_ENTRY(items, ITEM_LEVEL_SECOND) Item kA2{"a2", ITEM_LEVEL_SECOND, Act};
LINKTAB_ENTRY(flags, 10000) Flag kFlag1{1};
LINKTAB_ENTRY(bigs, 10000) Big kBig1{"first"};
LINKTAB_ENTRY(bigs, 10000) Big kBig2{"second"};
