// SPDX-License-Identifier: MIT
// test-guest: three tests with the three everyday outcomes.
#include <unientry/unientry.h>

namespace {

uint64_t ReadCr0() {
  uint64_t value;
  __asm__ volatile("mov %%cr0, %0" : "=r"(value));
  return value;
}

}  // namespace

// Passes wherever the kernel runs: the framework entered 64-bit mode with paging on.
UNIENTRY_TEST(PagingIsOn, "paging-is-on") {
  return (ReadCr0() >> 31) & 1 ? unientry::test::Success() : unientry::test::Failure("CR0.PG is clear");
}

// Skipped unless the loader handed over a module: a test that needs what this boot lacks.
UNIENTRY_TEST(HasAModule, "has-a-module") {
  if (unientry::Boot().modules.empty()) return unientry::test::Skip("no module was passed");
  return unientry::test::Success();
}

// Fails on purpose, to show a failure's line and status.
UNIENTRY_TEST(KnownFailure, "known-failure") {
  return unientry::Boot().acpi_rsdp == 0xdeadbeef ? unientry::test::Success()
                                                  : unientry::test::Failure("the RSDP is not at 0xdeadbeef");
}

void KernelMain(const unientry::BootInfo&) { unientry::test::RunAll(); }
