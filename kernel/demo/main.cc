// SPDX-License-Identifier: MIT
// The demonstration kernel: what ./unientry run boots everywhere. Its KernelMain prints the
// framework's boot report (which the boot tests read) and ends the boot with "status ok".
// With `demo.frames-test` it first takes the highest free frame of RAM, writes it, reads it
// back and gives it back, and says so (the boot tests of the frame allocator at -m 16M..16G).
// With `demo.reboot` it resets the machine after the report (the boot tests of Reboot()).
// With `demo.timer-test` it sets a 10 ms one-shot timer and a 2 ms periodic one, and says when
// they fired by the monotonic clock (the boot tests of the timer: 9-30 ms, 5 periods).
// With `demo.serial-irq-test` it routes COM1's IRQ 4 through the I/O APIC, turns on the
// UART's receive interrupt and waits (up to 5 s) for a byte typed on the serial port.
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

// COM1 (a PC's 16550 at 0x3f8): its registers, as any kernel of one's own reaches them.
uint8_t InByte(uint16_t port) {
  uint8_t value;
  __asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
  return value;
}
void OutByte(uint16_t port, uint8_t value) { __asm__ volatile("outb %0, %1" ::"a"(value), "Nd"(port)); }
constexpr uint16_t kCom1 = 0x3f8;
constexpr uint8_t kCom1Vector = 0x40;

volatile int gReceived = -1;
volatile uint32_t gCom1Interrupts = 0;

void OnCom1(unientry::InterruptFrame&) {
  gCom1Interrupts = gCom1Interrupts + 1;
  while ((InByte(kCom1 + 5) & 0x01) != 0) gReceived = InByte(kCom1);  // line status: data ready
  unientry::EndOfInterrupt();
}

void Wake(void*) {}

void SerialIrqTest() {
  const char* error = nullptr;
  unientry::SetInterruptHandler(kCom1Vector, OnCom1);
  if (!unientry::RouteIsaIrq(4, kCom1Vector, &error)) {
    unientry::Print("serial-irq-test: {}\n", error);
    unientry::Exit(unientry::Status::kFail);
  }
  OutByte(kCom1 + 1, 0x01);                          // interrupt enable: received data
  OutByte(kCom1 + 4, InByte(kCom1 + 4) | 0x08);      // modem control: OUT2 gates the IRQ on a PC
  unientry::StartTimer(100'000'000, true, Wake, nullptr);  // so that the wait can end
  unientry::Print("serial-irq-test waiting for a byte on COM1 by IRQ 4\n");
  const uint64_t start = unientry::MonotonicNanoseconds();
  while (gReceived < 0 && unientry::MonotonicNanoseconds() - start < 5'000'000'000) unientry::WaitForInterrupt();
  unientry::StopTimer();
  OutByte(kCom1 + 1, 0x00);
  if (gReceived < 0) {
    unientry::Print("serial-irq-test: no byte arrived in 5 s\n");
    unientry::Exit(unientry::Status::kFail);
  }
  unientry::Print("serial-irq-test received {:#x} by IRQ 4 (vector {:#x}, {} interrupts)\n",
                  static_cast<uint32_t>(gReceived), static_cast<uint32_t>(kCom1Vector),
                  static_cast<uint32_t>(gCom1Interrupts));
}

// With `demo.run-on-all`: every CPU runs a function (RunOnAll), twice, so a parked AP is woken
// again after its first run; each CPU counts its runs under its own index.
volatile uint32_t gRuns[256] = {};
void CountRun(void*) {
  const uint32_t cpu = unientry::CurrentCpu();
  if (cpu < 256) __atomic_add_fetch(&gRuns[cpu], 1, __ATOMIC_RELAXED);
}

void RunOnAllTest() {
  unientry::RunOnAll(CountRun, nullptr);
  unientry::RunOnAll(CountRun, nullptr);
  uint32_t twice = 0;
  for (uint32_t cpu = 0; cpu < unientry::CpuCount() && cpu < 256; ++cpu) twice += gRuns[cpu] == 2 ? 1 : 0;
  unientry::Print("run-on-all {} of {} CPUs ran it twice\n", twice, unientry::CpuCount());
  if (twice != unientry::CpuCount()) unientry::Exit(unientry::Status::kFail);
}

}  // namespace

void KernelMain(const unientry::BootInfo& boot) {
  if (boot.command_line.Has("demo.frames-test")) FramesTest();
  if (boot.command_line.Has("demo.timer-test")) TimerTest();
  if (boot.command_line.Has("demo.serial-irq-test")) SerialIrqTest();
  if (boot.command_line.Has("demo.run-on-all")) RunOnAllTest();
  unientry::PrintBootReport();
  if (boot.command_line.Has("demo.reboot")) unientry::Reboot();
  unientry::Exit(unientry::Status::kOk);
}
