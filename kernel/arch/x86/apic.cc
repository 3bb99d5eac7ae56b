// SPDX-License-Identifier: MIT
#include "arch/x86/apic.h"

#include "arch/x86/cpu.h"

namespace arch::apic {
namespace {

constinit bool gX2Apic = false;
constinit uint64_t gBase = 0;

}  // namespace

void Enable(uint8_t spurious, bool x2apic) {
  uint64_t base = ReadMsr(kMsrApicBase);
  gBase = base & 0x000ffffffffff000;
  base |= kApicBaseEnable;
  WriteMsr(kMsrApicBase, base);
  if (x2apic) WriteMsr(kMsrApicBase, base | kApicBaseX2Apic);  // xAPIC first, then x2APIC (SDM 11.12.5)
  gX2Apic = x2apic;
  Write(kSpurious, kSpuriousEnable | spurious);
}

uint32_t Read(uint32_t reg) {
  if (gX2Apic) return static_cast<uint32_t>(ReadMsr(0x800 + reg / 16));
  return *reinterpret_cast<volatile const uint32_t*>(gBase + reg);
}

void Write(uint32_t reg, uint32_t value) {
  if (gX2Apic) {
    WriteMsr(0x800 + reg / 16, value);
  } else {
    *reinterpret_cast<volatile uint32_t*>(gBase + reg) = value;
  }
}

bool X2Apic() { return gX2Apic; }

// [intel/vol3]: 11.8.4 Interrupt Acceptance: ISR at 0x100-0x170, IRR at 0x200-0x270, eight
// 32-bit registers each, 16 bytes apart.
void TakeOver(uint64_t pending[4]) {
  constexpr uint32_t kIsr = 0x100, kIrr = 0x200;
  for (int round = 0; round < 256; ++round) {
    bool in_service = false;
    for (uint32_t i = 0; i < 8; ++i) in_service |= Read(kIsr + i * 0x10) != 0;
    if (!in_service) break;
    EndOfInterrupt();
  }
  for (uint32_t i = 0; i < 4; ++i) {
    pending[i] = Read(kIrr + 2 * i * 0x10) | uint64_t{Read(kIrr + (2 * i + 1) * 0x10)} << 32;
  }
}

bool SendIpi(uint32_t apic_id, uint32_t command) {
  if (gX2Apic) {
    // One 64-bit write: destination in bits 63:32 (SDM 11.12.9), no delivery status to poll.
    WriteMsr(0x800 + kIcrLow / 16, uint64_t{apic_id} << 32 | command);
    return true;
  }
  if (apic_id > 0xff) return false;
  Write(kIcrHigh, apic_id << 24);
  Write(kIcrLow, command);
  for (int spin = 0; spin < 100000; ++spin) {
    if ((Read(kIcrLow) & kIcrDeliveryPending) == 0) return true;
  }
  return false;
}
uint64_t BaseAddress() { return gBase; }

}  // namespace arch::apic
