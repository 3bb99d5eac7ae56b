// SPDX-License-Identifier: MIT
// Test only: an init entry that excludes the PVH environment. The boot test of this kernel
// (unientry-test-exclusion.elf) checks that the runner reports it as unsupported with its
// reason on a PVH boot and never calls it.
#include "common/exit.h"
#include "inittab/init-entry.h"

namespace {

void MustNotRun() { Fail("test-excluded-on-pvh ran on an environment it excludes"); }

constexpr inittab::Exclusion kExclusions[] = {
    {bootabi::BootEntry::kPvh, "test entry: excluded from PVH to exercise the runner"},
};

}  // namespace

INIT_ENTRY(gTestExcludedOnPvh, "test-excluded-on-pvh", INIT_LEVEL_NORMAL, .run = MustNotRun,
           .exclusions = inittab::Exclude(kExclusions));
