// SPDX-License-Identifier: MIT
#include "arch/x86/descriptor-tables.h"

#include <cstdint>

#include "arch/x86/segments.h"

extern "C" const uint64_t exception_vectors[32];

namespace arch {
namespace {

struct [[gnu::packed]] DescriptorPointer {
  uint16_t limit;
  uint64_t base;
};

// [intel/vol3]: 3.4.5 Segment Descriptors; the same three descriptors as the boot GDT.
constinit const uint64_t gGdt[] = {
    0,
    0x00af9a000000ffff,  // KERNEL_CS
    0x00cf92000000ffff,  // KERNEL_DS
};
static_assert(KERNEL_CS == 1 * 8 && KERNEL_DS == 2 * 8);

// [intel/vol3]: 6.14.1 64-Bit Mode IDT
struct IdtGate {
  uint16_t offset_low;
  uint16_t selector;
  uint8_t ist;
  uint8_t type_attributes;
  uint16_t offset_middle;
  uint32_t offset_high;
  uint32_t reserved;
};
static_assert(sizeof(IdtGate) == 16);

inline constexpr uint8_t kPresentInterruptGate = 0x8e;  // P=1, DPL=0, type 0xE

constinit IdtGate gIdt[32] = {};

}  // namespace

void InstallDescriptorTables() {
  const DescriptorPointer gdt{sizeof(gGdt) - 1, reinterpret_cast<uint64_t>(gGdt)};
  __asm__ volatile(
      "lgdt %0\n"
      "pushq %1\n"
      "leaq 1f(%%rip), %%rax\n"
      "pushq %%rax\n"
      "lretq\n"
      "1:\n"
      "movl %2, %%eax\n"
      "movl %%eax, %%ds\n"
      "movl %%eax, %%es\n"
      "movl %%eax, %%ss\n"
      "movl %%eax, %%fs\n"
      "movl %%eax, %%gs\n"
      :
      : "m"(gdt), "i"(KERNEL_CS), "i"(KERNEL_DS)
      : "rax", "memory");

  for (int vector = 0; vector < 32; ++vector) {
    const uint64_t handler = exception_vectors[vector];
    gIdt[vector] = IdtGate{static_cast<uint16_t>(handler), KERNEL_CS, 0, kPresentInterruptGate,
                           static_cast<uint16_t>(handler >> 16),
                           static_cast<uint32_t>(handler >> 32), 0};
  }
  const DescriptorPointer idt{sizeof(gIdt) - 1, reinterpret_cast<uint64_t>(gIdt)};
  __asm__ volatile("lidt %0" ::"m"(idt) : "memory");
}

}  // namespace arch
