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

static_assert(sizeof(Tss64) == 104);
static_assert(offsetof(Tss64, rsp) == 4 && offsetof(Tss64, ist) == 36 && offsetof(Tss64, io_map_base) == 102);

// The IST slots: the faults that can come with a stack that cannot take a frame.
inline constexpr uint8_t kIstDoubleFault = 1, kIstNmi = 2, kIstMachineCheck = 3;

// The boot CPU's, static: they are loaded before anything could allocate.
constinit CpuTables gBootCpuTables = {};

// [intel/vol3]: 3.4.5 Segment Descriptors; the code and data descriptors of the boot GDT,
// then the TSS's 16-byte system descriptor (written at run time: the image may be anywhere).
constexpr uint64_t kGdtTemplate[kGdtEntries] = {
    0,
    GDT_CODE64,  // KERNEL_CS
    GDT_DATA,    // KERNEL_DS
    0, 0,                // KERNEL_TSS
};
static_assert(KERNEL_CS == 1 * 8 && KERNEL_DS == 2 * 8 && KERNEL_TSS == 3 * 8);

// [intel/vol3]: 7.2.3 TSS Descriptor in 64-bit mode: type 9 (available 64-bit TSS), present.
void WriteTssDescriptor(uint64_t* gdt, uint64_t base, uint32_t limit) {
  gdt[3] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (uint64_t{0x89} << 40) |
           (uint64_t{(limit >> 16) & 0xf} << 48) | (((base >> 24) & 0xff) << 56);
  gdt[4] = base >> 32;
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

void InstallCpuTables(CpuTables& tables) {
  for (uint32_t i = 0; i < kGdtEntries; ++i) tables.gdt[i] = kGdtTemplate[i];
  tables.tss = Tss64{};
  tables.tss.ist[kIstDoubleFault - 1] = reinterpret_cast<uint64_t>(tables.ist_stacks[0] + kIstStackBytes);
  tables.tss.ist[kIstNmi - 1] = reinterpret_cast<uint64_t>(tables.ist_stacks[1] + kIstStackBytes);
  tables.tss.ist[kIstMachineCheck - 1] = reinterpret_cast<uint64_t>(tables.ist_stacks[2] + kIstStackBytes);
  tables.tss.io_map_base = sizeof(Tss64);  // no I/O bitmap
  WriteTssDescriptor(tables.gdt, reinterpret_cast<uint64_t>(&tables.tss), sizeof(Tss64) - 1);
  const DescriptorPointer gdt{sizeof(tables.gdt) - 1, reinterpret_cast<uint64_t>(tables.gdt)};
  // %fs and %gs keep their selectors: loading one would clear the GS base, which holds this
  // CPU's record (common/per-cpu.h).
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
      "movw %3, %%ax\n"
      "ltr %%ax\n"
      :
      : "m"(gdt), "i"(KERNEL_CS), "i"(KERNEL_DS), "i"(KERNEL_TSS)
      : "rax", "memory");
  LoadInterruptTable();
}

void LoadInterruptTable() {
  const DescriptorPointer idt{sizeof(gIdt) - 1, reinterpret_cast<uint64_t>(gIdt)};
  __asm__ volatile("lidt %0" ::"m"(idt) : "memory");
}

CpuTables& BootCpuTables() { return gBootCpuTables; }

void InstallDescriptorTables() {
  // The IDT is one for every CPU (as Linux's idt_table): only its TSS, whose IST stacks the
  // gates name, is each CPU's own.
  for (int vector = 0; vector < 256; ++vector) {
    const uint64_t handler = exception_vectors[vector];
    gIdt[vector] = IdtGate{static_cast<uint16_t>(handler), KERNEL_CS, IstOf(vector),
                           vector == 3 ? kPresentUserInterruptGate : kPresentInterruptGate,
                           static_cast<uint16_t>(handler >> 16), static_cast<uint32_t>(handler >> 32), 0};
  }
  // The boot CPU's data selectors are the loader's until here: load ours, %fs and %gs too.
  InstallCpuTables(gBootCpuTables);
  __asm__ volatile(
      "movl %0, %%eax\n"
      "movl %%eax, %%fs\n"
      "movl %%eax, %%gs\n"
      :
      : "i"(KERNEL_DS)
      : "rax", "memory");
}

}  // namespace arch
