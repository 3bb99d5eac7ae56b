// SPDX-License-Identifier: MIT
#include "common/per-cpu.h"

#include "arch/x86/cpu.h"
#include "platform/platform.h"

namespace percpu {
namespace {

// Written before read: the boot CPU's by InitBootCpu, each AP's by AddCpu.
[[gnu::section(".scratch")]] constinit Cpu gCpus[kMaxCpus];
constinit uint32_t gCount = 0;
constinit bool gApsRunning = false;

void Reset(Cpu& cpu, uint32_t index, uint32_t apic_id) {
  __builtin_memset(&cpu, 0, sizeof(cpu));
  cpu.self = &cpu;
  cpu.index = index;
  cpu.apic_id = apic_id;
}

}  // namespace

Cpu* CpuAt(uint32_t index) { return index < gCount ? &gCpus[index] : nullptr; }
uint32_t CpuCount() { return gCount; }

void SetThisCpu(Cpu& cpu) {
  if (const auto set = platform::Current().set_gs_base; set != nullptr) return set(reinterpret_cast<uint64_t>(&cpu));
  arch::WriteMsr(arch::kMsrGsBase, reinterpret_cast<uint64_t>(&cpu));
}

void InitBootCpu() {
  Reset(gCpus[0], 0, 0);
  gCpus[0].state = CpuState::kInitialising;
  gCpus[0].tables = &arch::BootCpuTables();
  gCount = 1;
  SetThisCpu(gCpus[0]);
}

Cpu* AddCpu(uint32_t apic_id) {
  if (gCount == kMaxCpus) return nullptr;
  Cpu& cpu = gCpus[gCount];
  Reset(cpu, gCount, apic_id);
  ++gCount;
  return &cpu;
}

bool ApsRunning() { return gApsRunning; }
void SetApsRunning() { gApsRunning = true; }

}  // namespace percpu
