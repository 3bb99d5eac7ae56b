// SPDX-License-Identifier: MIT
// test-guest: four tests with the three everyday outcomes; one runs on every CPU.
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

// Runs on every CPU the framework started (RunOnAll): each one says it ran, under its own
// index, with paging on. A CPU that is online but never runs the function fails the test.
volatile uint32_t gRanOn[256] = {};
void CheckThisCpu(void*) {
  const uint32_t cpu = unientry::CurrentCpu();
  if (cpu < 256 && ((ReadCr0() >> 31) & 1) != 0) __atomic_add_fetch(&gRanOn[cpu], 1, __ATOMIC_RELAXED);
}

UNIENTRY_TEST(RunsOnEveryCpu, "runs-on-every-cpu") {
  unientry::RunOnAll(CheckThisCpu, nullptr);
  for (uint32_t cpu = 0; cpu < unientry::CpuCount() && cpu < 256; ++cpu) {
    if (gRanOn[cpu] != 1) return unientry::test::Failure("a CPU did not run the function exactly once");
  }
  return unientry::test::Success();
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
