// SPDX-License-Identifier: MIT
// How much physical memory the boot page tables (long-mode.S) identity-map. Shared with the
// assembly so the tables and the C++ bounds checks cannot disagree.
#pragma once

#define IDENTITY_MAP_GIB 4

#ifndef __ASSEMBLER__
#include <cstdint>
namespace arch {
inline constexpr uint64_t kIdentityMappedBytes = uint64_t{IDENTITY_MAP_GIB} << 30;
}  // namespace arch
#endif
