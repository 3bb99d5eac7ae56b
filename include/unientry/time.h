// SPDX-License-Identifier: MIT
// Time after the boot: a monotonic clock from the TSC, calibrated (CPUID 0x15/0x16, a
// hypervisor's TSC-frequency leaf, or against the PIT or the HPET), and one timer on the local
// APIC (TSC-deadline mode where the CPU has it) whose callback runs in its interrupt; under
// Xen PV, Xen's system time and single-shot timer instead (docs/kernel-authors.md, "Time"). What has
// to be measured (the TSC against the PIT or HPET, the APIC timer's rate: 20 ms) is measured
// on the first call of any of these, not at boot. Ready from
// the framework's "timer" init entry on (depend on gTimerInit; always in KernelMain), except
// where it is excluded (see the init trace). Interrupts stay off until the kernel turns them on.
//
//   unientry::StartTimer(10'000'000, false, OnTimer, nullptr);  // once, in 10 ms
//   while (!fired) unientry::WaitForInterrupt();
#pragma once

#include <cstdint>

namespace unientry {

/// Nanoseconds since the timer entry calibrated the clock; 0 before it.
uint64_t MonotonicNanoseconds();
/// The calibrated TSC frequency in Hz, and where it came from ("cpuid-15h", "cpuid-16h",
/// "xen-leaf", "hypervisor-leaf", "pit", "hpet"); 0 and "" before the timer entry.
uint64_t TscFrequency();
const char* TscFrequencySource();
/// "apic-tsc-deadline" or "apic"; "" before the timer entry.
const char* TimerSource();

using TimerCallback = void (*)(void* argument);
/// Starts the timer: `callback(argument)` in `nanoseconds` (at least 1 µs), once or every
/// `nanoseconds` when `periodic`, from the timer's interrupt (so with interrupts off in it).
/// Replaces a timer already running. False before the timer entry ran or where it is excluded.
bool StartTimer(uint64_t nanoseconds, bool periodic, TimerCallback callback, void* argument);
void StopTimer();

/// Interrupts on, wait for one, interrupts off again (sti; hlt; cli).
void WaitForInterrupt();
void EnableInterrupts();
void DisableInterrupts();

}  // namespace unientry
