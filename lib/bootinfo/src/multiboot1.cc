// SPDX-License-Identifier: MIT
#include "abi/multiboot1.h"

#include "bootinfo/multiboot.h"
#include "bootinfo/framebuffer.h"
#include "bootinfo/firmware.h"
#include "bootinfo/rsdp.h"

namespace bootinfo {
namespace {

namespace mb1 = bootabi::multiboot1;

bool Has(const mb1::multiboot_info& info, uint32_t flag) { return (info.flags & flag) != 0; }

base::Result<> TakeModules(const PhysicalMemory& memory, const mb1::multiboot_info& info,
                           const Handoff& handoff) {
  if (info.mods_count == 0) return base::Ok{};
  if (info.mods_count > kMaxLoaderModules) {
    return base::MakeError("more modules than any loader passes", "multiboot_info.mods_count",
                           kMaxLoaderModules, info.mods_count);
  }
  if (info.mods_addr == 0) {
    return base::MakeError("flags claim modules but mods_addr is 0", "multiboot_info.mods_addr");
  }
  TRY(memory.CheckArray(info.mods_addr, info.mods_count, sizeof(mb1::multiboot_mod_list),
                        "multiboot_info.mods_addr"));
  for (uint32_t i = 0; i < info.mods_count; ++i) {
    const auto module = TRY(memory.Read<mb1::multiboot_mod_list>(
        info.mods_addr + uint64_t{i} * sizeof(mb1::multiboot_mod_list), "multiboot_mod_list"));
    if (module.mod_end < module.mod_start) {
      return base::AtIndex(base::MakeError("module ends before it starts", "multiboot_mod_list.mod_end",
                                           module.mod_start, module.mod_end),
                           i);
    }
    TRY(AddModule(memory, handoff, module.mod_start, module.mod_end - module.mod_start, module.cmdline,
                  "multiboot_mod_list", i));
  }
  return base::Ok{};
}

base::Result<> TakeMemoryMap(const PhysicalMemory& memory, const mb1::multiboot_info& info,
                             E820Builder& builder, const Handoff& handoff) {
  // Physical 0 is an address like any other: kexec-tools' Multiboot loader puts the map there.
  TRY(memory.CheckArray(info.mmap_addr, 1, info.mmap_length, "multiboot_info.mmap_addr"));
  uint32_t index = 0;
  for (uint64_t offset = 0; offset < info.mmap_length; ++index) {
    // The size field itself must fit, then the entry it describes.
    if (info.mmap_length - offset < sizeof(uint32_t)) {
      return base::AtIndex(base::MakeError("entry header runs past mmap_length", "multiboot_mmap_entry.size",
                                           info.mmap_length, offset + sizeof(uint32_t)),
                           index);
    }
    const auto size = TRY(memory.Read<uint32_t>(info.mmap_addr + offset, "multiboot_mmap_entry.size"));
    if (size < mb1::kMmapEntryMinSize) {
      return base::AtIndex(base::MakeError("entry smaller than the spec's 20 bytes",
                                           "multiboot_mmap_entry.size", mb1::kMmapEntryMinSize, size),
                           index);
    }
    if (uint64_t{size} + sizeof(uint32_t) > info.mmap_length - offset) {
      return base::AtIndex(base::MakeError("entry runs past mmap_length", "multiboot_mmap_entry.size",
                                           info.mmap_length - offset - sizeof(uint32_t), size),
                           index);
    }
    const auto entry = TRY(memory.Read<mb1::multiboot_mmap_entry>(info.mmap_addr + offset, "multiboot_mmap_entry"));
    builder.Add(entry.addr, entry.len, entry.type);
    offset += uint64_t{size} + sizeof(uint32_t);
  }
  handoff.descriptor->memmap_entries_in = index;
  return base::Ok{};
}

}  // namespace

base::Result<> ConvertMultiboot1(const PhysicalMemory& memory, uint32_t magic, uint64_t info_address,
                                 const Handoff& handoff, E820Scratch& scratch) {
  BeginHandoff(handoff, bootabi::BootEntry::kMultiboot1, LegacyFirmware(memory), info_address);
  if (magic != mb1::kBootloaderMagic) {
    return base::MakeError("bad Multiboot 1 magic", "eax", mb1::kBootloaderMagic, magic);
  }
  if (info_address == 0) return base::MakeError("information address is 0 (absent)", "ebx");
  const auto info = TRY(memory.Read<mb1::multiboot_info>(info_address, "multiboot_info"));
  handoff.descriptor->original_info_size = sizeof(info);

  if (Has(info, mb1::kInfoCmdline)) {
    if (info.cmdline == 0) {
      return base::MakeError("flags claim a command line but cmdline is 0", "multiboot_info.cmdline");
    }
    TRY(CopyCommandLine(memory, info.cmdline, handoff.command_line_capacity - 1, handoff,
                        "multiboot_info.cmdline"));
  }
  if (Has(info, mb1::kInfoBootLoaderName)) {
    TRY(CopyLoaderName(memory, info.boot_loader_name, bootabi::kBootLoaderNameSize - 1, handoff,
                       "multiboot_info.boot_loader_name"));
  }
  if (Has(info, mb1::kInfoModules)) TRY(TakeModules(memory, info, handoff));

  E820Builder builder = MemoryMapBuilder(handoff);
  if (Has(info, mb1::kInfoMemoryMap)) {
    TRY(TakeMemoryMap(memory, info, builder, handoff));
  } else if (Has(info, mb1::kInfoMemory)) {
    AddBasicMemory(builder, info.mem_lower, info.mem_upper);
    handoff.descriptor->memmap_entries_in = 2;
  }
  FinishMemoryMap(handoff, builder, scratch);

  if (Has(info, mb1::kInfoFramebuffer)) {
    TRY(RecordFramebuffer(*handoff.descriptor, FramebufferFromMultiboot(info, info.color_info),
                          "multiboot_info.framebuffer"));
  }
  // Multiboot 1 carries no RSDP: where a BIOS leaves it, if anywhere.
  return SettleFirmwareTables(memory, handoff, 0, "boot_params.acpi_rsdp_addr");
}

}  // namespace bootinfo
