// SPDX-License-Identifier: MIT
#include "arch/x86/identity-map.h"

#include "abi/x86-paging.h"
#include "arch/x86/cpu.h"
#include "bootinfo/identity-map.h"

extern "C" uint64_t boot_pml4[512];  // long-mode.S

namespace {

namespace paging = bootabi::paging;

// Enough 2 MiB-page directories for 32 GiB above the static map (one PDPT covers 512 GiB).
// Outside .bss: the stubs grow the map before the common entry clears .bss.
constexpr uint32_t kBootPageTablePool = 33;
alignas(4096) [[gnu::section(".handoff.page_tables")]] constinit uint64_t gPool[kBootPageTablePool][512];
constinit uint32_t gPoolUsed = 0;  // .data: zero before any stub ran
// A PML5 whose first entry is boot_pml4: the same map under 5-level paging.
alignas(4096) [[gnu::section(".handoff.page_tables")]] constinit uint64_t gPml5[512];
// .data, not .handoff: it must read 4 GiB before any stub ran.
constinit uint64_t gMappedEnd = arch::kStaticIdentityMapBytes;

bool HaveGigabytePages() {
  const arch::CpuidResult max = arch::Cpuid(arch::kCpuidExtendedMaxLeaf);
  if (max.eax < arch::kCpuidExtendedFeatures) return false;
  return (arch::Cpuid(arch::kCpuidExtendedFeatures).edx >> arch::kCpuidExtendedEdxGigabytePagesBit) & 1;
}

}  // namespace

namespace arch {

uint64_t IdentityMappedBytes() { return gMappedEnd; }

base::Result<uint64_t> MapIdentityTo(uint64_t end) {
  if (end <= gMappedEnd) return gMappedEnd;
  bootinfo::PageTablePool pool{&gPool[0][0], kBootPageTablePool, gPoolUsed};
  const auto mapped = bootinfo::ExtendIdentityMap(boot_pml4, gMappedEnd, end, HaveGigabytePages(), pool);
  gPoolUsed = pool.used;
  if (mapped.is_error()) return mapped.error();
  gMappedEnd = mapped.value();
  return gMappedEnd;
}

void LoadBootPageTables() {
  uint64_t root = reinterpret_cast<uint64_t>(boot_pml4);
  if ((ReadCr4() & kCr4La57) != 0) {
    for (uint64_t& entry : gPml5) entry = 0;
    gPml5[0] = root | paging::kPresent | paging::kWritable;
    root = reinterpret_cast<uint64_t>(gPml5);
  }
  __asm__ volatile("mov %0, %%cr3" ::"r"(root) : "memory");
}

}  // namespace arch
