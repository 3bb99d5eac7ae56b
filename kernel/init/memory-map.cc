// SPDX-License-Identifier: MIT
#include "init/memory-map.h"

#include "api/boot-info.h"
#include "bootinfo/e820.h"
#include "bootinfo/typed-map.h"
#include "common/boot-context.h"
#include "base/string-buffer.h"
#include "common/console.h"
#include "common/exit.h"
#include "platform/platform.h"

namespace memory {
namespace {

// Written by BuildMap before anything reads it (IsRam and CurrentMap serve entries that depend
// on this one, and the report after the init table): scratch, not .bss.
[[gnu::section(".scratch")]] constinit Map gMap = {};
[[gnu::section(".scratch")]] constinit bootinfo::E820Scratch gScratch = {};  // written before read

[[gnu::section(".scratch")]] constinit bootinfo::MemoryRange gTyped[kMaxTypedRanges] = {};  // only [0, count) is read
[[gnu::section(".scratch")]] constinit uint64_t gTypedScratch[bootinfo::TypedMapScratchWords(kMaxInUse)] = {};

}  // namespace
}  // namespace memory

// The kernel's own layout (linker.ld).
extern "C" char __kernel_start[], __page_tables_start[], __page_tables_end[], __handoff_start[],
    __kernel_end[];

namespace memory {
namespace {

uint64_t Address(const char* symbol) { return reinterpret_cast<uint64_t>(symbol); }

// The map a kernel author sees: what the kernel image, the framework (its page tables, and the
// handoff area, stub scratch and boot stack that follow .bss), the modules and the loader's
// data that stays in use (the stub's loader_ranges) use is carved out of RAM, so that no
// in-use page is counted as usable.
void BuildTypedMap(uint32_t sanitizer_dropped) {
  bootinfo::InUseRange used[kMaxInUse];
  uint32_t count = 0;
  used[count++] = {Address(__page_tables_start), Address(__page_tables_end) - Address(__page_tables_start),
                   bootinfo::MemoryType::kFramework};
  // The image up to the handoff area (code, data, .bss and the padding before .handoff).
  used[count++] = {Address(__kernel_start), Address(__handoff_start) - Address(__kernel_start),
                   bootinfo::MemoryType::kKernel};
  used[count++] = {Address(__handoff_start), Address(__kernel_end) - Address(__handoff_start),
                   bootinfo::MemoryType::kFramework};
  const bootabi::boot_descriptor& descriptor = *gBoot.descriptor;
  for (uint32_t i = 0; i < descriptor.module_count && i < bootabi::kBootDescriptorMaxModules; ++i) {
    used[count++] = {descriptor.modules[i].paddr, descriptor.modules[i].size, bootinfo::MemoryType::kModule};
  }
  for (uint32_t i = 0; i < descriptor.loader_range_count && i < bootabi::kBootDescriptorMaxLoaderRanges; ++i) {
    used[count++] = {descriptor.loader_ranges[i].paddr, descriptor.loader_ranges[i].size, bootinfo::MemoryType::kLoader};
  }
  const bootinfo::TypedMapResult result =
      bootinfo::BuildTypedMap(gMap.entries, gMap.count, used, count, gTypedScratch, gTyped, kMaxTypedRanges);
  // What the stub could not keep (unusable entries, or past its storage) and what did not fit
  // here: a kernel author sees one count of what the map lost.
  api::SetMemoryMap(gTyped, result.count, descriptor.memmap_entries_dropped + sanitizer_dropped + result.dropped);
}

// The kernel's memory and every module must be RAM in the map: where they are not, the loader
// put them where no memory is (a kernel on a machine with too little RAM; QEMU's Multiboot
// loader puts a module past the end of RAM), and what is there is not what was loaded.
void RequireRam(const char* what, int64_t index, uint64_t start, uint64_t size) {
  if (size == 0 || IsRam(start, size)) return;
  base::StringBuffer<192> message;
  message.Append("memory map: ");
  message.Append(what);
  if (index >= 0) message.AppendDecimal(static_cast<uint64_t>(index));
  message.Append(" ");
  message.AppendHex(start);
  message.Append("-");
  message.AppendHex(start + size - 1);
  message.Append(" is not all RAM: the loader put it where no usable memory is");
  Fail(message.c_str());
}

void RequireKernelAndModulesInRam() {
  RequireRam("the kernel's memory", -1, Address(__kernel_start), Address(__kernel_end) - Address(__kernel_start));
  const bootabi::boot_descriptor& descriptor = *gBoot.descriptor;
  for (uint32_t i = 0; i < descriptor.module_count && i < bootabi::kBootDescriptorMaxModules; ++i) {
    RequireRam("module ", i, descriptor.modules[i].paddr, descriptor.modules[i].size);
  }
}

// The stub's map: the descriptor's whole map where it gave one, else boot_params' table. A
// count past the storage is a producer's bug; it is said and clamped, never read past.
uint32_t CopyStubMap(const char*& source) {
  const bootabi::boot_descriptor& descriptor = *gBoot.descriptor;
  const bootabi::boot_params& params = *gBoot.params;
  const bootabi::boot_e820_entry* table = params.e820_table;
  uint32_t count = params.e820_entries;
  uint32_t capacity = bootabi::kE820MaxEntriesZeroPage;
  source = "boot_params";
  if (descriptor.memory_map_paddr != 0) {
    table = reinterpret_cast<const bootabi::boot_e820_entry*>(descriptor.memory_map_paddr);
    count = descriptor.memory_map_entries;
    capacity = bootabi::kBootMemoryMapMaxEntries;
    source = "descriptor";
  }
  if (count > capacity) {
    console::Line().Append("memory ").Append(source).Append(" entries=").AppendDecimal(count).Append(" clamped to ").AppendDecimal(capacity);
    count = capacity;
  }
  for (uint32_t i = 0; i < count; ++i) gMap.entries[i] = table[i];
  return count;
}

void BuildMap() {
  const char* source = nullptr;
  uint32_t count = CopyStubMap(source);
  // Some entries hand over no map (Xen's PVH start info version 0): ask the platform.
  if (count == 0 && platform::Current().memory_map != nullptr) {
    count = platform::Current().memory_map(gMap.entries, bootabi::kBootMemoryMapMaxEntries);
    source = platform::Current().name;
  }
  const bootinfo::SanitizeResult result = bootinfo::SanitizeE820(gMap.entries, count, bootabi::kBootMemoryMapMaxEntries, gScratch);
  gMap.count = result.count;
  gMap.ram_bytes = 0;
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
  if (gMap.valid) RequireKernelAndModulesInRam();
  BuildTypedMap(result.dropped);
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
