// SPDX-License-Identifier: MIT
#include "arch/x86/legacy-timers.h"

#include "arch/x86/cpu.h"
#include "arch/x86/ports.h"

namespace arch::legacy {
namespace {

constexpr uint32_t kPitHz = 1193182;

void IoDelay() { OutByte(kIoDelayPort, 0); }

}  // namespace

void RemapAndMaskPics(uint8_t base) {
  // ICW1: edge, cascade, ICW4 follows; ICW2: vector base; ICW3: the slave on IRQ 2; ICW4: 8086.
  OutByte(kPic1Command, 0x11), IoDelay();
  OutByte(kPic2Command, 0x11), IoDelay();
  OutByte(kPic1Data, base), IoDelay();
  OutByte(kPic2Data, static_cast<uint8_t>(base + 8)), IoDelay();
  OutByte(kPic1Data, 0x04), IoDelay();
  OutByte(kPic2Data, 0x02), IoDelay();
  OutByte(kPic1Data, 0x01), IoDelay();
  OutByte(kPic2Data, 0x01), IoDelay();
  OutByte(kPic1Data, 0xff);
  OutByte(kPic2Data, 0xff);
}

uint64_t TscTicksOverPit(uint32_t milliseconds) {
  if (milliseconds == 0 || milliseconds > 50) return 0;
  const uint32_t ticks = kPitHz / 1000 * milliseconds;  // below 65536 up to 54 ms
  // Channel 0 counting down from 0xffff in mode 0, read back through the latch command: no
  // need for port 0x61 (channel 2's gate), which machines without a PC speaker (microvm) lack.
  // Its IRQ 0 is masked at the PIC and at the I/O APIC.
  OutByte(kPitMode, 0x30);  // channel 0, low then high byte, mode 0, binary
  OutByte(kPitChannel0, 0xff);
  OutByte(kPitChannel0, 0xff);
  auto read = [] {
    OutByte(kPitMode, 0x00);  // latch channel 0
    const uint8_t low = InByte(kPitChannel0);
    return static_cast<uint32_t>(low | (InByte(kPitChannel0) << 8));
  };
  const uint32_t first = read();
  const uint64_t start = ReadTsc();
  // Bounded in polls, so a PIT that never counts (none there: it reads 0xffff) cannot hang.
  for (uint64_t polls = 0; polls < 20000000; ++polls) {
    const uint32_t now = read();
    if (now <= first && first - now >= ticks) return ReadTsc() - start;
  }
  return 0;
}

}  // namespace arch::legacy
