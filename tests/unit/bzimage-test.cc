// SPDX-License-Identifier: MIT
// unientry.bzImage as built: every setup header field against boot.rst, the payload against
// the ELF; and the header writer's refusals.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "abi/efi.h"
#include "abi/multiboot1.h"
#include "abi/multiboot2.h"
#include "image/bzimage.h"

namespace {

std::vector<uint8_t> ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

class BuiltBzImage : public ::testing::Test {
 protected:
  BuiltBzImage()
      : file_(ReadFile(UNIENTRY_KERNEL_BZIMAGE)),
        kernel_(image::ElfImage::Open(UNIENTRY_KERNEL_ELF)),
        header_(image::ReadSetupHeader(file_)) {}

  size_t SetupBytes() const { return (header_.setup_sects + 1u) * 512u; }

  std::vector<uint8_t> file_;
  image::ElfImage kernel_;
  bootabi::setup_header header_;
};

TEST_F(BuiltBzImage, BootSectorAndMagic) {
  EXPECT_EQ(header_.boot_flag, 0xAA55);
  EXPECT_EQ(file_[0x1fe], 0x55);
  EXPECT_EQ(file_[0x1ff], 0xAA);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(&file_[0x202]), 4), "HdrS");
  EXPECT_EQ(header_.version, 0x020e);  // 2.14: acpi_rsdp_addr
  EXPECT_EQ(file_[offsetof(bootabi::boot_params, sentinel)], 0xff);
}

TEST_F(BuiltBzImage, SizesCoverTheFile) {
  ASSERT_GE(header_.setup_sects, 1);
  // The kernel part, padded to whole sectors, then the PE .reloc sector.
  EXPECT_EQ(file_.size(), (SetupBytes() + header_.syssize * 16u + 511) / 512 * 512 + 512);
  const image::ElfImage setup = image::ElfImage::Open(UNIENTRY_SETUP_ELF);
  uint64_t setup_memory_end = 0;
  EXPECT_LE(setup.Flatten(0, &setup_memory_end).size(), SetupBytes());
  EXPECT_LE(setup_memory_end, 0x8000u);
}

TEST_F(BuiltBzImage, JumpLandsOnTheSetupCode) {
  const image::ElfImage setup = image::ElfImage::Open(UNIENTRY_SETUP_ELF);
  EXPECT_EQ(file_[0x200], 0xEB);  // jmp rel8
  EXPECT_EQ(0x202u + file_[0x201], setup.SymbolValue("setup_code"));
  // boot.rst: the header ends at 0x202 + the byte at 0x201.
  EXPECT_GE(0x202u + file_[0x201], 0x1f1u + sizeof(bootabi::setup_header));
}

TEST_F(BuiltBzImage, LoadFlagsAndXLoadFlags) {
  EXPECT_EQ(header_.loadflags & bootabi::kLoadedHigh, bootabi::kLoadedHigh);
  EXPECT_EQ(header_.loadflags & bootabi::kCanUseHeap, 0);  // the loader's bit
  EXPECT_EQ(header_.xloadflags & bootabi::kXlfKernel64, bootabi::kXlfKernel64);
  EXPECT_EQ(header_.xloadflags & bootabi::kXlfCanBeLoadedAbove4G, bootabi::kXlfCanBeLoadedAbove4G);
  EXPECT_EQ(header_.relocatable_kernel, 1);  // arch/x86/relocate.S
  EXPECT_EQ(header_.min_alignment, 12);       // pages
}

TEST_F(BuiltBzImage, AddressesComeFromTheKernel) {
  const uint64_t load = kernel_.SymbolValue("linux32_start");
  EXPECT_EQ(header_.code32_start, load);
  EXPECT_EQ(header_.pref_address, load);
  EXPECT_EQ(kernel_.SymbolValue("linux64_start"), load + 0x200);
  EXPECT_EQ(header_.kernel_alignment, 0x1000u);
  EXPECT_EQ(load % header_.kernel_alignment, 0u);
  const uint64_t end = kernel_.SymbolValue("__kernel_end");
  EXPECT_GE(header_.init_size, end - load);
  EXPECT_EQ(header_.init_size % 4096, 0u);
}

