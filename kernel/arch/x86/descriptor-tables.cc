// SPDX-License-Identifier: MIT
#include "arch/x86/descriptor-tables.h"

#include <cstddef>
#include <cstdint>

#include "arch/x86/segments.h"

extern "C" const uint64_t exception_vectors[256];

namespace arch {
namespace {

struct [[gnu::packed]] DescriptorPointer {
  uint16_t limit;
  uint64_t base;
};

// [intel/vol3]: 8.7 Task Management in 64-bit Mode, Figure 8-11 64-Bit TSS Format. Only the
// interrupt stack table is used: no privilege change happens (ring 0 only), no I/O bitmap.
struct [[gnu::packed]] Tss64 {
  uint32_t reserved0;
  uint64_t rsp[3];
  uint64_t reserved1;
  uint64_t ist[7];  // IST1..IST7
  uint64_t reserved2;
  uint16_t reserved3;
  uint16_t io_map_base;
};
static_assert(sizeof(Tss64) == 104);
static_assert(offsetof(Tss64, rsp) == 4 && offsetof(Tss64, ist) == 36 && offsetof(Tss64, io_map_base) == 102);

// The IST slots: the faults that can come with a stack that cannot take a frame.
inline constexpr uint8_t kIstDoubleFault = 1, kIstNmi = 2, kIstMachineCheck = 3;
inline constexpr uint64_t kIstStackBytes = 8192;
alignas(16) constinit uint8_t gIstStacks[3][kIstStackBytes] = {};
constinit Tss64 gTss = {};

// [intel/vol3]: 3.4.5 Segment Descriptors; the code and data descriptors of the boot GDT,
// then the TSS's 16-byte system descriptor (written at run time: the image may be anywhere).
constinit uint64_t gGdt[5] = {
    0,
    0x00af9a000000ffff,  // KERNEL_CS
    0x00cf92000000ffff,  // KERNEL_DS
    0, 0,                // KERNEL_TSS
};
static_assert(KERNEL_CS == 1 * 8 && KERNEL_DS == 2 * 8 && KERNEL_TSS == 3 * 8);

// [intel/vol3]: 7.2.3 TSS Descriptor in 64-bit mode: type 9 (available 64-bit TSS), present.
void WriteTssDescriptor(uint64_t base, uint32_t limit) {
  gGdt[3] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (uint64_t{0x89} << 40) |
            (uint64_t{(limit >> 16) & 0xf} << 48) | (((base >> 24) & 0xff) << 56);
  gGdt[4] = base >> 32;
}

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
inline constexpr uint8_t kPresentUserInterruptGate = 0xee;  // DPL=3: int3 from any ring

constinit IdtGate gIdt[256] = {};

uint8_t IstOf(int vector) {
  switch (vector) {
    case 2: return kIstNmi;
    case 8: return kIstDoubleFault;
    case 18: return kIstMachineCheck;
    default: return 0;
  }
}

}  // namespace

void InstallDescriptorTables() {
  gTss.ist[kIstDoubleFault - 1] = reinterpret_cast<uint64_t>(gIstStacks[0] + kIstStackBytes);
  gTss.ist[kIstNmi - 1] = reinterpret_cast<uint64_t>(gIstStacks[1] + kIstStackBytes);
  gTss.ist[kIstMachineCheck - 1] = reinterpret_cast<uint64_t>(gIstStacks[2] + kIstStackBytes);
  gTss.io_map_base = sizeof(Tss64);  // no I/O bitmap
  WriteTssDescriptor(reinterpret_cast<uint64_t>(&gTss), sizeof(Tss64) - 1);
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
      "movw %3, %%ax\n"
      "ltr %%ax\n"
      :
      : "m"(gdt), "i"(KERNEL_CS), "i"(KERNEL_DS), "i"(KERNEL_TSS)
      : "rax", "memory");

  for (int vector = 0; vector < 256; ++vector) {
    const uint64_t handler = exception_vectors[vector];
    gIdt[vector] = IdtGate{static_cast<uint16_t>(handler), KERNEL_CS, IstOf(vector),
                           vector == 3 ? kPresentUserInterruptGate : kPresentInterruptGate,
                           static_cast<uint16_t>(handler >> 16), static_cast<uint32_t>(handler >> 32), 0};
  }
  const DescriptorPointer idt{sizeof(gIdt) - 1, reinterpret_cast<uint64_t>(gIdt)};
  __asm__ volatile("lidt %0" ::"m"(idt) : "memory");
}

}  // namespace arch
