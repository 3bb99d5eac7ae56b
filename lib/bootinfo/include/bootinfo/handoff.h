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
#include "bootinfo/physical-memory.h"

namespace bootinfo {

struct Handoff {
  bootabi::boot_params* params;
  bootabi::boot_descriptor* descriptor;
  char* command_line;
  size_t command_line_capacity;  // bytes, including the NUL
  uint64_t descriptor_address;   // what boot_params.hdr.hardware_subarch_data will hold
  uint64_t command_line_address;  // what cmd_line_ptr/ext_cmd_line_ptr will hold
};

/// Zeroes the outputs and fills what every entry sets the same way: the setup header magic
/// and version, hardware_subarch PC, the descriptor header, an empty command line.
void BeginHandoff(const Handoff& handoff, bootabi::BootEntry entry, uint64_t original_info_address);

/// Copies the loader's command line at `address` (0: none) into the handoff buffer, reading at
/// most `max_length` characters. A longer string is truncated and flagged in the descriptor;
/// one that runs off the readable memory before its NUL is an error naming `field`.
base::Result<> CopyCommandLine(const PhysicalMemory& memory, uint64_t address, size_t max_length,
                               const Handoff& handoff, const char* field);

}  // namespace bootinfo
