// SPDX-License-Identifier: MIT
// Test only: a Print whose format has more placeholders than arguments. The compile-time
// check must refuse it, naming the mistake, rather than print {?} at boot.
#include <unientry/unientry.h>

void TestPrintFormat(unsigned long pages) { unientry::Print("{} pages, {:#x} bytes\n", pages); }
