// SPDX-License-Identifier: MIT
// Test only: an entry of a table that is declared but that no file defines (no LINKTAB_DEFINE),
// so nothing would ever iterate it. The link must fail, naming the entry.
#include "linktab/linktab.h"

LINKTAB_DECLARE(int, ghosts, 10000);
LINKTAB_ENTRY(ghosts, 10000) int kGhost = 1;
