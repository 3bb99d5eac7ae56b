// SPDX-License-Identifier: MIT
// The application processors' trampoline (ap-trampoline.S): copied to a page below 1 MiB,
// whose number is the start-up IPI's vector. An AP starts there in real mode (CS = the page,
// IP = 0), switches to protected mode and into long mode with the SWITCH_TO_LONG_MODE_PAGING
// every 32-bit boot entry uses, takes a stack by ticket and jumps to ApStart(slot) in the
// kernel. The boot CPU fills the data block before the first INIT.
#pragma once

#include <cstddef>
#include <cstdint>

extern "C" const uint8_t ap_trampoline_start[], ap_trampoline_end[];

namespace arch {

/// Where in the page the data block lies (the code fits below it: ap-trampoline.S checks).
inline constexpr uint32_t kApTrampolineDataOffset = 0x800;
/// The trampoline's pages: the code and data page, then a copy of the boot CPU's top-level
/// page table (the AP's CR3 must be below 4 GiB in 32-bit mode; the lower levels may lie
/// anywhere, as long mode reads them with 64-bit addresses).
inline constexpr uint32_t kApTrampolinePages = 2;

/// A far pointer as `ljmpl *` takes it: a 32-bit offset, then the selector.
struct [[gnu::packed]] FarPointer32 {
  uint32_t offset;
  uint16_t selector;
};

struct ApTrampolineData {
  uint64_t gdt[4];          // null, KERNEL_CS (64-bit code), KERNEL_DS, 32-bit code
  uint16_t _pad0[3];
  uint16_t gdt_limit;       // lgdtl's operand: the limit, then the 32-bit base
  uint32_t gdt_base;
  FarPointer32 to_protected_mode;  // the page's 32-bit code, 32-bit code selector
  uint16_t _pad1;
  FarPointer32 to_long_mode;       // the page's 64-bit code, KERNEL_CS
  uint16_t _pad2;
  uint32_t cr3;             // the copy of the top-level table, below 1 MiB
  uint32_t cr4_set;         // CR4.PAE, and LA57 where the boot CPU runs 5-level paging
  uint32_t efer_set;        // EFER.LME, and NXE where the boot CPU has it on
  uint32_t next_slot;       // each AP's ticket for a stack (lock xadd)
  uint64_t entry;           // ApStart
  uint64_t stacks;          // the first stack's lowest address
  uint64_t stack_bytes;     // each stack's size
};
static_assert(offsetof(ApTrampolineData, gdt_limit) % 2 == 0 && offsetof(ApTrampolineData, gdt_base) % 4 == 0);

inline constexpr uint16_t kApTrampolineCode32Selector = 3 * 8;

}  // namespace arch

/// Where an AP arrives in 64-bit mode, on its slot's stack, with interrupts off; `entry_tsc`
/// is its TSC at the trampoline's first instruction.
extern "C" [[noreturn]] void ApStart(uint32_t slot, uint64_t entry_tsc);
