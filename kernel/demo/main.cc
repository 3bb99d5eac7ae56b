// SPDX-License-Identifier: MIT
// The demonstration kernel: what ./unientry run boots everywhere. Its KernelMain prints the
// framework's boot report (which the boot tests read) and ends the boot with "status ok".
// With `demo.frames-test` it first takes the highest free frame of RAM, writes it, reads it
// back and gives it back, and says so (the boot tests of the frame allocator at -m 16M..16G).
// With `demo.reboot` it resets the machine after the report (the boot tests of Reboot()).
// With `demo.timer-test` it sets a 10 ms one-shot timer and a 2 ms periodic one, and says when
// they fired by the monotonic clock (the boot tests of the timer: 9-30 ms, 5 periods).
#include <unientry/unientry.h>

namespace {

void FramesTest() {
  const unientry::FrameRun top = unientry::AllocateFrames({.count = 1, .highest = true});
  if (!top.ok()) {
    unientry::Print("frames-test: {}\n", top.error);
    unientry::Exit(unientry::Status::kFail);
  }
  volatile uint64_t* words = reinterpret_cast<volatile uint64_t*>(top.address);
  for (uint64_t i = 0; i < unientry::kFrameSize / 8; ++i) words[i] = top.address ^ (i * 0x9e3779b97f4a7c15);
  for (uint64_t i = 0; i < unientry::kFrameSize / 8; ++i) {
    if (words[i] != (top.address ^ (i * 0x9e3779b97f4a7c15))) {
      unientry::Print("frames-test: the frame at {:#x} did not keep word {}\n", top.address, i);
      unientry::Exit(unientry::Status::kFail);
    }
  }
  const uint64_t free_while_taken = unientry::FreeFrameCount();
  if (!unientry::FreeFrames(top.address)) unientry::Exit(unientry::Status::kFail);
  unientry::Print("frames-test top={:#x} written and read back, free={} of {} (taken: {})\n", top.address,
                  unientry::FreeFrameCount(), unientry::FrameCount(), free_while_taken);
}

volatile uint64_t gFiredAt = 0;
volatile uint32_t gTicks = 0;

void OnOneShot(void*) { gFiredAt = unientry::MonotonicNanoseconds(); }
void OnTick(void*) { gTicks = gTicks + 1; }

void TimerTest() {
  const uint64_t start = unientry::MonotonicNanoseconds();
  if (!unientry::StartTimer(10'000'000, false, OnOneShot, nullptr)) {
    unientry::Print("timer-test: no timer on this boot\n");
    unientry::Exit(unientry::Status::kFail);
  }
  while (gFiredAt == 0 && unientry::MonotonicNanoseconds() - start < 1'000'000'000) unientry::WaitForInterrupt();
  const uint64_t elapsed_us = (gFiredAt - start) / 1000;
  unientry::Print("timer-test one-shot 10 ms fired after {} us ({}, TSC {} kHz from {})\n", elapsed_us,
                  unientry::TimerSource(), unientry::TscFrequency() / 1000, unientry::TscFrequencySource());
  if (gFiredAt == 0 || elapsed_us < 9000 || elapsed_us > 30000) unientry::Exit(unientry::Status::kFail);
  const uint64_t periodic_start = unientry::MonotonicNanoseconds();
  unientry::StartTimer(2'000'000, true, OnTick, nullptr);
  while (gTicks < 5 && unientry::MonotonicNanoseconds() - periodic_start < 1'000'000'000) unientry::WaitForInterrupt();
  unientry::StopTimer();
  const uint64_t periodic_us = (unientry::MonotonicNanoseconds() - periodic_start) / 1000;
  unientry::Print("timer-test periodic 2 ms: {} ticks in {} us\n", static_cast<uint32_t>(gTicks), periodic_us);
  if (gTicks < 5 || periodic_us < 9000 || periodic_us > 40000) unientry::Exit(unientry::Status::kFail);
}

}  // namespace

void KernelMain(const unientry::BootInfo& boot) {
  if (boot.command_line.Has("demo.frames-test")) FramesTest();
  if (boot.command_line.Has("demo.timer-test")) TimerTest();
  unientry::PrintBootReport();
  if (boot.command_line.Has("demo.reboot")) unientry::Reboot();
  unientry::Exit(unientry::Status::kOk);
}
