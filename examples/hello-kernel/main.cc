// SPDX-License-Identifier: MIT
// hello-kernel: greets, shows what the loader handed over, and ends the boot.
#include <unientry/unientry.h>

#include "pages.h"

namespace {

volatile bool gTimerFired = false;
void OnTimer(void*) { gTimerFired = true; }

// Every CPU greets once, in turn: RunOnAll runs this on each AP and here, and waits for all.
void Greet(void*) { unientry::Print("hello from cpu {} (APIC ID {})\n", unientry::CurrentCpu(), unientry::CpuApicId(unientry::CurrentCpu())); }

}  // namespace

void KernelMain(const unientry::BootInfo& boot) {
  unientry::Print("Hello from {} via {} on {} firmware ({})\n", boot.loader_name[0] != '\0' ? boot.loader_name : "a loader",
                  unientry::BootEntryName(boot.entry), unientry::FirmwareName(boot.firmware), boot.platform);
  unientry::Print("command line: \"{}\"\n", boot.command_line.text());
  unientry::StringView name;
  if (boot.command_line.Lookup("hello.name", name)) unientry::Print("hello, {}!\n", name);
  for (const unientry::Module& module : boot.modules) {
    unientry::Print("module {:#x} {} bytes \"{}\"\n", module.address, module.size, module.string);
  }
  for (const unientry::MemoryRange& range : boot.memory_map) {
    unientry::Print("memory {:#018x}-{:#018x} {}\n", range.base, range.base + range.size - 1,
                    unientry::MemoryTypeName(range.type));
  }
  unientry::Print("free pages: {} ({} KiB usable)\n", FreePages(), boot.UsableBytes() / 1024);
  // 16 contiguous frames below 4 GiB, as a 32-bit DMA buffer would need, used and given back.
  const unientry::FrameRun buffer = unientry::AllocateFrames({.count = 16, .below = uint64_t{4} << 30});
  if (!buffer.ok()) {
    unientry::Print("no DMA buffer: {}\n", buffer.error);
  } else {
    unientry::Print("allocated 16 frames below 4 GiB at {:#x} ({} frames free)\n", buffer.address,
                    unientry::FreeFrameCount());
    unientry::FreeFrames(buffer.address, 16);
  }
  // A 5 ms timer, waited for with interrupts on only while halted.
  const uint64_t start = unientry::MonotonicNanoseconds();
  if (unientry::StartTimer(5'000'000, false, OnTimer, nullptr)) {
    while (!gTimerFired) unientry::WaitForInterrupt();
    unientry::Print("a 5 ms timer fired after {} us ({})\n", (unientry::MonotonicNanoseconds() - start) / 1000,
                    unientry::TimerSource());
  } else {
    unientry::Print("no timer on this boot\n");
  }
  unientry::Print("{} CPUs online\n", unientry::CpuCount());
  unientry::RunOnAll(Greet, nullptr);
  unientry::Exit(unientry::Status::kOk);
}
