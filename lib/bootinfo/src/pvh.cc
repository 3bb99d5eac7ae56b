// SPDX-License-Identifier: MIT
#include "bootinfo/pvh.h"

#include "abi/hvm-start-info.h"
#include "bootinfo/firmware.h"
#include "bootinfo/rsdp.h"

namespace bootinfo {
namespace {

base::Result<> TakeModules(const PhysicalMemory& memory, const bootabi::hvm_start_info& info,
                           const Handoff& handoff) {
  if (info.nr_modules == 0) return base::Ok{};
  if (info.modlist_paddr == 0) {
    return base::MakeError("modules listed but the list is absent", "hvm_start_info.modlist_paddr");
  }
  if (info.nr_modules > kMaxLoaderModules) {
    return base::MakeError("more modules than any loader passes", "hvm_start_info.nr_modules",
                           kMaxLoaderModules, info.nr_modules);
  }
  TRY(memory.CheckArray(info.modlist_paddr, info.nr_modules, sizeof(bootabi::hvm_modlist_entry),
                        "hvm_start_info.modlist_paddr"));
  for (uint32_t i = 0; i < info.nr_modules; ++i) {
    const auto module = TRY(memory.Read<bootabi::hvm_modlist_entry>(
        info.modlist_paddr + i * sizeof(bootabi::hvm_modlist_entry), "hvm_modlist_entry"));
    TRY(AddModule(memory, handoff, module.paddr, module.size, module.cmdline_paddr, "hvm_modlist_entry", i));
  }
  return base::Ok{};
}

base::Result<> TakeMemoryMap(const PhysicalMemory& memory, const bootabi::hvm_start_info& info,
                             const Handoff& handoff, E820Scratch& scratch) {
  if (info.version < 1 || info.memmap_entries == 0) return base::Ok{};
  if (info.memmap_paddr == 0) {
    return base::MakeError("memory map entries listed but the map is absent",
                           "hvm_start_info.memmap_paddr");
  }
  TRY(memory.CheckArray(info.memmap_paddr, info.memmap_entries, sizeof(bootabi::hvm_memmap_table_entry),
                        "hvm_start_info.memmap_paddr"));
  E820Builder builder = MemoryMapBuilder(handoff);
  for (uint32_t i = 0; i < info.memmap_entries; ++i) {
    const auto entry = TRY(memory.Read<bootabi::hvm_memmap_table_entry>(
        info.memmap_paddr + uint64_t{i} * sizeof(bootabi::hvm_memmap_table_entry),
        "hvm_memmap_table_entry"));
    builder.Add(entry.addr, entry.size, entry.type);
  }
  FinishMemoryMap(handoff, builder, scratch);
  handoff.descriptor->memmap_entries_in = info.memmap_entries;
  return base::Ok{};
}

}  // namespace

base::Result<> ConvertPvh(const PhysicalMemory& memory, uint64_t start_info_address,
                          const Handoff& handoff, E820Scratch& scratch) {
  BeginHandoff(handoff, bootabi::BootEntry::kPvh, LegacyFirmware(memory), start_info_address);
  if (start_info_address == 0) {
    return base::MakeError("start info address is 0 (absent)", "ebx");
  }
  const auto magic = TRY(memory.Read<uint32_t>(start_info_address, "hvm_start_info.magic"));
  if (magic != bootabi::kHvmStartMagic) {
    return base::MakeError("bad magic", "hvm_start_info.magic", bootabi::kHvmStartMagic, magic);
  }
  const auto version = TRY(memory.Read<uint32_t>(start_info_address + 4, "hvm_start_info.version"));
  const size_t size = version == 0 ? bootabi::kHvmStartInfoSizeV0 : bootabi::kHvmStartInfoSizeV1;
  const auto info = TRY(memory.ReadBytes<bootabi::hvm_start_info>(start_info_address, size,
                                                              "hvm_start_info"));
  handoff.descriptor->original_info_size = size;

  TRY(CopyCommandLine(memory, info.cmdline_paddr, handoff.command_line_capacity - 1, handoff,
                      "hvm_start_info.cmdline_paddr"));
  TRY(TakeModules(memory, info, handoff));
  TRY(TakeMemoryMap(memory, info, handoff, scratch));
  handoff.params->acpi_rsdp_addr = info.rsdp_paddr;
  return SettleFirmwareTables(memory, handoff, 0, "hvm_start_info.rsdp_paddr");
}

}  // namespace bootinfo
