// SPDX-License-Identifier: MIT
// Test only: an early entry that depends on a later one. The build-time check must refuse it.
#include "inittab/init-entry.h"

namespace {
void Nothing() {}
}  // namespace

extern const inittab::InitEntry gTestLate;
INIT_ENTRY(gTestEarly, "test-early", INIT_LEVEL_EARLY, .run = Nothing,
           .depends = inittab::DependsOn<gTestLate>());
INIT_ENTRY(gTestLate, "test-late", INIT_LEVEL_LATE, .run = Nothing);
