// SPDX-License-Identifier: MIT
#include "bootinfo/identity-map.h"

#include "abi/x86-paging.h"

namespace bootinfo {
namespace {

namespace paging = bootabi::paging;
constexpr uint64_t kTableFlags = paging::kPresent | paging::kWritable;

uint64_t* TableAt(uint64_t entry) { return reinterpret_cast<uint64_t*>(entry & paging::kAddressMask); }

// The table `entry` points to, allocating and linking one from the pool when it is empty.
// nullptr when the pool is exhausted.
uint64_t* NextTable(uint64_t& entry, PageTablePool& pool) {
  if ((entry & paging::kPresent) != 0) return TableAt(entry);
  if (pool.used == pool.capacity) return nullptr;
  uint64_t* table = pool.pages + uint64_t{pool.used++} * paging::kEntriesPerTable;
  for (uint32_t i = 0; i < paging::kEntriesPerTable; ++i) table[i] = 0;
  entry = reinterpret_cast<uint64_t>(table) | kTableFlags;
  return table;
}

}  // namespace

base::Result<uint64_t> ExtendIdentityMap(uint64_t* pml4, uint64_t start, uint64_t end, bool gigabyte_pages,
                                         PageTablePool& pool) {
  const uint64_t page = gigabyte_pages ? paging::kPageBytes1G : paging::kPageBytes2M;
  // 4-level paging reaches 2^48 bytes; anything past that is no physical address.
  constexpr uint64_t kReach = uint64_t{1} << 48;
  if (end > kReach) return base::MakeError("beyond 4-level paging's reach", "identity map end", kReach, end);
  const uint64_t mapped_end = (end + page - 1) & ~(page - 1);
  for (uint64_t address = start & ~(page - 1); address < mapped_end; address += page) {
    uint64_t& pml4_entry = pml4[(address >> 39) & 511];
    uint64_t* pdpt = NextTable(pml4_entry, pool);
    if (pdpt == nullptr) return base::MakeError("page table pool exhausted", "identity map at", pool.capacity, address);
    uint64_t& pdpt_entry = pdpt[(address >> 30) & 511];
    if (gigabyte_pages) {
      if ((pdpt_entry & paging::kPresent) == 0) pdpt_entry = address | paging::kHuge | kTableFlags;
      continue;
    }
    if ((pdpt_entry & (paging::kPresent | paging::kHuge)) == (paging::kPresent | paging::kHuge)) {
      address = (address | (paging::kPageBytes1G - 1)) + 1 - page;  // a 1 GiB page covers it
      continue;
    }
    uint64_t* pd = NextTable(pdpt_entry, pool);
    if (pd == nullptr) return base::MakeError("page table pool exhausted", "identity map at", pool.capacity, address);
    uint64_t& pd_entry = pd[(address >> 21) & 511];
    if ((pd_entry & paging::kPresent) == 0) pd_entry = address | paging::kHuge | kTableFlags;
  }
  return mapped_end;
}

uint32_t IdentityMapTablesNeeded(uint64_t end, bool gigabyte_pages) {
  const uint64_t pdpts = (end + paging::kPml4EntryBytes - 1) / paging::kPml4EntryBytes;
  const uint64_t pds = gigabyte_pages ? 0 : (end + paging::kPageBytes1G - 1) / paging::kPageBytes1G;
  return static_cast<uint32_t>(pdpts + pds);
}

}  // namespace bootinfo
