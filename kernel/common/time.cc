// SPDX-License-Identifier: MIT
// The unientry:: time API over the source the "timer" init entry started (time-source.h),
// and the kernel's one timer callback.
#include "common/time-source.h"
#include "unientry/time.h"

namespace {

constinit const time::Source* gSource = nullptr;
constinit unientry::TimerCallback gCallback = nullptr;
constinit void* gArgument = nullptr;
constinit bool gPeriodic = false;

}  // namespace

namespace time {

void UseSource(const Source& source) { gSource = &source; }

void TimerExpired() {
  const unientry::TimerCallback callback = gCallback;
  if (!gPeriodic) gCallback = nullptr;
  if (callback != nullptr) callback(gArgument);
}

}  // namespace time

namespace unientry {

uint64_t MonotonicNanoseconds() { return gSource == nullptr ? 0 : gSource->monotonic_ns(); }
uint64_t TscFrequency() { return gSource == nullptr ? 0 : gSource->tsc_hz(); }
const char* TscFrequencySource() { return gSource == nullptr ? "" : gSource->tsc_source(); }
const char* TimerSource() { return gSource == nullptr ? "" : gSource->timer_source(); }

bool StartTimer(uint64_t nanoseconds, bool periodic, TimerCallback callback, void* argument) {
  if (gSource == nullptr || nanoseconds < 1000) return false;
  StopTimer();
  gCallback = callback;
  gArgument = argument;
  gPeriodic = periodic;
  if (gSource->arm(nanoseconds, periodic)) return true;
  gCallback = nullptr;
  return false;
}

void StopTimer() {
  if (gSource == nullptr) return;
  gSource->disarm();
  gCallback = nullptr;
}

}  // namespace unientry
