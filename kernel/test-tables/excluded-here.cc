// SPDX-License-Identifier: MIT
// Test only: init entries for the runner's other outcomes under a real loader, booted by the
// tests of unientry-test-exclusion.elf, written with the public API only:
// * test-excluded-on-pvh excludes the PVH entry: reported unsupported with its reason, never
//   called;
// * test-probe runs only with `unientry.test-probe` on the command line, and test-after-probe
//   depends on it: without the word it is skipped, naming test-probe and its result; with it,
//   both run.
#include <unientry/unientry.h>

namespace {

void MustNotRun() { unientry::Exit(unientry::Status::kFail, "test-excluded-on-pvh ran on an environment it excludes"); }

constexpr inittab::Exclusion kExclusions[] = {
    inittab::OnEntry(bootabi::BootEntry::kPvh, "test entry: excluded from PVH to exercise the runner"),
};

bool DetectProbeWord() { return unientry::Boot().command_line.Has("unientry.test-probe"); }

void Probe() { unientry::Print("unientry: test-probe found its word\n"); }
void AfterProbe() { unientry::Print("unientry: test-after-probe ran after test-probe\n"); }

}  // namespace

INIT_ENTRY(gTestExcludedOnPvh, "test-excluded-on-pvh", INIT_LEVEL_NORMAL, .run = MustNotRun,
           .exclusions = inittab::Exclude(kExclusions));
INIT_ENTRY(gTestProbe, "test-probe", INIT_LEVEL_NORMAL, .detect = DetectProbeWord, .run = Probe,
           .depends = inittab::DependsOn<gCommandLineInit>());
INIT_ENTRY(gTestAfterProbe, "test-after-probe", INIT_LEVEL_NORMAL, .run = AfterProbe,
           .depends = inittab::DependsOn<gTestProbe>());
