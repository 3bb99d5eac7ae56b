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
    // Ranges are byte-exact: count only the pages wholly inside each.
    gFreePages += range.WholePages();
  }
}

}  // namespace

uint64_t FreePages() { return gFreePages; }

INIT_ENTRY(gHelloPagesInit, "hello-pages", INIT_LEVEL_NORMAL, .run = CountPages,
           .depends = inittab::DependsOn<gMemoryMapInit>());
