// SPDX-License-Identifier: MIT
// Test only: init entries for the runner's other outcomes under a real loader, booted by the
// tests of unientry-test-exclusion.elf:
// * test-excluded-on-pvh excludes the PVH entry: reported unsupported with its reason, never
//   called;
// * test-probe runs only with `unientry.test-probe` on the command line, and test-after-probe
//   depends on it: without the word it is skipped, naming test-probe and its result; with it,
//   both run.
#include "common/console.h"
#include "common/exit.h"
#include "init/command-line.h"
#include "inittab/init-entry.h"

namespace {

void MustNotRun() { Fail("test-excluded-on-pvh ran on an environment it excludes"); }

constexpr inittab::Exclusion kExclusions[] = {
    inittab::OnEntry(bootabi::BootEntry::kPvh, "test entry: excluded from PVH to exercise the runner"),
};

bool DetectProbeWord() {
  base::StringView value;
  return command_line::Lookup("unientry.test-probe", value);
}

void Probe() { console::Line().Append("test-probe found its word"); }
void AfterProbe() { console::Line().Append("test-after-probe ran after test-probe"); }

}  // namespace

INIT_ENTRY(gTestExcludedOnPvh, "test-excluded-on-pvh", INIT_LEVEL_NORMAL, .run = MustNotRun,
           .exclusions = inittab::Exclude(kExclusions));
INIT_ENTRY(gTestProbe, "test-probe", INIT_LEVEL_NORMAL, .detect = DetectProbeWord, .run = Probe,
           .depends = inittab::DependsOn<gCommandLineInit>());
INIT_ENTRY(gTestAfterProbe, "test-after-probe", INIT_LEVEL_NORMAL, .run = AfterProbe,
           .depends = inittab::DependsOn<gTestProbe>());
