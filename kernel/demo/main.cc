// SPDX-License-Identifier: MIT
// The demonstration kernel: what ./unientry run boots everywhere. Its KernelMain prints the
// framework's boot report (which the boot tests read) and ends the boot with "status ok".
// With `demo.frames-test` it first takes the highest free frame of RAM, writes it, reads it
// back and gives it back, and says so (the boot tests of the frame allocator at -m 16M..16G).
// With `demo.reboot` it resets the machine after the report (the boot tests of Reboot()).
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

}  // namespace

void KernelMain(const unientry::BootInfo& boot) {
  if (boot.command_line.Has("demo.frames-test")) FramesTest();
  unientry::PrintBootReport();
  if (boot.command_line.Has("demo.reboot")) unientry::Reboot();
  unientry::Exit(unientry::Status::kOk);
}
