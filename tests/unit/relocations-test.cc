// SPDX-License-Identifier: MIT
// The build's check of the kernel's own relocations (image/relocations.h), on the built
// kernel and on copies of it with one relocation spoiled.
#include "image/relocations.h"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

#include "abi/elf-relocation.h"

namespace {

std::vector<uint8_t> KernelBytes() {
  std::ifstream file(UNIENTRY_KERNEL_ELF, std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

// The file offset of the first RELATIVE entry of .rela.dyn.
size_t FirstRelativeEntry(const image::ElfImage& elf) {
  for (const image::Section& section : elf.sections()) {
    if (section.name != ".rela.dyn") continue;
    for (uint64_t at = 0; at < section.size; at += sizeof(bootabi::elf64_rela)) {
      bootabi::elf64_rela entry;
      std::memcpy(&entry, elf.bytes().data() + section.file_offset + at, sizeof(entry));
      if (bootabi::ElfRelocationType(entry.r_info) == bootabi::kRX8664Relative) return section.file_offset + at;
    }
  }
  ADD_FAILURE() << "no R_X86_64_RELATIVE in .rela.dyn";
  return 0;
}

TEST(SelfRelocations, TheKernelHasOnlyRelativeOnesInsideItself) {
  const auto elf = image::ElfImage::FromBytes(KernelBytes(), "unientry.elf");
  const image::SelfRelocations relocations = image::CheckSelfRelocations(elf);
  EXPECT_TRUE(relocations.errors.empty()) << relocations.errors.front();
  // The init table alone holds a function pointer and a name per entry.
  EXPECT_GT(relocations.relative, 50u);
}

TEST(SelfRelocations, AnotherTypeIsRefused) {
  std::vector<uint8_t> bytes = KernelBytes();
  const size_t at = FirstRelativeEntry(image::ElfImage::FromBytes(bytes, "unientry.elf"));
  bootabi::elf64_rela entry;
  std::memcpy(&entry, &bytes[at], sizeof(entry));
  entry.r_info = (uint64_t{1} << 32) | 1;  // R_X86_64_64 against symbol 1
  std::memcpy(&bytes[at], &entry, sizeof(entry));
  const auto relocations = image::CheckSelfRelocations(image::ElfImage::FromBytes(bytes, "spoiled.elf"));
  ASSERT_EQ(relocations.errors.size(), 1u);
  EXPECT_NE(relocations.errors[0].find("type 1 (R_X86_64_64), symbol 1: the kernel relocates itself with "
                                       "R_X86_64_RELATIVE only"),
            std::string::npos)
      << relocations.errors[0];
}

TEST(SelfRelocations, OneOutsideTheImageIsRefused) {
  std::vector<uint8_t> bytes = KernelBytes();
  const size_t at = FirstRelativeEntry(image::ElfImage::FromBytes(bytes, "unientry.elf"));
  const uint64_t outside = 0x10;  // below the load address
  std::memcpy(&bytes[at + offsetof(bootabi::elf64_rela, r_offset)], &outside, sizeof(outside));
  const auto relocations = image::CheckSelfRelocations(image::ElfImage::FromBytes(bytes, "spoiled.elf"));
  ASSERT_EQ(relocations.errors.size(), 1u);
  EXPECT_NE(relocations.errors[0].find("at 0x10: outside the image's segments"), std::string::npos)
      << relocations.errors[0];
}

}  // namespace