TEST_F(BuiltBzImage, CommandLineAndPayloadFields) {
  EXPECT_EQ(header_.cmdline_size, 2047u);
  EXPECT_EQ(header_.payload_offset, 0u);  // no compressed payload
  EXPECT_EQ(header_.payload_length, 0u);
  EXPECT_EQ(header_.setup_data, 0u);
  EXPECT_EQ(header_.hardware_subarch, 0u);
}

TEST_F(BuiltBzImage, KernelVersionString) {
  ASSERT_NE(header_.kernel_version, 0);
  const char* text = reinterpret_cast<const char*>(&file_[header_.kernel_version + 0x200]);
  EXPECT_EQ(std::string(text).rfind("unientry ", 0), 0u);
}

TEST_F(BuiltBzImage, PayloadIsTheKernelImageWithItsMultiboot1Header) {
  uint64_t memory_end = 0;
  std::vector<uint8_t> flat = kernel_.Flatten(header_.code32_start, &memory_end);
  ASSERT_GE(file_.size(), SetupBytes() + flat.size());
  const uint64_t slot = kernel_.SymbolValue("multiboot1_header") - header_.code32_start;
  const size_t slot_size = sizeof(bootabi::multiboot1::multiboot_header);
  // In the ELF the slot is empty, so QEMU -kernel keeps booting unientry.elf through PVH.
  EXPECT_TRUE(std::all_of(flat.begin() + static_cast<ptrdiff_t>(slot),
                          flat.begin() + static_cast<ptrdiff_t>(slot + slot_size), [](uint8_t b) { return b == 0; }));
  bootabi::multiboot1::multiboot_header header;
  std::memcpy(&header, &file_[SetupBytes() + slot], sizeof(header));
  std::memcpy(&flat[slot], &header, sizeof(header));  // everything else is byte for byte the ELF
  EXPECT_TRUE(std::equal(flat.begin(), flat.end(), file_.begin() + static_cast<ptrdiff_t>(SetupBytes())));

  EXPECT_EQ(header.magic, bootabi::multiboot1::kHeaderMagic);
  EXPECT_EQ(header.magic + header.flags + header.checksum, 0u);
  EXPECT_NE(header.flags & bootabi::multiboot1::kAoutKludge, 0u);
  EXPECT_NE(header.flags & bootabi::multiboot1::kMemoryInfo, 0u);
  EXPECT_EQ(header.header_addr, header_.code32_start + slot);
  EXPECT_EQ(header.load_addr, header_.code32_start);
  EXPECT_EQ(header.load_end_addr, header_.code32_start + flat.size());
  EXPECT_EQ(header.bss_end_addr, memory_end);
  EXPECT_EQ(header.entry_addr, kernel_.SymbolValue("multiboot1_start"));
  EXPECT_LE(SetupBytes() + slot + slot_size, bootabi::multiboot1::kHeaderSearchBytes);
}

TEST_F(BuiltBzImage, Multiboot1ImageIsThePayload) {
  const std::vector<uint8_t> mb1 = ReadFile(UNIENTRY_MULTIBOOT1_IMAGE);
  ASSERT_FALSE(mb1.empty());
  EXPECT_TRUE(std::equal(mb1.begin(), mb1.end(), file_.begin() + static_cast<ptrdiff_t>(SetupBytes())));
  // No Linux header: QEMU's -kernel must not take it for a bzImage.
  EXPECT_NE(std::string(reinterpret_cast<const char*>(&mb1[0x202]), 4), "HdrS");
}

TEST_F(BuiltBzImage, Multiboot2HeaderServesBothFiles) {
  namespace mb2 = bootabi::multiboot2;
  const uint64_t offset = kernel_.SymbolValue("multiboot2_header") - header_.code32_start;
  mb2::multiboot_header header;
  std::memcpy(&header, &file_[SetupBytes() + offset], sizeof(header));
  EXPECT_EQ(header.magic, mb2::kHeaderMagic);
  EXPECT_EQ(header.magic + header.architecture + header.header_length + header.checksum, 0u);
  EXPECT_EQ((SetupBytes() + offset) % 8, 0u);
  EXPECT_LE(SetupBytes() + offset + header.header_length, mb2::kHeaderSearchBytes);
  // The address tag maps the file linearly from the load address. In the ELF that holds only
  // if every PT_LOAD's file offset and address advance together.
  const auto& segments = kernel_.load_segments();
  ASSERT_FALSE(segments.empty());
  for (const auto& segment : segments) {
    EXPECT_EQ(segment.file_offset - segments[0].file_offset,
              segment.physical_address - segments[0].physical_address);
  }
  EXPECT_LE(segments[0].file_offset + offset + header.header_length, mb2::kHeaderSearchBytes);
}

