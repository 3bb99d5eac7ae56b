// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

/// Free 4 KiB pages in the typed memory map, counted by the hello-pages init entry.
uint64_t FreePages();
