// SPDX-License-Identifier: MIT
#include "abi/multiboot2.h"

#include "bootinfo/multiboot.h"
#include "bootinfo/framebuffer.h"
#include "bootinfo/firmware.h"
#include "bootinfo/rsdp.h"
#include "abi/acpi.h"

namespace bootinfo {
namespace {

namespace mb2 = bootabi::multiboot2;

struct TagView {
  uint64_t address;  // the tag header
  uint32_t type;
  uint32_t size;
  uint32_t index;
};

// A string that fills the rest of a tag: it must end inside the tag.
base::Result<> CheckTagString(const PhysicalMemory& memory, const TagView& tag, uint32_t offset,
                              const char* field) {
  const auto* text = reinterpret_cast<const char*>(memory.At(tag.address + offset));
  for (uint32_t i = 0; i + offset < tag.size; ++i) {
    if (text[i] == '\0') return base::Ok{};
  }
  return base::AtIndex(base::MakeError("string not NUL-terminated inside its tag", field, tag.size,
                                       tag.size + 1),
                       tag.index);
}

base::Result<> TakeMemoryMap(const PhysicalMemory& memory, const TagView& tag, E820Builder& builder,
                             const Handoff& handoff) {
  if (tag.size < sizeof(mb2::tag_mmap)) {
    return base::AtIndex(base::MakeError("memory map tag smaller than its header", "tag_mmap.size",
                                         sizeof(mb2::tag_mmap), tag.size),
                         tag.index);
  }
  const auto header = TRY(memory.Read<mb2::tag_mmap>(tag.address, "tag_mmap"));
  if (header.entry_size < sizeof(mb2::mmap_entry) || header.entry_size % 8 != 0) {
    return base::AtIndex(base::MakeError("entry size not a multiple of 8 of at least 24",
                                         "tag_mmap.entry_size", sizeof(mb2::mmap_entry), header.entry_size),
                         tag.index);
  }
  if (header.entry_version != 0) {
    return base::AtIndex(base::MakeError("unknown entry version", "tag_mmap.entry_version", 0,
                                         header.entry_version),
                         tag.index);
  }
  const uint32_t entries = (tag.size - sizeof(mb2::tag_mmap)) / header.entry_size;
  for (uint32_t i = 0; i < entries; ++i) {
    const auto entry = TRY(memory.Read<mb2::mmap_entry>(
        tag.address + sizeof(mb2::tag_mmap) + uint64_t{i} * header.entry_size, "mmap_entry"));
    builder.Add(entry.addr, entry.len, entry.type);
  }
  handoff.descriptor->memmap_entries_in += entries;
  return base::Ok{};
}

// The RSDP a loader copied into an ACPI tag, copied again into the descriptor: the tag is in
// the loader's memory, which nothing reads after the stub.
base::Result<> CopyRsdp(const PhysicalMemory& memory, const TagView& tag, const Handoff& handoff) {
  const uint64_t rsdp = tag.address + sizeof(mb2::tag);
  const uint64_t length = tag.size - sizeof(mb2::tag);
  if (!ValidRsdp(memory, rsdp) || length < bootabi::kAcpiRsdpV1Size) {
    return base::AtIndex(base::MakeError("ACPI tag holds no valid RSDP (signature, checksums)", "tag_acpi"), tag.index);
  }
  bootabi::boot_descriptor& descriptor = *handoff.descriptor;
  const uint64_t copied = length < sizeof(descriptor.rsdp_copy) ? length : sizeof(descriptor.rsdp_copy);
  __builtin_memset(descriptor.rsdp_copy, 0, sizeof(descriptor.rsdp_copy));
  __builtin_memcpy(descriptor.rsdp_copy, memory.At(rsdp), copied);
  handoff.params->acpi_rsdp_addr = handoff.descriptor_address + offsetof(bootabi::boot_descriptor, rsdp_copy);
  return base::Ok{};
}

}  // namespace

base::Result<> ConvertMultiboot2(const PhysicalMemory& memory, uint32_t magic, uint64_t info_address,
                                 const Handoff& handoff, E820Scratch& scratch) {
  BeginHandoff(handoff, bootabi::BootEntry::kMultiboot2, LegacyFirmware(memory), info_address);
  if (magic != mb2::kBootloaderMagic) {
    return base::MakeError("bad Multiboot 2 magic", "eax", mb2::kBootloaderMagic, magic);
  }
  if (info_address == 0) return base::MakeError("information address is 0 (absent)", "ebx");
  if (info_address % mb2::kTagAlign != 0) {
    return base::MakeError("information not 8-byte aligned", "ebx", info_address & ~uint64_t{7},
                           info_address);
  }
  const auto fixed = TRY(memory.Read<mb2::boot_information>(info_address, "boot_information"));
  if (fixed.total_size < sizeof(mb2::boot_information) + sizeof(mb2::tag)) {
    return base::MakeError("total size smaller than the header and an end tag",
                           "boot_information.total_size",
                           sizeof(mb2::boot_information) + sizeof(mb2::tag), fixed.total_size);
  }
  if (fixed.total_size > kMultiboot2MaxInfoSize) {
    return base::MakeError("total size larger than any loader makes", "boot_information.total_size",
                           kMultiboot2MaxInfoSize, fixed.total_size);
  }
  TRY(memory.CheckArray(info_address, 1, fixed.total_size, "boot_information.total_size"));
  handoff.descriptor->original_info_size = fixed.total_size;

  bootabi::boot_descriptor& descriptor = *handoff.descriptor;
  E820Builder builder = MemoryMapBuilder(handoff);
  bool have_map = false, have_meminfo = false, have_new_rsdp = false, ended = false;
  uint64_t efi_system_table = 0;
  mb2::tag_basic_meminfo meminfo{};
  uint32_t modules = 0;
  uint64_t offset = sizeof(mb2::boot_information);
  for (uint32_t index = 0; !ended; ++index) {
    if (offset > fixed.total_size || fixed.total_size - offset < sizeof(mb2::tag)) {
      return base::MakeError("tag list ends without an end tag", "boot_information.total_size",
                             offset + sizeof(mb2::tag), fixed.total_size);
    }
    const auto header = TRY(memory.Read<mb2::tag>(info_address + offset, "tag"));
    const TagView tag{info_address + offset, header.type, header.size, index};
    if (header.size < sizeof(mb2::tag)) {
      return base::AtIndex(base::MakeError("tag smaller than its header", "tag.size", sizeof(mb2::tag), header.size),
                           index);
    }
    if (header.size > fixed.total_size - offset) {
      return base::AtIndex(base::MakeError("tag runs past total_size", "tag.size",
                                           fixed.total_size - offset, header.size),
                           index);
    }
    switch (header.type) {
      case mb2::kTagEnd:
        if (header.size != sizeof(mb2::tag)) {
          return base::AtIndex(base::MakeError("end tag with a payload", "tag.size", sizeof(mb2::tag), header.size),
                               index);
        }
        ended = true;
        break;
      case mb2::kTagCmdline:
        TRY(CheckTagString(memory, tag, sizeof(mb2::tag), "tag_string"));
        TRY(CopyCommandLine(memory, tag.address + sizeof(mb2::tag), handoff.command_line_capacity - 1,
                            handoff, "tag_string"));
        break;
      case mb2::kTagBootLoaderName:
        TRY(CheckTagString(memory, tag, sizeof(mb2::tag), "tag_string"));
        TRY(CopyLoaderName(memory, tag.address + sizeof(mb2::tag), bootabi::kBootLoaderNameSize - 1,
                           handoff, "tag_string"));
        break;
      case mb2::kTagModule: {
        if (header.size < sizeof(mb2::tag_module) + 1) {
          return base::AtIndex(base::MakeError("module tag too small", "tag_module.size",
                                               sizeof(mb2::tag_module) + 1, header.size),
                               index);
        }
        if (++modules > kMaxLoaderModules) {
          return base::MakeError("more modules than any loader passes", "tag_module", kMaxLoaderModules, modules);
        }
        const auto module = TRY(memory.Read<mb2::tag_module>(tag.address, "tag_module"));
        TRY(CheckTagString(memory, tag, sizeof(mb2::tag_module), "tag_module.cmdline"));
        if (module.mod_end < module.mod_start) {
          return base::AtIndex(base::MakeError("module ends before it starts", "tag_module.mod_end",
                                               module.mod_start, module.mod_end),
                               index);
        }
        TRY(AddModule(memory, handoff, module.mod_start, module.mod_end - module.mod_start,
                      tag.address + sizeof(mb2::tag_module), "tag_module", modules - 1));
        break;
      }
      case mb2::kTagBasicMeminfo:
        if (header.size < sizeof(mb2::tag_basic_meminfo)) {
          return base::AtIndex(base::MakeError("basic meminfo tag too small", "tag_basic_meminfo.size",
                                               sizeof(mb2::tag_basic_meminfo), header.size),
                               index);
        }
        meminfo = TRY(memory.Read<mb2::tag_basic_meminfo>(tag.address, "tag_basic_meminfo"));
        have_meminfo = true;
        break;
      case mb2::kTagMmap:
        TRY(TakeMemoryMap(memory, tag, builder, handoff));
        have_map = true;
        break;
      case mb2::kTagFramebuffer: {
        if (header.size < sizeof(mb2::tag_framebuffer_common)) {
          return base::AtIndex(base::MakeError("framebuffer tag too small", "tag_framebuffer.size",
                                               sizeof(mb2::tag_framebuffer_common), header.size),
                               index);
        }
        const auto common = TRY(memory.Read<mb2::tag_framebuffer_common>(tag.address, "tag_framebuffer"));
        mb2::framebuffer_rgb_color_info color_info = {};
        if (common.framebuffer_type == bootabi::kFramebufferTypeRgb) {
          // The colour info follows the common part (Multiboot 2, "Framebuffer info").
          if (header.size < sizeof(mb2::tag_framebuffer_common) + sizeof(color_info)) {
            return base::AtIndex(base::MakeError("RGB framebuffer tag without its colour info", "tag_framebuffer.size",
                                                 sizeof(mb2::tag_framebuffer_common) + sizeof(color_info), header.size),
                                 index);
          }
          color_info = TRY(memory.Read<mb2::framebuffer_rgb_color_info>(tag.address + sizeof(mb2::tag_framebuffer_common),
                                                                        "tag_framebuffer.color_info"));
        }
        const uint8_t color_bytes[6] = {color_info.framebuffer_red_field_position,   color_info.framebuffer_red_mask_size,
                                        color_info.framebuffer_green_field_position, color_info.framebuffer_green_mask_size,
                                        color_info.framebuffer_blue_field_position,  color_info.framebuffer_blue_mask_size};
        const Framebuffer framebuffer = FramebufferFromMultiboot(common, color_bytes);
        const auto recorded = RecordFramebuffer(descriptor, framebuffer, "tag_framebuffer");
        if (recorded.is_error()) return base::AtIndex(recorded.error(), index);
        break;
      }
      case mb2::kTagAcpiOld:
      case mb2::kTagAcpiNew:
        // The tags hold a copy of the RSDP, in the loader's memory: it is copied into the
        // descriptor (checked), and boot_params points there. A new (2.0) one wins.
        if (header.type == mb2::kTagAcpiNew || !have_new_rsdp) {
          TRY(CopyRsdp(memory, tag, handoff));
        }
        have_new_rsdp = have_new_rsdp || header.type == mb2::kTagAcpiNew;
        break;
      case mb2::kTagEfi64SystemTable: {
        if (header.size < sizeof(mb2::tag) + 8) {
          return base::AtIndex(base::MakeError("EFI system table tag too small", "tag.size", sizeof(mb2::tag) + 8,
                                               header.size),
                               index);
        }
        efi_system_table = TRY(memory.Read<uint64_t>(tag.address + sizeof(mb2::tag), "tag_efi64.pointer"));
        descriptor.firmware = static_cast<uint8_t>(bootabi::Firmware::kUefi);
        break;
      }
      case mb2::kTagEfi32SystemTable:
      case mb2::kTagEfiMmap:
        // Only a loader running under UEFI has these to give (GRUB's multiboot2 on EFI).
        descriptor.firmware = static_cast<uint8_t>(bootabi::Firmware::kUefi);
        break;
      case mb2::kTagLoadBaseAddr:
        // Where the image was put (relocatable header tag): the kernel knows where it runs.
        break;
      default:
        ++descriptor.unknown_items;
        break;
    }
    offset += (uint64_t{header.size} + mb2::kTagAlign - 1) & ~uint64_t{mb2::kTagAlign - 1};
  }

  if (!have_map && have_meminfo) {
    AddBasicMemory(builder, meminfo.mem_lower, meminfo.mem_upper);
    descriptor.memmap_entries_in = 2;
  }
  FinishMemoryMap(handoff, builder, scratch);
  return SettleFirmwareTables(memory, handoff, efi_system_table, "tag_acpi");
}

}  // namespace bootinfo
