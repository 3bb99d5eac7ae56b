// SPDX-License-Identifier: MIT
// Test only: the crashing test of test-guest-crash.cc's guest.
#include <unientry/unientry.h>

UNIENTRY_TEST(Crashes, "crashes") {
  __asm__ volatile("ud2");
  return unientry::test::Success();
}
