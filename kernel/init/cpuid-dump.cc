// SPDX-License-Identifier: MIT
// cpuid-dump: with `unientry.cpuid-dump` on the command line, prints the CPUID leaves that
// platform detection reads (0, 1 and every non-empty hypervisor leaf) in the format of
// tests/data/cpuid/, so a new hypervisor's layout can be recorded as test data.
#include "arch/x86/cpu.h"
#include "common/console.h"
#include "init/command-line.h"
#include "platform/hypervisor.h"

namespace {

void DumpLeaf(uint32_t leaf) {
  const arch::CpuidResult r = arch::Cpuid(leaf, 0);
  console::Line()
      .Append("cpuid ")
      .AppendHexPadded(leaf, 8)
      .Append(" 0x0 ")
      .AppendHexPadded(r.eax, 8)
      .Append(" ")
      .AppendHexPadded(r.ebx, 8)
      .Append(" ")
      .AppendHexPadded(r.ecx, 8)
      .Append(" ")
      .AppendHexPadded(r.edx, 8);
}

bool DetectDumpRequest() {
  base::StringView value;
  return command_line::Lookup("unientry.cpuid-dump", value);
}

void DumpCpuid() {
  DumpLeaf(0);
  DumpLeaf(1);
  for (uint32_t base = platform::kHypervisorLeafFirst; base <= platform::kHypervisorLeafLast;
       base += platform::kHypervisorLeafStep) {
    const arch::CpuidResult head = arch::Cpuid(base, 0);
    if ((head.eax | head.ebx | head.ecx | head.edx) == 0) continue;
    // At most a few leaves per base: enough for every hypervisor's feature leaves.
    const uint32_t last = head.eax >= base && head.eax - base < 16 ? head.eax : base;
    for (uint32_t leaf = base; leaf <= last; ++leaf) DumpLeaf(leaf);
  }
}

}  // namespace

INIT_ENTRY(gCpuidDumpInit, "cpuid-dump", INIT_LEVEL_LATE, .detect = DetectDumpRequest,
           .run = DumpCpuid, .depends = inittab::DependsOn<gCommandLineInit>());
