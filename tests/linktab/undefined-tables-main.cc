// SPDX-License-Identifier: MIT
// A program that links items-b.cc's entries without items-a.cc, which holds the tables'
// LINKTAB_DEFINEs: the link must fail (layout-mistakes.sh).
#include "table.h"

int main() { return ItemOrder().empty() ? 1 : 0; }
