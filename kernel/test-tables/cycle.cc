// SPDX-License-Identifier: MIT
// Test only: three init entries that depend on each other in a ring. The build-time check
// must refuse any kernel that links this file (tests/build-gate).
#include "inittab/init-entry.h"

namespace {
void Nothing() {}
}  // namespace

extern const inittab::InitEntry gTestCycleC;
INIT_ENTRY(gTestCycleA, "test-cycle-a", INIT_LEVEL_NORMAL, .run = Nothing,
           .depends = inittab::DependsOn<gTestCycleC>());
INIT_ENTRY(gTestCycleB, "test-cycle-b", INIT_LEVEL_NORMAL, .run = Nothing,
           .depends = inittab::DependsOn<gTestCycleA>());
INIT_ENTRY(gTestCycleC, "test-cycle-c", INIT_LEVEL_NORMAL, .run = Nothing,
           .depends = inittab::DependsOn<gTestCycleB>());
