// SPDX-License-Identifier: MIT
// Growing the boot's identity map (virtual = physical) to cover [0, end): the kernel runs where
// a loader put it, which may be above 4 GiB, and so may the boot data and RAM the kernel
// author is given. The static tables (arch/x86/long-mode.S) map the first 4 GiB with 2 MiB
// pages; this adds what is missing, with 1 GiB pages where the CPU has them and 2 MiB pages
// from a fixed pool of tables otherwise. Tables are addressed by their physical address,
// which is their address here: the code runs identity mapped (and in tests, the pool is host
// memory, so host pointers stand for physical addresses).
#pragma once

#include <cstdint>

#include "base/result.h"

namespace bootinfo {

/// Zeroed 4 KiB tables handed out in order. `pages` is 4 KiB-aligned.
struct PageTablePool {
  uint64_t* pages;
  uint32_t capacity;  // tables
  uint32_t used;
};

/// Makes [start, end) identity mapped in the 4-level hierarchy under `pml4` (start rounded down
/// to the page size: what lies below it is taken as mapped already), leaving every present
/// mapping as it is. Returns the end of what is now mapped (end rounded up to the page size),
/// or an error naming the address the pool ran out at.
base::Result<uint64_t> ExtendIdentityMap(uint64_t* pml4, uint64_t start, uint64_t end, bool gigabyte_pages,
                                         PageTablePool& pool);

/// The tables ExtendIdentityMap needs at most, for planning a pool.
uint32_t IdentityMapTablesNeeded(uint64_t end, bool gigabyte_pages);

}  // namespace bootinfo
