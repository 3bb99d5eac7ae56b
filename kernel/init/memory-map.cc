// SPDX-License-Identifier: MIT
#include "init/memory-map.h"

#include "bootinfo/e820.h"
#include "common/boot-context.h"
#include "common/console.h"
#include "platform/platform.h"

namespace memory {
namespace {

constinit Map gMap = {};
constinit bootinfo::E820Scratch gScratch = {};

void BuildMap() {
  const bootabi::boot_params& params = *gBoot.params;
  uint32_t count = params.e820_entries;
  const char* source = "boot_params";
  if (count > bootabi::kE820MaxEntriesZeroPage) {
    console::Line().Append("memory e820_entries=").AppendDecimal(count).Append(" clamped to 128");
    count = bootabi::kE820MaxEntriesZeroPage;
  }
  for (uint32_t i = 0; i < count; ++i) gMap.entries[i] = params.e820_table[i];
  // Some entries hand over no map (Xen's PVH start info version 0): ask the platform.
  if (count == 0 && platform::Current().memory_map != nullptr) {
    count = platform::Current().memory_map(gMap.entries, bootabi::kE820MaxEntriesZeroPage);
    source = platform::Current().name;
  }
  const bootinfo::SanitizeResult result = bootinfo::SanitizeE820(gMap.entries, count, bootabi::kE820MaxEntriesZeroPage, gScratch);
  gMap.count = result.count;
  gMap.valid = result.count != 0;
  for (uint32_t i = 0; i < gMap.count; ++i) {
    if (gMap.entries[i].type == static_cast<uint32_t>(bootabi::E820Type::kRam)) {
      gMap.ram_bytes += gMap.entries[i].size;
    }
  }
  console::Line()
      .Append("memory source=")
      .Append(source)
      .Append(" entries=")
      .AppendDecimal(gMap.count)
      .Append(" ram=")
      .AppendDecimal(gMap.ram_bytes)
      .Append(" dropped=")
      .AppendDecimal(result.dropped);
}

}  // namespace

const Map& CurrentMap() { return gMap; }

bool IsRam(uint64_t address, uint64_t size) {
  // The map is sorted and merged, so a RAM range is covered by exactly one entry.
  for (uint32_t i = 0; i < gMap.count; ++i) {
    const bootabi::boot_e820_entry& entry = gMap.entries[i];
    if (entry.type == static_cast<uint32_t>(bootabi::E820Type::kRam) && entry.addr <= address &&
        address - entry.addr <= entry.size && size <= entry.size - (address - entry.addr)) {
      return true;
    }
  }
  return false;
}

}  // namespace memory

INIT_ENTRY(gMemoryMapInit, "memory-map", INIT_LEVEL_PLATFORM, .run = memory::BuildMap,
           .depends = inittab::DependsOn<gPlatformInit>());
