// SPDX-License-Identifier: MIT
// selftest: exercises the failure paths on request, so tests can prove that a crash, a
// panic and a failed check are reported as documented. `unientry.selftest=` takes
// `ud` (invalid opcode), `pagefault` (read of an unmapped address), `stack-overflow` (the
// stack runs into unmapped memory), `breakpoint` (an int3 that a handler takes and returns
// from, after which the boot goes on), `panic` or `fail`.
#include "common/console.h"
#include "common/exit.h"
#include "init/command-line.h"
#include "unientry/interrupts.h"

namespace {

constexpr base::StringView kKey = "unientry.selftest";

constinit volatile uint64_t gBreakpoints = 0;
void CountBreakpoint(unientry::InterruptFrame&) { gBreakpoints = gBreakpoints + 1; }

bool DetectSelftest() {
  base::StringView value;
  return command_line::Lookup(kKey, value);
}

void RunSelftest() {
  base::StringView value;
  command_line::Lookup(kKey, value);
  console::Line().Append("selftest ").AppendQuoted(value.data(), value.size());
  if (value == "ud") __asm__ volatile("ud2");
  if (value == "pagefault") {
    // Far above the identity map: no page table entry covers it.
    (void)*reinterpret_cast<volatile const uint64_t*>(0x0000123456789000);
  }
  if (value == "stack-overflow") {
    // As past a guard page: the push faults (#PF), the #PF cannot be delivered on that same
    // stack, and the #DF that follows runs on its own stack (IST) and reports the crash.
    __asm__ volatile("movq %0, %%rsp\n"
                     "pushq $0\n" ::"r"(uint64_t{0x0000123456790000})
                     : "memory");
  }
  if (value == "breakpoint") {
    if (!unientry::SetInterruptHandler(3, CountBreakpoint)) Fail("selftest: no #BP handler could be installed");
    __asm__ volatile("int3" ::: "memory");
    __asm__ volatile("int3" ::: "memory");
    unientry::SetInterruptHandler(3, nullptr);
    console::Line().Append("selftest breakpoint handled ").AppendDecimal(gBreakpoints).Append(" times and returned");
    if (gBreakpoints != 2) Fail("selftest: the #BP handler did not run twice");
    return;
  }
  if (value == "panic") Panic("selftest requested a panic");
  if (value == "fail") Fail("selftest requested a failure");
  Fail("unientry.selftest: unknown value, expected ud, pagefault, stack-overflow, breakpoint, panic or fail");
}

}  // namespace

INIT_ENTRY(gSelftestInit, "selftest", INIT_LEVEL_LATE, .detect = DetectSelftest,
           .run = RunSelftest, .depends = inittab::DependsOn<gCommandLineInit>());
