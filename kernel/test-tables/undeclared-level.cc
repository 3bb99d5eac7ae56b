// SPDX-License-Identifier: MIT
// Test only: an init entry at a level the init table does not declare. It must not compile.
#include "inittab/init-entry.h"

namespace {
void Nothing() {}
}  // namespace

INIT_ENTRY(gTestUndeclaredLevel, "test-undeclared-level", 55555, .run = Nothing);
