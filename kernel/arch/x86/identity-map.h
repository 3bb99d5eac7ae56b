// SPDX-License-Identifier: MIT
// The boot's identity map (virtual = physical). The static tables of long-mode.S map the first
// IDENTITY_MAP_GIB GiB with 2 MiB pages (shared with the assembly, so the tables and these
// bounds cannot disagree); MapIdentityTo grows them where a loader put the kernel or its data
// higher, and the identity-map init entry to all of RAM (bootinfo/identity-map.h).
#pragma once

#define IDENTITY_MAP_GIB 4

#ifndef __ASSEMBLER__
#include <cstdint>

#include "base/result.h"

namespace arch {

inline constexpr uint64_t kStaticIdentityMapBytes = uint64_t{IDENTITY_MAP_GIB} << 30;

/// The end of what the boot page tables identity-map now.
uint64_t IdentityMappedBytes();

/// Whether [address, address + size) is identity mapped (and does not wrap).
inline bool IdentityMapped(uint64_t address, uint64_t size) {
  return address < IdentityMappedBytes() && size <= IdentityMappedBytes() - address;
}

/// Grows the boot tables to map [0, end): 1 GiB pages where the CPU has them, 2 MiB pages from
/// the tables the image reserves (kBootPageTablePool) otherwise. Returns the new end, or an
/// error naming the address where the tables ran out. Safe while the tables are live.
base::Result<uint64_t> MapIdentityTo(uint64_t end);

/// Loads the boot tables into CR3: as the PML4 under 4-level paging, or under a one-entry PML5
/// when the CPU already runs 5-level paging (CR4.LA57, which a 64-bit loader or firmware may
/// have set, and which cannot change while paging is on).
void LoadBootPageTables();

}  // namespace arch
#endif
