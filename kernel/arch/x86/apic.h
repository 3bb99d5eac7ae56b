// SPDX-License-Identifier: MIT
// This CPU's local APIC: x2APIC (MSRs) where the CPU has it, else xAPIC (MMIO at the
// IA32_APIC_BASE address, identity-mapped; the same address on every CPU). Every CPU uses the
// mode the boot CPU chose. Intel SDM vol. 3, chapter 11.
#pragma once

#include <cstdint>

namespace arch::apic {

// Register offsets of the xAPIC page; the x2APIC MSR of each is 0x800 + offset / 16.
inline constexpr uint32_t kId = 0x20, kEoi = 0xb0, kIcrLow = 0x300, kIcrHigh = 0x310, kSpurious = 0xf0, kLvtTimer = 0x320, kTimerInitialCount = 0x380,
                          kTimerCurrentCount = 0x390, kTimerDivide = 0x3e0;
inline constexpr uint32_t kSpuriousEnable = 1u << 8;
inline constexpr uint32_t kLvtMasked = 1u << 16;
inline constexpr uint32_t kLvtTimerPeriodic = 1u << 17, kLvtTimerTscDeadline = 2u << 17;
inline constexpr uint32_t kTimerDivideBy16 = 0x3;
inline constexpr uint32_t kMsrApicBase = 0x1b, kMsrTscDeadline = 0x6e0;
inline constexpr uint64_t kApicBaseEnable = 1u << 11, kApicBaseX2Apic = 1u << 10;

// [intel/vol3]: 11.6.1 Interrupt Command Register: delivery modes and flags.
inline constexpr uint32_t kIcrInit = 5u << 8, kIcrStartup = 6u << 8, kIcrFixed = 0;
inline constexpr uint32_t kIcrAssert = 1u << 14, kIcrLevelTriggered = 1u << 15, kIcrDeliveryPending = 1u << 12;

/// Enables the local APIC, in x2APIC mode when `x2apic` (the CPU has it), with `spurious` as
/// its spurious vector.
void Enable(uint8_t spurious, bool x2apic);
uint32_t Read(uint32_t reg);
void Write(uint32_t reg, uint32_t value);
inline void EndOfInterrupt() { Write(kEoi, 0); }
bool X2Apic();
/// Takes the local APIC over from whoever ran before (a kernel that kexec'd this one, the
/// firmware): ends every interrupt still in service (EOI until the ISR is clear) and returns the
/// vectors still pending in the IRR (bit v of `pending`), which arrive once interrupts are on.
void TakeOver(uint64_t pending[4]);
/// Sends an IPI (`command`: ICR low word) to the CPU with local APIC ID `apic_id` (above 255
/// only in x2APIC mode); false if the xAPIC did not take it within a bound.
bool SendIpi(uint32_t apic_id, uint32_t command);
uint64_t BaseAddress();  // the xAPIC page (also under x2APIC, as IA32_APIC_BASE says)

}  // namespace arch::apic
