// SPDX-License-Identifier: MIT
// Thin wrappers around the x86 instructions the kernel uses. Register bits cite the Intel SDM.
#pragma once

#include <cstdint>

namespace arch {

// [intel/vol3]: 2.5 Control Registers
inline constexpr uint64_t kCr0Pe = 1u << 0;
inline constexpr uint64_t kCr0Pg = 1u << 31;
inline constexpr uint64_t kCr4Pae = 1u << 5;
inline constexpr uint64_t kCr4Pge = 1u << 7;
inline constexpr uint64_t kCr4Umip = 1u << 11;
inline constexpr uint64_t kCr4Smep = 1u << 20;
inline constexpr uint64_t kCr4La57 = 1u << 12;  // 5-level paging

// [intel/vol4]: 2.1 Architectural MSRs
inline constexpr uint32_t kMsrEfer = 0xc0000080;
inline constexpr uint32_t kMsrGsBase = 0xc0000101;  // IA32_GS_BASE: the per-CPU record (common/per-cpu.h)
inline constexpr uint64_t kEferLme = 1u << 8;
inline constexpr uint64_t kEferNxe = 1u << 11;

// [intel/vol3]: 4.5 4-Level Paging: page-table entry bits the boot page tables use
inline constexpr uint64_t kPagePresent = 1u << 0;
inline constexpr uint64_t kPageWritable = 1u << 1;
inline constexpr uint64_t kPageHuge = 1u << 7;  // PS: a 2 MiB page in a page directory

// [intel/vol2]: CPUID, the extended leaves
inline constexpr uint32_t kCpuidExtendedMaxLeaf = 0x80000000;
inline constexpr uint32_t kCpuidExtendedFeatures = 0x80000001;
inline constexpr uint32_t kCpuidExtendedEdxLongModeBit = 29;  // Intel 64 / long mode
inline constexpr uint32_t kCpuidExtendedEdxGigabytePagesBit = 26;  // Page1GB

// [intel/vol2]: CPUID leaf 7, subleaf 0: structured extended features
inline constexpr uint32_t kCpuidStructuredFeatures = 7;
inline constexpr uint32_t kCpuidStructuredEcxLa57Bit = 16;  // 5-level paging

struct CpuidResult {
  uint32_t eax, ebx, ecx, edx;
};

inline CpuidResult Cpuid(uint32_t leaf, uint32_t subleaf = 0) {
  CpuidResult r;
  __asm__ volatile("cpuid" : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx) : "a"(leaf), "c"(subleaf));
  return r;
}

inline uint64_t ReadMsr(uint32_t msr) {
  uint32_t low, high;
  __asm__ volatile("rdmsr" : "=a"(low), "=d"(high) : "c"(msr));
  return (uint64_t{high} << 32) | low;
}

inline void WriteMsr(uint32_t msr, uint64_t value) {
  __asm__ volatile("wrmsr" ::"c"(msr), "a"(static_cast<uint32_t>(value)),
                   "d"(static_cast<uint32_t>(value >> 32)));
}

inline uint64_t ReadCr0() {
  uint64_t value;
  __asm__ volatile("mov %%cr0, %0" : "=r"(value));
  return value;
}
inline uint64_t ReadCr2() {
  uint64_t value;
  __asm__ volatile("mov %%cr2, %0" : "=r"(value));
  return value;
}
inline uint64_t ReadCr3() {
  uint64_t value;
  __asm__ volatile("mov %%cr3, %0" : "=r"(value));
  return value;
}
inline uint64_t ReadCr4() {
  uint64_t value;
  __asm__ volatile("mov %%cr4, %0" : "=r"(value));
  return value;
}
inline void WriteCr4(uint64_t value) { __asm__ volatile("mov %0, %%cr4" ::"r"(value) : "memory"); }

inline uint64_t ReadTsc() {
  uint32_t low, high;
  __asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
  return (uint64_t{high} << 32) | low;
}

inline void OutByte(uint16_t port, uint8_t value) {
  __asm__ volatile("outb %0, %1" ::"a"(value), "Nd"(port));
}
inline void OutLong(uint16_t port, uint32_t value) {
  __asm__ volatile("outl %0, %1" ::"a"(value), "Nd"(port));
}
inline uint8_t InByte(uint16_t port) {
  uint8_t value;
  __asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
  return value;
}

[[noreturn]] inline void HaltForever() {
  for (;;) __asm__ volatile("cli; hlt");
}

}  // namespace arch
