// SPDX-License-Identifier: MIT
// Where an entry stub writes its translation: the boot_params, our descriptor and the command
// line buffer that the common path will read, and the addresses under which the common path
// will see them (identity-mapped physical addresses in the kernel).
#pragma once

#include <cstddef>
#include <cstdint>

#include "abi/boot-descriptor.h"
#include "abi/boot-params.h"
#include "base/result.h"
#include "bootinfo/e820.h"
#include "bootinfo/physical-memory.h"

namespace bootinfo {

/// The most modules a loader's list may hold: a bound on garbage counts, far above what any
/// loader passes. Only the first bootabi::kBootDescriptorMaxModules are recorded.
inline constexpr uint32_t kMaxLoaderModules = 4096;

struct Handoff {
  bootabi::boot_params* params;
  bootabi::boot_descriptor* descriptor;
  char* command_line;
  size_t command_line_capacity;  // bytes, including the NUL
  uint64_t descriptor_address;   // what boot_params.hdr.hardware_subarch_data will hold
  uint64_t command_line_address;  // what cmd_line_ptr/ext_cmd_line_ptr will hold
  // kBootDescriptorMaxModules slots of kBootModuleStringSize bytes for the modules' strings,
  // and the address the common path will see them at. Without them, strings are not kept.
  char* module_strings = nullptr;
  uint64_t module_strings_address = 0;
  // The kernel's memory [kernel_start, kernel_end): image, .bss, handoff area, stack. A module
  // a loader put there is an error (AddModule); boot information there is refused by the
  // PhysicalMemory the stub reads through (ReservingKernel).
  uint64_t kernel_start = 0;
  uint64_t kernel_end = 0;
  // bootabi::kBootMemoryMapMaxEntries entries for the whole memory map, and the address the
  // common path will see them at. Without them, the map is what boot_params' 128 entries hold.
  bootabi::boot_e820_entry* memory_map = nullptr;
  uint64_t memory_map_address = 0;
};

/// Zeroes the outputs and fills what every entry sets the same way: the setup header magic
/// and version, hardware_subarch PC, the descriptor header (entry and firmware), an empty
/// command line.
void BeginHandoff(const Handoff& handoff, bootabi::BootEntry entry, bootabi::Firmware firmware,
                  uint64_t original_info_address);

/// Where a converter collects the loader's memory map: the whole-map storage when the handoff
/// has one, boot_params' own table otherwise.
E820Builder MemoryMapBuilder(const Handoff& handoff);

/// Sanitises what `builder` collected and hands it over: the whole map to the descriptor
/// (memory_map_paddr, memory_map_entries) and its first 128 ranges to boot_params, as Linux's
/// zero page holds them. Ranges lost (unusable entries, or past the storage) are counted in
/// memmap_entries_dropped; memmap_entries_in is the converter's to set.
void FinishMemoryMap(const Handoff& handoff, const E820Builder& builder, E820Scratch& scratch);

/// Copies the loader's command line at `address` (0: none) into the handoff buffer, reading at
/// most `max_length` characters. A longer string is truncated and flagged in the descriptor;
/// one that runs off the readable memory before its NUL is an error naming `field`.
base::Result<> CopyCommandLine(const PhysicalMemory& memory, uint64_t address, size_t max_length,
                               const Handoff& handoff, const char* field);

/// Records a module in the descriptor (the first also becomes the initrd); modules past the
/// descriptor's capacity are counted as dropped. A module that wraps past 2^64, lies at
/// address 0 or overlaps the kernel's memory is an error naming `field` and `index`.
base::Result<> AddModule(const Handoff& handoff, uint64_t address, uint64_t size, const char* field,
                         uint32_t index);

/// The same for a module with the loader's string at `string_address` (0: none), which is
/// copied into the handoff area (cut to kBootModuleStringSize - 1 characters, and flagged in
/// module_strings_truncated); a string that runs off readable memory is an error.
base::Result<> AddModule(const PhysicalMemory& memory, const Handoff& handoff, uint64_t address, uint64_t size,
                         uint64_t string_address, const char* field, uint32_t index);

/// Records loader memory that stays in use after the stub (the typed map marks it in use).
/// A range that wraps past 2^64, overlaps the kernel's memory or does not fit the descriptor's
/// kBootDescriptorMaxLoaderRanges is an error naming `field`: silently forgetting one would
/// let a kernel allocate over it.
base::Result<> KeepLoaderRange(const Handoff& handoff, uint64_t address, uint64_t size, const char* field);

/// Copies a loader's name into the descriptor (truncated to fit); a string that runs off the
/// readable memory is an error. Sets type_of_loader when the name tells the loader (GRUB, QEMU).
base::Result<> CopyLoaderName(const PhysicalMemory& memory, uint64_t address, size_t max_length,
                              const Handoff& handoff, const char* field);

}  // namespace bootinfo
