// SPDX-License-Identifier: MIT
// Per-CPU data: one record per CPU the framework runs, reached through the GS base (the
// record's first word points at itself, so ThisCpu() is one `mov %gs:0`). The boot CPU's is
// set first on the common path; an application processor's by its own start, before any C++
// code of the common path runs on it.
#pragma once

#include <cstdint>

#include "arch/x86/descriptor-tables.h"
#include "init/cpu-features.h"
#include "inittab/runner.h"

namespace percpu {

/// The most CPUs the framework starts (the MADT may list more: they are reported, not started).
inline constexpr uint32_t kMaxCpus = 256;
/// The most init entries a CPU's trace holds (init-plan.cc's bound too).
inline constexpr uint32_t kMaxInitEntries = 256;

enum class CpuState : uint32_t {
  kOffline = 0,   // not started (yet)
  kStarting,      // sent INIT and SIPIs; its first word not yet seen
  kInitialising,  // in 64-bit mode, running its per-CPU init entries
  kParked,        // waiting for work (unientry::RunOn)
  kRunning,       // running work handed to it
  kFailed,        // did not answer in time, or its per-CPU init failed
};

struct Cpu {
  Cpu* self;        // %gs:0
  uint32_t index;   // 0: the boot CPU; then MADT order
  uint32_t apic_id;  // x2APIC ID where the MADT gives one (may exceed 255)
  cpu::Features features;
  uint64_t cr4_shadow;
  bool cr4_shadow_valid;
  const char* running_init_entry;  // for the crash report
  arch::CpuTables* tables;         // its GDT, TSS and IST stacks (the cpu-tables entry)
  volatile CpuState state;
  // Work handed over by RunOn: written by the caller, then `work_posted` incremented; the CPU
  // runs it and sets `work_done` to the same count.
  void (*volatile work)(void* argument);
  void* volatile work_argument;
  volatile uint64_t work_posted;
  volatile uint64_t work_done;
  // An AP's own cost, on its own TSC: the trampoline's first instruction to the parked loop.
  uint64_t bring_up_ticks;
  // How RunOn wakes it from its parked wait (an IPI; Xen PV: its event channel), and that
  // channel under Xen PV.
  void (*wake)(Cpu& cpu);
  uint32_t wake_port;
  inittab::InitResult init_results[kMaxInitEntries];
};

/// This CPU's record.
inline Cpu& ThisCpu() {
  Cpu* cpu;
  __asm__("movq %%gs:0, %0" : "=r"(cpu));
  return *cpu;
}

/// The record of CPU `index` (0: the boot CPU); nullptr past CpuCount().
Cpu* CpuAt(uint32_t index);
/// CPUs with a record: the boot CPU and every AP the MADT lists that the framework tried.
uint32_t CpuCount();

/// Makes `cpu` this CPU's record (the GS base; a platform may do it by hypercall).
void SetThisCpu(Cpu& cpu);

/// The boot CPU's record, set up on the common path before anything reads ThisCpu().
void InitBootCpu();

/// A new record for an AP about to be started (zeroed, its index the next), or nullptr when
/// kMaxCpus are taken.
Cpu* AddCpu(uint32_t apic_id);

/// True once an application processor may run: the console then locks its lines.
bool ApsRunning();
void SetApsRunning();

}  // namespace percpu
