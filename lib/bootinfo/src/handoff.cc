// SPDX-License-Identifier: MIT
#include "bootinfo/handoff.h"

#include "base/string-view.h"
#include "base/string.h"

namespace bootinfo {

void BeginHandoff(const Handoff& handoff, bootabi::BootEntry entry, bootabi::Firmware firmware,
                  uint64_t original_info_address) {
  __builtin_memset(handoff.params, 0, sizeof(*handoff.params));
  __builtin_memset(handoff.descriptor, 0, sizeof(*handoff.descriptor));
  handoff.command_line[0] = '\0';

  bootabi::boot_params& params = *handoff.params;
  params.hdr.boot_flag = bootabi::kBootFlag;
  params.hdr.header = bootabi::kSetupHeaderMagic;
  params.hdr.version = 0x020f;  // the protocol level whose fields the stubs fill
  params.hdr.type_of_loader = static_cast<uint8_t>(bootabi::LoaderType::kUndefined) << 4;
  params.hdr.cmdline_size = static_cast<uint32_t>(handoff.command_line_capacity - 1);
  params.hdr.hardware_subarch = static_cast<uint32_t>(bootabi::HardwareSubarch::kPc);
  params.hdr.hardware_subarch_data = handoff.descriptor_address;
  bootabi::SetCommandLineAddress(params, handoff.command_line_address);

  bootabi::boot_descriptor& descriptor = *handoff.descriptor;
  descriptor.magic = bootabi::kBootDescriptorMagic;
  descriptor.version = bootabi::kBootDescriptorVersion;
  descriptor.size = sizeof(bootabi::boot_descriptor);
  descriptor.entry = static_cast<uint8_t>(entry);
  descriptor.firmware = static_cast<uint8_t>(firmware);
  descriptor.original_info_paddr = original_info_address;
}

static_assert(bootabi::kBootMemoryMapMaxEntries <= kE820MaxInputEntries, "the sanitiser takes in the whole map");

E820Builder MemoryMapBuilder(const Handoff& handoff) {
  if (handoff.memory_map != nullptr) return E820Builder(handoff.memory_map, bootabi::kBootMemoryMapMaxEntries);
  return E820Builder(handoff.params->e820_table, bootabi::kE820MaxEntriesZeroPage);
}

void FinishMemoryMap(const Handoff& handoff, const E820Builder& builder, E820Scratch& scratch) {
  bootabi::boot_params& params = *handoff.params;
  bootabi::boot_descriptor& descriptor = *handoff.descriptor;
  bootabi::boot_e820_entry* table = handoff.memory_map != nullptr ? handoff.memory_map : params.e820_table;
  const uint32_t capacity =
      handoff.memory_map != nullptr ? bootabi::kBootMemoryMapMaxEntries : bootabi::kE820MaxEntriesZeroPage;
  const SanitizeResult sanitized = SanitizeE820(table, builder.count(), capacity, scratch);
  const uint32_t in_zero_page =
      sanitized.count < bootabi::kE820MaxEntriesZeroPage ? sanitized.count : bootabi::kE820MaxEntriesZeroPage;
  if (table != params.e820_table) {
    __builtin_memcpy(params.e820_table, table, in_zero_page * sizeof(bootabi::boot_e820_entry));
    descriptor.memory_map_paddr = handoff.memory_map_address;
    descriptor.memory_map_entries = sanitized.count;
  }
  params.e820_entries = static_cast<uint8_t>(in_zero_page);
  descriptor.memmap_entries_dropped = builder.dropped() + sanitized.dropped;
}

namespace {

// Copies the loader's NUL-terminated string at `address` into `out` (`out_capacity` bytes),
// reading at most `read_limit` bytes of it; a string that starts outside readable memory, or
// runs off it before its NUL, is an error naming `field` (and leaves `out` empty).
base::Result<base::CopyStatus> CopyLoaderString(const PhysicalMemory& memory, uint64_t address, size_t read_limit,
                                                char* out, size_t out_capacity, const char* field) {
  uint64_t readable = memory.ReadableFrom(address);
  if (readable == 0) {
    if (memory.Reserved(address, 1)) return memory.Unreadable(address, 1, field);
    return base::MakeError("outside readable memory", field, memory.base() + memory.size(), address);
  }
  if (readable > read_limit) readable = read_limit;
  const base::CopyResult copy =
      base::CopyBoundedString(out, out_capacity, reinterpret_cast<const char*>(memory.At(address)), readable);
  if (copy.status == base::CopyStatus::kUnterminated) {
    out[0] = '\0';
    if (memory.Reserved(address + readable, 1)) return memory.Unreadable(address, readable + 1, field);
    return base::MakeError("not NUL-terminated before the end of readable memory", field,
                           memory.base() + memory.size(), address + readable);
  }
  return copy.status;
}

}  // namespace

base::Result<> CopyCommandLine(const PhysicalMemory& memory, uint64_t address, size_t max_length,
                               const Handoff& handoff, const char* field) {
  if (address == 0) return base::Ok{};
  size_t capacity = handoff.command_line_capacity;
  if (max_length + 1 < capacity) capacity = max_length + 1;
  // Reading up to the capacity is enough to tell "too long" from "unterminated".
  const base::CopyStatus status =
      TRY(CopyLoaderString(memory, address, capacity, handoff.command_line, capacity, field));
  handoff.descriptor->cmdline_truncated = status == base::CopyStatus::kTruncated ? 1 : 0;
  return base::Ok{};
}

base::Result<> AddModule(const Handoff& handoff, uint64_t address, uint64_t size, const char* field,
                         uint32_t index) {
  if (address == 0) {
    return base::AtIndex(base::MakeError("module address is 0 (absent)", field), index);
  }
  if (address + size < address) {
    return base::AtIndex(base::MakeError("module end wraps past 2^64", field, UINT64_MAX - address, size),
                         index);
  }
  // The kernel's memory is cleared (.bss), written (handoff area, stack) and used by the
  // allocator: a module there is already damaged, or soon will be.
  if (size != 0 && address < handoff.kernel_end && handoff.kernel_start < address + size) {
    return base::AtIndex(base::MakeOverlapError("module overlaps the kernel's memory (image, .bss, handoff, stack)",
                                                field, address, address + size, handoff.kernel_start,
                                                handoff.kernel_end),
                         index);
  }
  bootabi::boot_descriptor& descriptor = *handoff.descriptor;
  if (descriptor.module_count == 0 && descriptor.modules_dropped == 0) {
    bootabi::SetRamdisk(*handoff.params, address, size);
  }
  if (descriptor.module_count == bootabi::kBootDescriptorMaxModules) {
    ++descriptor.modules_dropped;
    return base::Ok{};
  }
  descriptor.modules[descriptor.module_count++] = bootabi::boot_module{address, size, 0};
  return base::Ok{};
}

base::Result<> AddModule(const PhysicalMemory& memory, const Handoff& handoff, uint64_t address, uint64_t size,
                         uint64_t string_address, const char* field, uint32_t index) {
  bootabi::boot_descriptor& descriptor = *handoff.descriptor;
  const uint32_t slot = descriptor.module_count;
  TRY(AddModule(handoff, address, size, field, index));
  if (string_address == 0 || handoff.module_strings == nullptr || descriptor.module_count == slot) {
    return base::Ok{};  // no string, nowhere to keep it, or the module itself was dropped
  }
  // The loader's string is copied now: after the stub, nothing reads the loader's memory.
  char* copy = handoff.module_strings + slot * bootabi::kBootModuleStringSize;
  const auto copied =
      CopyLoaderString(memory, string_address, bootabi::kBootModuleStringSize, copy, bootabi::kBootModuleStringSize, field);
  if (copied.is_error()) return base::AtIndex(copied.error(), index);
  if (copied.value() == base::CopyStatus::kTruncated) descriptor.module_strings_truncated |= 1u << slot;
  descriptor.modules[slot].cmdline_paddr = handoff.module_strings_address + slot * bootabi::kBootModuleStringSize;
  return base::Ok{};
}

base::Result<> KeepLoaderRange(const Handoff& handoff, uint64_t address, uint64_t size, const char* field) {
  if (size == 0) return base::Ok{};
  if (address + size < address) return base::MakeError("range end wraps past 2^64", field, UINT64_MAX - address, size);
  if (address < handoff.kernel_end && handoff.kernel_start < address + size) {
    return base::MakeOverlapError("loader data overlaps the kernel's memory (image, .bss, handoff, stack)", field,
                                  address, address + size, handoff.kernel_start, handoff.kernel_end);
  }
  bootabi::boot_descriptor& descriptor = *handoff.descriptor;
  if (descriptor.loader_range_count == bootabi::kBootDescriptorMaxLoaderRanges) {
    return base::MakeError("more loader ranges in use than the descriptor holds", field,
                           bootabi::kBootDescriptorMaxLoaderRanges, descriptor.loader_range_count + 1);
  }
  descriptor.loader_ranges[descriptor.loader_range_count++] = bootabi::boot_loader_range{address, size};
  return base::Ok{};
}

base::Result<> CopyLoaderName(const PhysicalMemory& memory, uint64_t address, size_t max_length,
                              const Handoff& handoff, const char* field) {
  if (address == 0) return base::Ok{};
  char* name = handoff.descriptor->loader_name;
  TRY(CopyLoaderString(memory, address, max_length + 1, name, bootabi::kBootLoaderNameSize, field));
  const base::StringView text(name);
  auto type = bootabi::LoaderType::kUndefined;
  if (text.StartsWith("GRUB")) type = bootabi::LoaderType::kGrub;
  if (text.StartsWith("qemu")) type = bootabi::LoaderType::kQemu;
  handoff.params->hdr.type_of_loader = static_cast<uint8_t>(static_cast<uint8_t>(type) << 4);
  return base::Ok{};
}

}  // namespace bootinfo
