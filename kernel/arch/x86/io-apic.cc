// SPDX-License-Identifier: MIT
#include "arch/x86/io-apic.h"

namespace arch::io_apic {
namespace {

// IOREGSEL at the base, IOWIN 16 bytes above; register 1 the version (entries - 1 in bits
// 16-23), 0x10 + 2 * pin the redirection entry's low and high words.
constexpr uint32_t kVersion = 0x01, kRedirection = 0x10;
constexpr uint32_t kMasked = 1u << 16, kLevel = 1u << 15, kActiveLow = 1u << 13;

uint32_t Read(uint64_t base, uint32_t reg) {
  *reinterpret_cast<volatile uint32_t*>(base) = reg;
  return *reinterpret_cast<volatile uint32_t*>(base + 0x10);
}

void Write(uint64_t base, uint32_t reg, uint32_t value) {
  *reinterpret_cast<volatile uint32_t*>(base) = reg;
  *reinterpret_cast<volatile uint32_t*>(base + 0x10) = value;
}

}  // namespace

uint32_t InputCount(uint64_t base) { return ((Read(base, kVersion) >> 16) & 0xff) + 1; }

void Route(uint64_t base, uint32_t pin, uint8_t vector, uint32_t apic_id, bool active_low, bool level) {
  Write(base, kRedirection + 2 * pin, kMasked);                   // masked while it changes
  Write(base, kRedirection + 2 * pin + 1, (apic_id & 0xff) << 24);  // physical destination
  Write(base, kRedirection + 2 * pin, vector | (active_low ? kActiveLow : 0) | (level ? kLevel : 0));
}

void Mask(uint64_t base, uint32_t pin) { Write(base, kRedirection + 2 * pin, kMasked); }

}  // namespace arch::io_apic