TEST_F(BuiltBzImage, IsAlsoAPe32PlusEfiApplication) {
  namespace efi = bootabi::efi;
  EXPECT_EQ(file_[0], 'M');
  EXPECT_EQ(file_[1], 'Z');
  uint32_t pe_offset;
  std::memcpy(&pe_offset, &file_[0x3c], 4);
  ASSERT_EQ(pe_offset, image::kPeHeaderOffset);
  efi::pe_file_header pe;
  efi::pe32plus_optional_header optional;
  efi::pe_section_header sections[3];
  std::memcpy(&pe, &file_[pe_offset], sizeof(pe));
  std::memcpy(&optional, &file_[pe_offset + sizeof(pe)], sizeof(optional));
  std::memcpy(sections, &file_[pe_offset + sizeof(pe) + sizeof(optional)], sizeof(sections));
  EXPECT_EQ(pe.Signature, 0x00004550u);
  EXPECT_EQ(pe.Machine, efi::kImageFileMachineAmd64);
  EXPECT_EQ(pe.NumberOfSections, 3);
  EXPECT_EQ(pe.Characteristics & 0x0001, 0);  // relocations not stripped: OVMF refuses those
  EXPECT_EQ(optional.Magic, efi::kPe32PlusMagic);
  EXPECT_EQ(optional.Subsystem, efi::kImageSubsystemEfiApplication);
  // NX_COMPAT: firmware that maps data non-executable (edk2's memory protection) may load it.
  EXPECT_EQ(optional.DllCharacteristics & efi::kImageDllCharacteristicsNxCompat, efi::kImageDllCharacteristicsNxCompat);
  EXPECT_EQ(optional.DllCharacteristics & efi::kImageDllCharacteristicsDynamicBase, efi::kImageDllCharacteristicsDynamicBase);
  EXPECT_EQ(optional.SectionAlignment, 4096u);
  EXPECT_EQ(optional.SizeOfHeaders, SetupBytes());
  const uint32_t kernel_rva = (SetupBytes() + 4095) / 4096 * 4096;  // the kernel lands page-aligned
  EXPECT_EQ(optional.AddressOfEntryPoint, kernel_rva + kernel_.SymbolValue("efi_pe_entry") - header_.code32_start);
  // W^X: code read and execute, everything after it read and write, each page-aligned; the
  // image spans the kernel's whole memory (init_size), so firmware allocates and clears .bss.
  EXPECT_EQ(std::string(sections[0].Name), ".text");
  EXPECT_EQ(sections[0].PointerToRawData, SetupBytes());
  EXPECT_EQ(sections[0].VirtualAddress, kernel_rva);
  EXPECT_EQ(sections[0].Characteristics & (efi::kImageScnMemExecute | efi::kImageScnMemWrite), efi::kImageScnMemExecute);
  EXPECT_EQ(std::string(sections[1].Name), ".data");
  EXPECT_EQ(sections[1].VirtualAddress, sections[0].VirtualAddress + sections[0].VirtualSize);
  EXPECT_EQ(sections[1].VirtualAddress % 4096, 0u);
  EXPECT_EQ(sections[1].PointerToRawData, sections[0].PointerToRawData + sections[0].SizeOfRawData);
  EXPECT_EQ(sections[1].Characteristics & (efi::kImageScnMemExecute | efi::kImageScnMemWrite), efi::kImageScnMemWrite);
  EXPECT_GE(sections[0].SizeOfRawData + sections[1].SizeOfRawData, header_.syssize * 16u);
  EXPECT_GE(sections[0].VirtualSize + sections[1].VirtualSize, header_.init_size);
  EXPECT_EQ(std::string(sections[2].Name, 6), ".reloc");
  EXPECT_EQ(optional.DataDirectory[efi::kDirectoryBaseRelocation].VirtualAddress, sections[2].VirtualAddress);
  EXPECT_GE(optional.SizeOfImage, sections[2].VirtualAddress + sections[2].VirtualSize);
  EXPECT_EQ(file_.size(), sections[2].PointerToRawData + sections[2].SizeOfRawData);
  // The setup header stays where the Linux protocol wants it.
  EXPECT_EQ(header_.header, bootabi::kSetupHeaderMagic);
}

