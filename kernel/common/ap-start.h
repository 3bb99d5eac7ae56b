// SPDX-License-Identifier: MIT
// What every way of starting application processors shares (the INIT-SIPI "smp" entry,
// init/smp.cc; Xen PV's "xen-pv-smp", platform/xen-pv-smp.cc): the console lock, the boot
// CPU's bounded, halted waits, the one per-CPU path an AP joins once it has its record, the
// parked loop and the unientry/cpu.h API over the records.
#pragma once

#include <cstdint>

#include "common/console.h"
#include "common/per-cpu.h"

namespace ap_start {

/// Called before the first AP can run: the console locks its lines and names their CPU.
void BeginApStart();

/// The boot CPU's wait for the started APs (those in kStarting): each answers within 1 s and
/// parks within 10 s, or is reported (`smp cpu N apic-id=ID did not ...`) and left out. Then
/// the APs online are counted (unientry::CpuCount). (The bounds are loose on purpose: a virtual
/// CPU is a host thread, and a loaded host may not run it for many milliseconds; Linux waits
/// 10 s.)
struct StartResult {
  uint64_t ticks;             // `first_tsc` to the last AP seen parked, on this CPU's TSC
  uint64_t longest_ap_ticks;  // the longest AP's own path, on its TSC
};
StartResult FinishStart(uint64_t first_tsc);

/// The "smp online=N started=N listed=N not-enabled=N" line's start, and its end
/// ("bring-up-tsc=... send-tsc=... longest-ap-tsc=..."); the caller appends what lies between.
void BeginReport(console::Line& line, uint32_t started, uint32_t listed, uint32_t not_enabled);
void EndReport(console::Line& line, const StartResult& result, uint64_t send_ticks);

/// Halts (interrupts on inside the wait, on a periodic tick) until every AP started has
/// answered (none is in kStarting) or `nanoseconds` passed.
void WaitForAnswers(uint64_t nanoseconds);

/// "smp cpu N apic-id=ID WHAT", always printed.
void SayState(const percpu::Cpu& cpu, const char* what);

/// An AP's path once it knows its record: the GS base, its answer (kStarting -> kInitialising;
/// too late, and it halts), the per-CPU init entries, the parked state (then `parked(cpu)`,
/// which may tell the boot CPU), then the parked loop, where unientry::RunOn reaches it.
[[noreturn]] void JoinAsAp(percpu::Cpu& cpu, uint64_t entry_tsc, void (*parked)(percpu::Cpu& cpu));

/// Stops this CPU for good.
[[noreturn]] void HaltForever();


}  // namespace ap_start
