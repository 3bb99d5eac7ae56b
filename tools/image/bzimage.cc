// SPDX-License-Identifier: MIT
#include "image/bzimage.h"

#include <algorithm>
#include <cstddef>
#include <cstring>

#include <fmt/format.h>

#include "abi/efi.h"
#include "abi/multiboot1.h"
#include "abi/multiboot2.h"

namespace image {
namespace {

constexpr size_t kHeaderOffset = offsetof(bootabi::boot_params, hdr);
constexpr size_t kJumpOffset = kHeaderOffset + offsetof(bootabi::setup_header, jump);
constexpr size_t kHeaderEnd = kHeaderOffset + sizeof(bootabi::setup_header);

[[noreturn]] void Fail(const std::string& message) { throw ImageError("bzImage: " + message); }

// The bzImage is also a PE32+ EFI application, the way Linux's is: "MZ" at 0, the PE header at
// 0x40 inside the boot sector, the setup as the image's headers, then the kernel as two
// page-aligned sections, code (read, execute) and everything after it (read, write: data,
// .bss, the handoff area, the stack, all inside the image, so firmware allocates and clears
// them), and a .reloc section with one empty block so firmware knows the image may be placed
// anywhere (OVMF skips images whose relocations are stripped). The kernel runs where the
// firmware loads it, relocating itself (arch/x86/relocate.S).
void WritePeHeader(std::vector<uint8_t>& image, const BzImageParts& parts, uint32_t setup_size) {
  namespace efi = bootabi::efi;
  auto align = [](uint64_t value, uint64_t to) { return (value + to - 1) / to * to; };
  const uint32_t file_kernel_size = static_cast<uint32_t>(image.size()) - setup_size;
  const uint32_t kernel_rva = static_cast<uint32_t>(align(setup_size, kPeSectionAlignment));
  const uint32_t text_size = static_cast<uint32_t>(parts.text_size);
  const uint32_t memory_size = static_cast<uint32_t>(align(parts.init_size, kPeSectionAlignment));
  const uint32_t reloc_rva = kernel_rva + memory_size;
  const uint32_t reloc_file_offset = static_cast<uint32_t>(image.size());
  constexpr uint32_t kRelocBlockSize = 12;  // PageRVA, BlockSize, two IMAGE_REL_BASED_ABSOLUTE pads
  if (parts.efi_entry_offset >= parts.text_size) {
    Fail(fmt::format("efi_pe_entry at load address + {:#x}, outside the {:#x}-byte code of the kernel image",
                     parts.efi_entry_offset, parts.text_size));
  }
  if (text_size == 0 || text_size % kPeSectionAlignment != 0 || text_size >= file_kernel_size ||
      text_size >= memory_size) {
    Fail(fmt::format("the kernel's code ends at load address + {:#x}: expected a page boundary before the "
                     "end of its {:#x} file bytes and {:#x} memory bytes", text_size, file_kernel_size, memory_size));
  }
  const size_t pe_end = kPeHeaderOffset + sizeof(efi::pe_file_header) + sizeof(efi::pe32plus_optional_header) +
                        3 * sizeof(efi::pe_section_header);
  if (pe_end > kHeaderOffset) Fail(fmt::format("PE header would end at {:#x}, past the setup header at {:#x}", pe_end, kHeaderOffset));
  for (size_t i = 0; i < pe_end; ++i) {
    const bool reserved = i < 2 || i >= 0x3c;
    if (reserved && image[i] != 0) Fail(fmt::format("boot sector byte {:#x} must be left 0 for the PE header", i));
  }
  image[0] = 'M';
  image[1] = 'Z';
  const uint32_t pe_offset = kPeHeaderOffset;
  std::memcpy(&image[0x3c], &pe_offset, 4);

  efi::pe_file_header file{};
  file.Signature = 0x00004550;  // "PE\0\0"
  file.Machine = efi::kImageFileMachineAmd64;
  file.NumberOfSections = 3;
  file.SizeOfOptionalHeader = sizeof(efi::pe32plus_optional_header);
  file.Characteristics = efi::kImageFileExecutableImage | efi::kImageFileLineNumsStripped | efi::kImageFileDebugStripped;

  efi::pe32plus_optional_header optional{};
  optional.Magic = efi::kPe32PlusMagic;
  optional.SizeOfCode = text_size;
  optional.SizeOfInitializedData = memory_size - text_size;
  optional.AddressOfEntryPoint = kernel_rva + static_cast<uint32_t>(parts.efi_entry_offset);
  optional.BaseOfCode = kernel_rva;
  optional.SectionAlignment = kPeSectionAlignment;
  optional.FileAlignment = kSectorSize;
  optional.SizeOfImage = reloc_rva + kPeSectionAlignment;
  optional.SizeOfHeaders = setup_size;
  optional.Subsystem = efi::kImageSubsystemEfiApplication;
  optional.DllCharacteristics = efi::kImageDllCharacteristicsDynamicBase | efi::kImageDllCharacteristicsNxCompat;
  optional.NumberOfRvaAndSizes = 16;
  optional.DataDirectory[efi::kDirectoryBaseRelocation] = {reloc_rva, kRelocBlockSize};

  efi::pe_section_header sections[3] = {};
  std::memcpy(sections[0].Name, ".text", 5);
  sections[0].VirtualSize = text_size;
  sections[0].VirtualAddress = kernel_rva;
  sections[0].SizeOfRawData = text_size;
  sections[0].PointerToRawData = setup_size;
  sections[0].Characteristics = efi::kImageScnCntCode | efi::kImageScnMemExecute | efi::kImageScnMemRead;
  std::memcpy(sections[1].Name, ".data", 5);
  sections[1].VirtualSize = memory_size - text_size;
  sections[1].VirtualAddress = kernel_rva + text_size;
  sections[1].SizeOfRawData = file_kernel_size - text_size;
  sections[1].PointerToRawData = setup_size + text_size;
  sections[1].Characteristics = efi::kImageScnCntInitializedData | efi::kImageScnMemRead | efi::kImageScnMemWrite;
  std::memcpy(sections[2].Name, ".reloc", 6);
  sections[2].VirtualSize = kRelocBlockSize;
  sections[2].VirtualAddress = reloc_rva;
  sections[2].SizeOfRawData = kSectorSize;
  sections[2].PointerToRawData = reloc_file_offset;
  sections[2].Characteristics = efi::kImageScnCntInitializedData | efi::kImageScnMemDiscardable | efi::kImageScnMemRead;

  std::memcpy(&image[pe_offset], &file, sizeof(file));
  std::memcpy(&image[pe_offset + sizeof(file)], &optional, sizeof(optional));
  std::memcpy(&image[pe_offset + sizeof(file) + sizeof(optional)], sections, sizeof(sections));

  std::vector<uint8_t> reloc(kSectorSize, 0);
  const uint32_t block[2] = {kernel_rva, kRelocBlockSize};
  std::memcpy(reloc.data(), block, sizeof(block));
  image.insert(image.end(), reloc.begin(), reloc.end());
}

}  // namespace

BzImageParts ReadBzImageParts(const ElfImage& setup, const ElfImage& kernel) {
  BzImageParts parts;
  uint64_t setup_end = 0;
  parts.setup = setup.Flatten(0, &setup_end);
  parts.setup_header_offset = setup.SymbolValue("setup_header");
  parts.setup_code_offset = setup.SymbolValue("setup_code");
  if (const auto version = setup.FindSymbol("kernel_version_string")) parts.kernel_version_offset = version->value;
  if (setup_end > kSetupSegmentLimit) {
    Fail(fmt::format("{}: setup uses {:#x} bytes of its segment, expected at most {:#x}", setup.path(),
                     setup_end, kSetupSegmentLimit));
  }
  parts.load_address = kernel.SymbolValue("linux32_start");
  uint64_t kernel_end = 0;
  parts.kernel = kernel.Flatten(parts.load_address, &kernel_end);
  parts.init_size = kernel_end - parts.load_address;
  // The code: the executable segments from the load address on, up to the next segment.
  uint64_t code_end = parts.load_address;
  for (const LoadSegment& segment : kernel.load_segments()) {
    if (segment.executable) code_end = std::max(code_end, segment.physical_address + segment.memory_size);
  }
  parts.text_size = (code_end - parts.load_address + 4095) / 4096 * 4096;
  for (const LoadSegment& segment : kernel.load_segments()) {
    if (!segment.executable && segment.physical_address < code_end) {
      Fail(fmt::format("{}: a data segment at {:#x} lies before the end of the code at {:#x}", kernel.path(),
                       segment.physical_address, code_end));
    }
  }
  parts.entry64_offset = kernel.SymbolValue("linux64_start") - parts.load_address;
  parts.multiboot1_header_offset = kernel.SymbolValue("multiboot1_header") - parts.load_address;
  parts.multiboot1_entry = kernel.SymbolValue("multiboot1_start");
  parts.multiboot2_header_offset = kernel.SymbolValue("multiboot2_header") - parts.load_address;
  parts.efi_entry_offset = kernel.SymbolValue("efi_pe_entry") - parts.load_address;
  return parts;
}

void FillMultiboot1Header(BzImageParts& parts) {
  namespace mb1 = bootabi::multiboot1;
  const uint64_t offset = parts.multiboot1_header_offset;
  if (offset % mb1::kHeaderAlign != 0 || offset + sizeof(mb1::multiboot_header) > parts.kernel.size()) {
    Fail(fmt::format("Multiboot 1 header slot at load address + {:#x}: expected 4-byte aligned inside "
                     "the {:#x}-byte image", offset, parts.kernel.size()));
  }
  if (parts.load_address + parts.init_size > UINT32_MAX) {
    Fail(fmt::format("kernel end {:#x} beyond Multiboot 1's 32-bit addresses",
                     parts.load_address + parts.init_size));
  }
  for (size_t i = 0; i < sizeof(mb1::multiboot_header); ++i) {
    if (parts.kernel[offset + i] != 0) Fail("Multiboot 1 header slot is not empty");
  }
  mb1::multiboot_header header{};
  header.magic = mb1::kHeaderMagic;
  header.flags = mb1::kPageAlign | mb1::kMemoryInfo | mb1::kAoutKludge;
  header.checksum = 0u - (header.magic + header.flags);
  header.header_addr = static_cast<uint32_t>(parts.load_address + offset);
  header.load_addr = static_cast<uint32_t>(parts.load_address);
  header.load_end_addr = static_cast<uint32_t>(parts.load_address + parts.kernel.size());
  header.bss_end_addr = static_cast<uint32_t>(parts.load_address + parts.init_size);
  header.entry_addr = static_cast<uint32_t>(parts.multiboot1_entry);
  std::memcpy(parts.kernel.data() + offset, &header, sizeof(header));
}

std::vector<uint8_t> BuildBzImage(const BzImageParts& parts) {
  if (parts.setup_header_offset != kHeaderOffset) {
    Fail(fmt::format("setup_header at {:#x}, expected {:#x}", parts.setup_header_offset, kHeaderOffset));
  }
  if (parts.setup_code_offset < kHeaderEnd || parts.setup_code_offset - (kJumpOffset + 2) > 127) {
    Fail(fmt::format("setup code at {:#x}: expected {:#x}..{:#x}, reachable by the 2-byte jmp at {:#x}",
                     parts.setup_code_offset, kHeaderEnd, kJumpOffset + 2 + 127, kJumpOffset));
  }
  if (parts.setup.size() < kHeaderEnd) {
    Fail(fmt::format("setup is {} bytes, expected at least {} (through the setup header)",
                     parts.setup.size(), kHeaderEnd));
  }
  if (parts.entry64_offset != 0x200) {
    Fail(fmt::format("64-bit entry at load address + {:#x}, expected + 0x200", parts.entry64_offset));
  }
  if (parts.load_address > UINT32_MAX || parts.init_size > UINT32_MAX) {
    Fail(fmt::format("load address {:#x} / init_size {:#x} do not fit the 32-bit header fields",
                     parts.load_address, parts.init_size));
  }
  if (parts.kernel.empty() || parts.init_size < parts.kernel.size()) {
    Fail(fmt::format("init_size {:#x} smaller than the kernel image {:#x}", parts.init_size,
                     parts.kernel.size()));
  }

  // The setup occupies whole sectors: the boot sector plus setup_sects more.
  std::vector<uint8_t> image = parts.setup;
  image.resize((image.size() + kSectorSize - 1) / kSectorSize * kSectorSize, 0);
  const size_t setup_sects = image.size() / kSectorSize - 1;
  if (setup_sects == 0 || setup_sects > 255) {
    Fail(fmt::format("setup_sects {} outside 1..255", setup_sects));
  }

  bootabi::setup_header header{};
  header.setup_sects = static_cast<uint8_t>(setup_sects);
  header.syssize = static_cast<uint32_t>((parts.kernel.size() + 15) / 16);
  header.boot_flag = bootabi::kBootFlag;
  // A short jmp (EB disp8) from the end of the 2-byte jump field to the setup code.
  header.jump = static_cast<uint16_t>(0xeb | ((parts.setup_code_offset - (kJumpOffset + 2)) << 8));
  header.header = bootabi::kSetupHeaderMagic;
  header.version = kBzImageProtocolVersion;
  if (parts.kernel_version_offset != 0) {
    header.kernel_version = static_cast<uint16_t>(parts.kernel_version_offset - 0x200);
  }
  // CAN_USE_HEAP is the loader's bit (it vouches for heap_end_ptr); the kernel sets only
  // LOADED_HIGH: its protected-mode part goes at 0x100000.
  header.loadflags = bootabi::kLoadedHigh;
  header.code32_start = static_cast<uint32_t>(parts.load_address);
  header.initrd_addr_max = 0xffffffff;  // 32-bit loaders; XLF_CAN_BE_LOADED_ABOVE_4G lifts it for 64-bit ones
  // Relocatable (arch/x86/relocate.S): the image needs page alignment only (its page tables
  // and stack are aligned within it), which is what kernel_alignment says is required.
  header.kernel_alignment = kKernelAlignment;
  header.relocatable_kernel = 1;
  header.min_alignment = static_cast<uint8_t>(__builtin_ctz(kKernelAlignment));
  // The 64-bit entry takes the kernel, the zero page, the command line and the initrd anywhere:
  // it maps where they lie before it leaves the loader's page tables (entry/linux-stub.cc).
  header.xloadflags = bootabi::kXlfKernel64 | bootabi::kXlfCanBeLoadedAbove4G;
  header.cmdline_size = bootabi::kCommandLineSize - 1;
  header.pref_address = parts.load_address;
  header.init_size = static_cast<uint32_t>((parts.init_size + 4095) / 4096 * 4096);
  std::memcpy(image.data() + kHeaderOffset, &header, sizeof(header));
  image[offsetof(bootabi::boot_params, sentinel)] = kSentinelInImage;

  // Multiboot loaders search the start of the file: 8 KiB (1, 4-byte aligned) and 32 KiB (2,
  // 8-byte aligned). The setup sits in front of the kernel image and pushes both headers out.
  const uint64_t multiboot1_at = image.size() + parts.multiboot1_header_offset;
  const uint64_t multiboot2_at = image.size() + parts.multiboot2_header_offset;
  if (multiboot1_at + sizeof(bootabi::multiboot1::multiboot_header) > bootabi::multiboot1::kHeaderSearchBytes) {
    Fail(fmt::format("Multiboot 1 header at file offset {:#x}, expected within the first {:#x} bytes",
                     multiboot1_at, bootabi::multiboot1::kHeaderSearchBytes));
  }
  if (multiboot2_at % bootabi::multiboot2::kHeaderAlign != 0 ||
      multiboot2_at + sizeof(bootabi::multiboot2::multiboot_header) > bootabi::multiboot2::kHeaderSearchBytes) {
    Fail(fmt::format("Multiboot 2 header at file offset {:#x}, expected 8-byte aligned within the first {:#x} bytes",
                     multiboot2_at, bootabi::multiboot2::kHeaderSearchBytes));
  }
  image.insert(image.end(), parts.kernel.begin(), parts.kernel.end());
  // syssize counts 16-byte paragraphs: pad so the file holds all of them, then to whole
  // sectors, which the PE sections below need (FileAlignment).
  image.resize((setup_sects + 1) * kSectorSize + header.syssize * 16, 0);
  image.resize((image.size() + kSectorSize - 1) / kSectorSize * kSectorSize, 0);
  WritePeHeader(image, parts, (setup_sects + 1) * kSectorSize);
  return image;
}

bootabi::setup_header ReadSetupHeader(const std::vector<uint8_t>& bzimage) {
  if (bzimage.size() < kHeaderEnd) {
    Fail(fmt::format("file is {} bytes, expected at least {} to hold the setup header",
                     bzimage.size(), kHeaderEnd));
  }
  bootabi::setup_header header;
  std::memcpy(&header, bzimage.data() + kHeaderOffset, sizeof(header));
  return header;
}

}  // namespace image
