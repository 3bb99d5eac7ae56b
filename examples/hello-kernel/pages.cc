// SPDX-License-Identifier: MIT
// An init entry of the kernel's own: it runs in the framework's init table, after the
// framework's memory-map entry built the typed map it reads.
#include "pages.h"

#include <unientry/unientry.h>

namespace {

constinit uint64_t gFreePages = 0;

void CountPages() {
  for (const unientry::MemoryRange& range : unientry::Boot().memory_map) {
    if (range.type != unientry::MemoryType::kUsable) continue;
    // Whole pages only: a range's start rounds up, its end down.
    const uint64_t first = (range.base + 4095) / 4096, end = (range.base + range.size) / 4096;
    if (end > first) gFreePages += end - first;
  }
}

}  // namespace

uint64_t FreePages() { return gFreePages; }

INIT_ENTRY(gHelloPagesInit, "hello-pages", INIT_LEVEL_NORMAL, .run = CountPages,
           .depends = inittab::DependsOn<gMemoryMapInit>());
