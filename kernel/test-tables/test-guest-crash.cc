// SPDX-License-Identifier: MIT
// Test only: a test guest whose second test (test-guest-crash-later.cc, later on the link line,
// so later in the table) crashes. The crash report must name that test (test=, and the status
// message), and the test before it must have printed its result.
#include <unientry/unientry.h>

UNIENTRY_TEST(RunsFirst, "runs-first") { return unientry::test::Success(); }

void KernelMain(const unientry::BootInfo&) { unientry::test::RunAll(); }
