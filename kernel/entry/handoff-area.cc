// SPDX-License-Identifier: MIT
#include "entry/handoff-area.h"

#include "arch/x86/identity-map.h"
#include "base/string-buffer.h"

namespace {

[[gnu::section(".handoff")]] constinit bootabi::boot_params gParams = {};
[[gnu::section(".handoff")]] constinit bootabi::boot_descriptor gDescriptor = {};
[[gnu::section(".handoff")]] constinit char gCommandLine[bootabi::kCommandLineSize] = {};
[[gnu::section(".handoff")]] constinit char
    gModuleStrings[bootabi::kBootDescriptorMaxModules * bootabi::kBootModuleStringSize] = {};
// The whole memory map; boot_params holds its first 128 ranges.
[[gnu::section(".handoff")]] constinit bootabi::boot_e820_entry gMemoryMap[bootabi::kBootMemoryMapMaxEntries] = {};
[[gnu::section(".scratch")]] constinit bootinfo::E820Scratch gScratch = {};

}  // namespace

extern "C" char __kernel_start[], __kernel_end[];  // linker.ld

bootinfo::Handoff HandoffArea() {
  return bootinfo::Handoff{
      .params = &gParams,
      .descriptor = &gDescriptor,
      .command_line = gCommandLine,
      .command_line_capacity = sizeof(gCommandLine),
      .descriptor_address = reinterpret_cast<uint64_t>(&gDescriptor),
      .command_line_address = reinterpret_cast<uint64_t>(gCommandLine),
      .module_strings = gModuleStrings,
      .module_strings_address = reinterpret_cast<uint64_t>(gModuleStrings),
      .kernel_start = reinterpret_cast<uint64_t>(__kernel_start),
      .kernel_end = reinterpret_cast<uint64_t>(__kernel_end),
      .memory_map = gMemoryMap,
      .memory_map_address = reinterpret_cast<uint64_t>(gMemoryMap),
  };
}

bootinfo::PhysicalMemory StubMemory() {
  return bootinfo::PhysicalMemory(0, arch::IdentityMappedBytes(), 0)
      .ReservingKernel(reinterpret_cast<uint64_t>(__kernel_start), reinterpret_cast<uint64_t>(__kernel_end));
}

bootinfo::E820Scratch& StubE820Scratch() { return gScratch; }

extern "C" uint64_t long_mode_tsc;  // arch/x86/long-mode.S

void RecordEntryTimes(const bootinfo::Handoff& handoff, uint64_t entry_tsc, ModeSwitch mode_switch) {
  handoff.descriptor->entry_tsc = entry_tsc;
  handoff.descriptor->long_mode_tsc = mode_switch == ModeSwitch::kEnterLongMode ? long_mode_tsc : 0;
}

void RecordTranslationError(const bootinfo::Handoff& handoff, const base::Error& error) {
  base::StringBuffer<bootabi::kBootTranslationErrorSize> message;
  base::Describe(error, message);
  __builtin_memcpy(handoff.descriptor->translation_error, message.c_str(), message.size() + 1);
}
