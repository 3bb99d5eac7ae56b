// SPDX-License-Identifier: MIT
// Where the unientry:: time API (unientry/time.h) gets its time: one Source, started by the
// "timer" init entry. The PC's is the TSC and the local APIC timer (init/timer.cc); a
// platform whose CPU has no local APIC of its own gives its own (Xen PV: Xen's system time and
// single-shot timer, platform/xen-pv-time.cc) through Platform::start_time.
#pragma once

#include <cstdint>

namespace time {

struct Source {
  uint64_t (*monotonic_ns)();     // nanoseconds since the source started
  uint64_t (*tsc_hz)();           // the TSC's frequency, Hz
  const char* (*tsc_source)();    // where that frequency came from
  const char* (*timer_source)();  // what raises the timer: "apic", "xen-singleshot", ...
  /// Arms the timer to expire in `nanoseconds` (at least 1 µs), once or every `nanoseconds`;
  /// false when the source cannot. An armed timer calls TimerExpired from its interrupt.
  bool (*arm)(uint64_t nanoseconds, bool periodic);
  void (*disarm)();
};

/// Makes `source` the one the API uses (the "timer" init entry, once).
void UseSource(const Source& source);

/// Called from the source's interrupt when the armed timer expired: runs the kernel's callback
/// (and forgets it, for a one-shot timer).
void TimerExpired();

}  // namespace time
