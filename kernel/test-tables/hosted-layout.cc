// SPDX-License-Identifier: MIT
// Test only: a kernel source compiled without LINKTAB_SORTED_BY_LINKER_SCRIPT, as a user's file
// built without the kernel's usage requirements would be. Its entry would land in a section the
// kernel's linker script does not collect and never run; the link must fail, naming it.
#undef LINKTAB_SORTED_BY_LINKER_SCRIPT
#include "inittab/init-entry.h"

namespace {
void Nothing() {}
}  // namespace

INIT_ENTRY(gTestHostedLayout, "test-hosted-layout", INIT_LEVEL_NORMAL, .run = Nothing);
