// SPDX-License-Identifier: MIT
// selftest: exercises the failure paths on request, so tests can prove that a crash, a
// panic and a failed check are reported as documented. `unientry.selftest=` takes
// `ud` (invalid opcode), `pagefault` (read of an unmapped address), `panic` or `fail`.
#include "common/console.h"
#include "common/exit.h"
#include "init/command-line.h"

namespace {

constexpr base::StringView kKey = "unientry.selftest";

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
  if (value == "panic") Panic("selftest requested a panic");
  if (value == "fail") Fail("selftest requested a failure");
  Fail("unientry.selftest: unknown value, expected ud, pagefault, panic or fail");
}

}  // namespace

INIT_ENTRY(gSelftestInit, "selftest", INIT_LEVEL_LATE, .detect = DetectSelftest,
           .run = RunSelftest, .depends = inittab::DependsOn<gCommandLineInit>());
