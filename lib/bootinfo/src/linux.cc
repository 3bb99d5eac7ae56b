// SPDX-License-Identifier: MIT
#include "bootinfo/linux.h"

#include "bootinfo/framebuffer.h"
#include "abi/boot-params.h"
#include "bootinfo/firmware.h"
#include "bootinfo/rsdp.h"

namespace bootinfo {
namespace {

// Before protocol 2.06 the command line limit was fixed at 255 characters (boot.rst).
constexpr uint32_t kLegacyCommandLineSize = 255;

base::Result<> TakeSetupData(const PhysicalMemory& memory, uint64_t first, E820Builder& builder,
                             const Handoff& handoff) {
  uint64_t visited[kMaxSetupDataNodes];
  uint32_t count = 0;
  for (uint64_t address = first; address != 0;) {
    if (count == kMaxSetupDataNodes) {
      return base::MakeError("setup_data chain longer than any loader makes", "setup_data.next",
                             kMaxSetupDataNodes, count + 1);
    }
    if (address % 8 != 0) {
      return base::AtIndex(base::MakeError("setup_data node not 8-byte aligned", "setup_data",
                                           address & ~uint64_t{7}, address),
                           count);
    }
    for (uint32_t i = 0; i < count; ++i) {
      if (visited[i] == address) {
        return base::AtIndex(base::MakeError("setup_data chain loops back to an earlier node",
                                             "setup_data.next", 0, address),
                             count - 1);
      }
    }
    visited[count] = address;
    const auto node = TRY(memory.Read<bootabi::setup_data>(address, "setup_data"));
    const uint64_t data = address + sizeof(bootabi::setup_data);
    if (!memory.Contains(data, node.len)) return base::AtIndex(memory.Unreadable(data, node.len, "setup_data.len"), count);
    if (node.type == bootabi::kSetupE820Ext) {
      if (node.len % sizeof(bootabi::boot_e820_entry) != 0) {
        return base::AtIndex(base::MakeError("SETUP_E820_EXT length is not a whole number of entries",
                                             "setup_data.len",
                                             node.len / sizeof(bootabi::boot_e820_entry) *
                                                 sizeof(bootabi::boot_e820_entry),
                                             node.len),
                             count);
      }
      for (uint64_t offset = 0; offset < node.len; offset += sizeof(bootabi::boot_e820_entry)) {
        const auto entry = TRY(memory.Read<bootabi::boot_e820_entry>(data + offset, "setup_data e820"));
        builder.Add(entry.addr, entry.size, entry.type);
        ++handoff.descriptor->e820_ext_entries;
      }
    }
    ++count;
    address = node.next;
  }
  handoff.descriptor->setup_data_nodes = count;
  return base::Ok{};
}

base::Result<> TakeRamdisk(const Handoff& handoff) {
  const uint64_t address = bootabi::RamdiskAddress(*handoff.params);
  const uint64_t size = bootabi::RamdiskSize(*handoff.params);
  if (size == 0) return base::Ok{};
  if (address == 0) {
    return base::MakeError("ramdisk size given but its address is 0", "boot_params.hdr.ramdisk_image");
  }
  if (address + size < address) {
    return base::MakeError("ramdisk end wraps past 2^64", "boot_params.hdr.ramdisk_size",
                           UINT64_MAX - address, size);
  }
  return AddModule(handoff, address, size, "boot_params.hdr.ramdisk_image", 0);
}

}  // namespace

bool SanitizeBootParams(bootabi::boot_params& params) {
  if (params.sentinel == 0) return false;
  bootabi::boot_params kept{};
  auto keep = [&](auto member) {
    __builtin_memcpy(&(kept.*member), &(params.*member), sizeof(params.*member));
  };
  using P = bootabi::boot_params;
  keep(&P::screen_info);
  keep(&P::apm_bios_info);
  keep(&P::tboot_addr);
  keep(&P::ist_info);
  keep(&P::hd0_info);
  keep(&P::hd1_info);
  keep(&P::sys_desc_table);
  keep(&P::olpc_ofw_header);
  keep(&P::efi_info);
  keep(&P::alt_mem_k);
  keep(&P::scratch);
  keep(&P::e820_entries);
  keep(&P::eddbuf_entries);
  keep(&P::edd_mbr_sig_buf_entries);
  keep(&P::edd_mbr_sig_buffer);
  keep(&P::secure_boot);
  keep(&P::hdr);
  keep(&P::e820_table);
  keep(&P::eddbuf);
  keep(&P::cc_blob_address);
  __builtin_memcpy(&params, &kept, sizeof(params));
  return true;
}

base::Result<> ConvertLinux(const PhysicalMemory& memory, uint64_t params_address,
                            bootabi::BootEntry entry, const Handoff& handoff, E820Scratch& scratch) {
  BeginHandoff(handoff, entry, LegacyFirmware(memory), params_address);
  if (params_address == 0) return base::MakeError("zero page address is 0 (absent)", "rsi");
  TRY(memory.CheckArray(params_address, 1, sizeof(bootabi::boot_params), "boot_params"));
  bootabi::boot_params& params = *handoff.params;
  __builtin_memmove(&params, memory.At(params_address), sizeof(params));
  handoff.descriptor->original_info_size = sizeof(params);
  handoff.descriptor->boot_params_sanitized = SanitizeBootParams(params) ? 1 : 0;

  if (params.hdr.header != bootabi::kSetupHeaderMagic) {
    return base::MakeError("bad setup header magic", "boot_params.hdr.header",
                           bootabi::kSetupHeaderMagic, params.hdr.header);
  }
  if (params.hdr.hardware_subarch >= bootabi::kHardwareSubarchCount) {
    return base::MakeError("unknown hardware subarch", "boot_params.hdr.hardware_subarch",
                           bootabi::kHardwareSubarchCount - 1, params.hdr.hardware_subarch);
  }
  // A framebuffer the loader set up (GRUB's gfxpayload, an EFI loader's GOP) is in screen_info.
  TRY(TakeScreenInfo(params.screen_info, *handoff.descriptor));
  // A loader that ran under UEFI says so in efi_info (GRUB EFI's `linux`, which then enters
  // the 32-bit entry); without it the BIOS data area tells BIOS from no firmware.
  const uint32_t efi_signature = params.efi_info.efi_loader_signature;
  uint64_t efi_system_table = 0;
  if (efi_signature == bootabi::kEfi64LoaderSignature || efi_signature == bootabi::kEfi32LoaderSignature) {
    handoff.descriptor->firmware = static_cast<uint8_t>(bootabi::Firmware::kUefi);
    efi_system_table = params.efi_info.efi_systab | uint64_t{params.efi_info.efi_systab_hi} << 32;
  }
  // The loader's EFI memory map is its own memory: only the signature and the system table
  // (the firmware's) are handed on.
  const uint32_t signature = params.efi_info.efi_loader_signature;
  params.efi_info = bootabi::efi_info{};
  params.efi_info.efi_loader_signature = signature;
  params.efi_info.efi_systab = static_cast<uint32_t>(efi_system_table);
  params.efi_info.efi_systab_hi = static_cast<uint32_t>(efi_system_table >> 32);
  handoff.descriptor->loader_subarch_data = params.hdr.hardware_subarch_data;
  params.hdr.hardware_subarch_data = handoff.descriptor_address;

  const uint64_t command_line = bootabi::CommandLineAddress(params);
  const uint32_t limit = params.hdr.cmdline_size != 0 ? params.hdr.cmdline_size : kLegacyCommandLineSize;
  bootabi::SetCommandLineAddress(params, handoff.command_line_address);
  TRY(CopyCommandLine(memory, command_line, limit, handoff, "boot_params.hdr.cmd_line_ptr"));

  // The loader's table is read from our copy, then rebuilt in place through the builder.
  if (params.e820_entries > bootabi::kE820MaxEntriesZeroPage) {
    return base::MakeError("more entries than e820_table holds", "boot_params.e820_entries",
                           bootabi::kE820MaxEntriesZeroPage, params.e820_entries);
  }
  const uint32_t loader_entries = params.e820_entries;
  E820Builder builder = MemoryMapBuilder(handoff);
  for (uint32_t i = 0; i < loader_entries; ++i) {
    const bootabi::boot_e820_entry entry_copy = params.e820_table[i];
    builder.Add(entry_copy.addr, entry_copy.size, entry_copy.type);
  }
  TRY(TakeSetupData(memory, params.hdr.setup_data, builder, handoff));
  params.hdr.setup_data = 0;  // the chain is the loader's memory: what it held is taken above
  FinishMemoryMap(handoff, builder, scratch);
  handoff.descriptor->memmap_entries_in = loader_entries + handoff.descriptor->e820_ext_entries;

  TRY(TakeRamdisk(handoff));
  return SettleFirmwareTables(memory, handoff, efi_system_table, "boot_params.acpi_rsdp_addr");
}

}  // namespace bootinfo
