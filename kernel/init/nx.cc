// SPDX-License-Identifier: MIT
// nx: turns on EFER.NXE where the CPU has it, so later page tables may mark data
// non-executable ([intel/vol3]: 4.1.4 Enumeration of Paging Features by CPUID).
#include "arch/x86/cpu.h"
#include "common/console.h"
#include "init/cpu-features.h"

namespace {

bool DetectNx() { return cpu::Current().nx; }

void EnableNx() {
  arch::WriteMsr(arch::kMsrEfer, arch::ReadMsr(arch::kMsrEfer) | arch::kEferNxe);
  console::Line().Append("nx efer=").AppendHex(arch::ReadMsr(arch::kMsrEfer));
}

}  // namespace

INIT_ENTRY(gNxInit, "nx", INIT_LEVEL_EARLY, .flags = inittab::kPerCpu, .detect = DetectNx, .run = EnableNx,
           .depends = inittab::DependsOn<gCpuFeaturesInit>());
