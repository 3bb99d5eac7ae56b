// SPDX-License-Identifier: MIT
// Test only: an init entry that the objects declare (its census record is there) but that the
// link does not put in the init table, as a linker script that does not collect
// .linktab.init.* would (here: its section has another name, as a broken toolchain or a hand
// edit would leave it). unientry-inspect must refuse the kernel, naming the entry.
#include "inittab/init-entry.h"

namespace {
void Nothing() {}
}  // namespace

LINKTAB_CHECK_RECORD(init, 70000, "'test-lost' ", 0, LINKTAB_LAYOUT_SYMBOL_SORTED(init))
[[gnu::used, gnu::retain, gnu::section(".linktab.lost.70000")]] constinit const inittab::InitEntry gTestLost{
    .name = "test-lost", .level = INIT_LEVEL_LATE, .run = Nothing};
