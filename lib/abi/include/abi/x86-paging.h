// SPDX-License-Identifier: MIT
// x86-64 page table entries, as the boot's identity map uses them (Intel SDM vol. 3A, 4.5:
// 4-level and 5-level paging; 512 entries of 8 bytes per 4 KiB table).
#pragma once

#include <cstdint>

namespace bootabi::paging {

inline constexpr uint64_t kPresent = 1u << 0;
inline constexpr uint64_t kWritable = 1u << 1;
inline constexpr uint64_t kAccessed = 1u << 5;
inline constexpr uint64_t kDirty = 1u << 6;
inline constexpr uint64_t kHuge = 1u << 7;  // PS: a 1 GiB page in a PDPT, a 2 MiB page in a PD
inline constexpr uint64_t kAddressMask = 0x000ffffffffff000;  // bits 51:12

inline constexpr uint32_t kEntriesPerTable = 512;
inline constexpr uint64_t kTableBytes = 4096;
inline constexpr uint64_t kPageBytes2M = uint64_t{1} << 21;
inline constexpr uint64_t kPageBytes1G = uint64_t{1} << 30;
inline constexpr uint64_t kPml4EntryBytes = uint64_t{1} << 39;  // what one PML4 entry covers

}  // namespace bootabi::paging
