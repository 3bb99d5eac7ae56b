// SPDX-License-Identifier: MIT
// What every way of starting application processors shares (the INIT-SIPI "smp" entry,
// init/smp.cc; Xen PV's "xen-pv-smp", platform/xen-pv-smp.cc): the console lock, the boot
// CPU's bounded, halted waits, the one per-CPU path an AP joins once it has its record, the
// parked loop and the unientry/cpu.h API over the records.
#pragma once

#include <cstdint>

#include "common/per-cpu.h"

namespace ap_start {

/// Called before the first AP can run: the console locks its lines and names their CPU.
void BeginApStart();

/// The boot CPU's wait for the started APs (those in kStarting): each answers within
/// `start_timeout_ns` and parks within `init_timeout_ns`, or is reported (`smp cpu N apic-id=ID
/// did not ...`) and left out. Returns the APs online.
struct WaitResult {
  uint32_t online;           // APs parked
  uint64_t longest_ap_ticks;  // the longest AP's own path, on its TSC
};
WaitResult WaitForAps(uint64_t start_timeout_ns, const char* start_failure, uint64_t init_timeout_ns,
                      const char* init_failure);

/// Halts (interrupts on inside the wait) on a periodic tick until `nanoseconds` passed.
void WaitHalted(uint64_t nanoseconds);

/// "smp cpu N apic-id=ID WHAT", always printed.
void SayState(const percpu::Cpu& cpu, const char* what);

/// An AP's path once it knows its record: the GS base, its answer (kStarting -> kInitialising;
/// too late, and it halts), the per-CPU init entries, the parked state (then `parked(cpu)`,
/// which may tell the boot CPU), then the parked loop, where unientry::RunOn reaches it.
[[noreturn]] void JoinAsAp(percpu::Cpu& cpu, uint64_t entry_tsc, void (*parked)(percpu::Cpu& cpu));

/// Stops this CPU for good.
[[noreturn]] void HaltForever();

/// Counts the APs online (for unientry::CpuCount), once the start is over.
void SetOnlineAps(uint32_t aps);

}  // namespace ap_start