// The writer refuses parts that cannot form a bzImage.
image::BzImageParts ValidParts() {
  image::BzImageParts parts;
  parts.setup.assign(0x400, 0);
  parts.setup_header_offset = 0x1f1;
  parts.setup_code_offset = 0x26c;
  parts.kernel.assign(0x2000, 0x90);
  parts.load_address = 0x100000;
  parts.init_size = 0x4000;
  parts.text_size = 0x1000;
  parts.entry64_offset = 0x200;
  parts.multiboot1_header_offset = 0x80;
  parts.multiboot1_entry = 0x100100;
  parts.multiboot2_header_offset = 0xc0;
  parts.efi_entry_offset = 0x300;
  return parts;
}

std::string BuildError(const image::BzImageParts& parts) {
  try {
    image::BuildBzImage(parts);
  } catch (const image::ImageError& error) {
    return error.what();
  }
  return "no error";
}

TEST(BzImageWriter, ValidPartsBuild) {
  const auto bytes = image::BuildBzImage(ValidParts());
  const auto header = image::ReadSetupHeader(bytes);
  EXPECT_EQ(header.setup_sects, 1);
  EXPECT_EQ(header.syssize, 0x200u);
  EXPECT_EQ(header.jump, 0x6aeb);  // jmp from 0x202 to 0x26c
}

TEST(BzImageWriter, HeaderAtTheWrongOffset) {
  auto parts = ValidParts();
  parts.setup_header_offset = 0x1f0;
  EXPECT_EQ(BuildError(parts), "bzImage: setup_header at 0x1f0, expected 0x1f1");
}

TEST(BzImageWriter, SetupCodeOutOfJumpRange) {
  auto parts = ValidParts();
  parts.setup_code_offset = 0x300;
  EXPECT_EQ(BuildError(parts),
            "bzImage: setup code at 0x300: expected 0x26c..0x281, reachable by the 2-byte jmp at 0x200");
}

TEST(BzImageWriter, Entry64NotAt0x200) {
  auto parts = ValidParts();
  parts.entry64_offset = 0x180;
  EXPECT_EQ(BuildError(parts), "bzImage: 64-bit entry at load address + 0x180, expected + 0x200");
}

TEST(BzImageWriter, SetupTooLarge) {
  auto parts = ValidParts();
  parts.setup.assign(300 * 512, 0);
  EXPECT_EQ(BuildError(parts), "bzImage: setup_sects 299 outside 1..255");
}

TEST(BzImageWriter, InitSizeSmallerThanTheImage) {
  auto parts = ValidParts();
  parts.init_size = 0x800;
  EXPECT_EQ(BuildError(parts), "bzImage: init_size 0x800 smaller than the kernel image 0x2000");
}

TEST(BzImageWriter, CodeThatDoesNotEndOnAPage) {
  auto parts = ValidParts();
  parts.text_size = 0x1800;
  EXPECT_EQ(BuildError(parts), "bzImage: the kernel's code ends at load address + 0x1800: expected a page "
                               "boundary before the end of its 0x2000 file bytes and 0x4000 memory bytes");
}

TEST(BzImageWriter, Multiboot1HeaderPastTheSearchedBytes) {
  auto parts = ValidParts();
  parts.kernel.assign(0x4000, 0);
  parts.multiboot1_header_offset = 0x2000;
  EXPECT_EQ(BuildError(parts), "bzImage: Multiboot 1 header at file offset 0x2400, expected within the first 0x2000 bytes");
}

TEST(BzImageWriter, Multiboot1SlotMustBeEmpty) {
  auto parts = ValidParts();
  parts.kernel[0x80] = 1;
  try {
    image::FillMultiboot1Header(parts);
    FAIL();
  } catch (const image::ImageError& error) {
    EXPECT_STREQ(error.what(), "bzImage: Multiboot 1 header slot is not empty");
  }
}

TEST(BzImageWriter, TooShortToHoldAHeader) {
  try {
    image::ReadSetupHeader(std::vector<uint8_t>(100));
    FAIL();
  } catch (const image::ImageError& error) {
    EXPECT_STREQ(error.what(), "bzImage: file is 100 bytes, expected at least 620 to hold the setup header");
  }
}

}  // namespace
