// SPDX-License-Identifier: MIT
// Filling the public BootInfo (include/unientry/boot.h) from what the common path accepted.
#pragma once

#include <cstdint>

#include "bootinfo/typed-map.h"

namespace api {

/// Everything but the memory map, from gBoot (after AcceptHandoff and the platform's choice).
void BeginBootInfo();

/// The typed memory map, once the memory-map init entry built it.
void SetMemoryMap(const bootinfo::MemoryRange* ranges, uint32_t count, uint32_t dropped);

}  // namespace api
