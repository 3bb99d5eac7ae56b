// SPDX-License-Identifier: MIT
// Pieces of the EFI entry that do not need firmware: the memory map -> E820 conversion and
// the load options (UCS-2) -> command line conversion and the `initrd=` paths in it. Hosted-testable; the EFI stub uses them.
#pragma once

#include <cstddef>
#include <cstdint>

#include "abi/efi.h"
#include "base/result.h"
#include "bootinfo/e820.h"
#include "bootinfo/physical-memory.h"

namespace bootinfo {

/// The E820 type an EFI memory type becomes once boot services have exited. Memory the kernel
/// may use (loader, boot services, conventional) is RAM; ACPI reclaim is ACPI, ACPI NVS is
/// NVS, persistent memory is PMEM, unusable is unusable; runtime services, MMIO, PAL code,
/// unaccepted memory (it needs accepting first) and unknown types are reserved.
uint32_t E820TypeForEfi(uint32_t efi_type);

/// The most descriptors a map may hold: a bound on garbage sizes.
inline constexpr uint64_t kMaxEfiMemoryDescriptors = 4096;

/// Adds every descriptor of the GetMemoryMap buffer at [map_address, map_address + map_size)
/// to `builder`. Checks the descriptor size (at least the spec's 40 bytes, a multiple of 8),
/// the version, that the size is a whole number of descriptors, and the count.
base::Result<uint32_t> AddEfiMemoryMap(const PhysicalMemory& memory, uint64_t map_address, uint64_t map_size,
                                       uint64_t descriptor_size, uint32_t descriptor_version,
                                       E820Builder& builder);

struct LoadOptionsResult {
  size_t length;   // characters written, without the NUL
  bool truncated;  // the options did not fit the capacity
};

/// Converts an image's load options (UCS-2, `bytes` long, usually NUL-terminated) to an ASCII
/// command line in `out` (capacity >= 1), always terminated. Printable ASCII and tab are
/// kept (tab becomes a space); any other code unit is an error naming its index and value.
base::Result<LoadOptionsResult> ConvertLoadOptions(const uint16_t* options, size_t bytes, char* out,
                                                   size_t capacity);

/// The most `initrd=` words the EFI entry loads (each becomes a module; the first the initrd).
inline constexpr uint32_t kMaxEfiInitrdPaths = 4;

/// Finds the `index`-th (0-based) `initrd=PATH` word of `command_line` and writes PATH as a
/// NUL-terminated UCS-2 file path for the Simple File System protocol into `out` (`capacity`
/// code units), with '/' turned into the '\' UEFI paths use. Ok(false) when there is no such
/// word; an error for an empty path or one that does not fit. Paths cannot contain spaces
/// (the word ends at the first one), as in Linux's EFI stub. `word_end`, when given, receives
/// the offset in `command_line` just past the path (where a truncated line would have cut it).
base::Result<bool> FindInitrdPath(const char* command_line, uint32_t index, char16_t* out, size_t capacity,
                                  size_t* word_end = nullptr);

}  // namespace bootinfo
