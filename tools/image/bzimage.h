// SPDX-License-Identifier: MIT
// unientry.bzImage: the real-mode setup followed by the flat kernel image, with the Linux
// boot protocol's setup header computed from the two linked ELF files
// (Documentation/arch/x86/boot.rst). Nothing in the header is typed by hand: sizes come from
// the files, addresses from their symbols.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "abi/boot-params.h"
#include "image/elf-image.h"

namespace image {

// 2.14: acpi_rsdp_addr, which a loader that knows the RSDP fills (2.12 brought xloadflags).
inline constexpr uint16_t kBzImageProtocolVersion = 0x020e;
// boot_params.sentinel in the image: a loader that copies the whole first sector into
// boot_params instead of the setup header alone leaves it non-zero (boot.rst; Linux's
// sanitize_boot_params), and the kernel then clears what such a loader left stale.
inline constexpr uint8_t kSentinelInImage = 0xff;
inline constexpr size_t kSectorSize = 512;
inline constexpr uint32_t kKernelAlignment = 0x1000;
inline constexpr uint32_t kSetupSegmentLimit = 0x8000;  // setup + heap + stack (boot.rst)

struct BzImageParts {
  std::vector<uint8_t> setup;   // flat setup.elf from its boot sector
  uint64_t setup_header_offset;  // the setup_header symbol: must be 0x1f1
  uint64_t setup_code_offset;    // where the header's jmp at 0x200 must land
  uint64_t kernel_version_offset;  // a NUL-terminated version string in the setup, or 0
  std::vector<uint8_t> kernel;  // flat kernel image from its load address
  uint64_t load_address;        // physical address of the kernel image (code32_start)
  uint64_t init_size;           // bytes from the load address the kernel uses in memory
  uint64_t text_size;           // bytes from the load address to the first non-executable
                                // segment: the PE image's code section, the rest is data
  uint64_t entry64_offset;      // the 64-bit entry, relative to the load address: must be 0x200
  uint64_t multiboot1_header_offset;  // the reserved Multiboot 1 header slot, from the load address
  uint64_t multiboot1_entry;          // multiboot1_start
  uint64_t multiboot2_header_offset;  // the Multiboot 2 header, from the load address
  uint64_t efi_entry_offset;          // efi_pe_entry, from the load address
};

/// Where BuildBzImage puts the PE/COFF header that makes the file an EFI application too.
inline constexpr uint32_t kPeHeaderOffset = 0x40;
/// The PE image's section alignment: pages, so firmware can map code read-only and
/// executable and data non-executable (NX_COMPAT), and the kernel lands page-aligned.
inline constexpr uint32_t kPeSectionAlignment = 4096;

/// Reads setup.elf and the kernel ELF into parts; throws ImageError on anything unexpected.
BzImageParts ReadBzImageParts(const ElfImage& setup, const ElfImage& kernel);

/// Fills the Multiboot 1 header slot of parts.kernel: the a.out kludge fields load the flat
/// kernel image linearly at the load address, which holds for the bzImage (GRUB `multiboot`)
/// and for the flat image alone (QEMU -kernel, which prefers the Linux header when present).
void FillMultiboot1Header(BzImageParts& parts);

/// The bzImage bytes; throws ImageError when the parts cannot form one (sizes, offsets, a
/// Multiboot header outside the part of the file its loaders search).
std::vector<uint8_t> BuildBzImage(const BzImageParts& parts);

/// The setup header of a bzImage file, after checking the file is long enough to hold it.
bootabi::setup_header ReadSetupHeader(const std::vector<uint8_t>& bzimage);

}  // namespace image
