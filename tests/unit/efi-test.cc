// SPDX-License-Identifier: MIT
// The EFI entry's firmware-free parts: memory map -> E820 and load options -> command line.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/string-buffer.h"
#include "bootinfo/efi.h"
#include "support/fake-memory.h"

namespace {

namespace efi = bootabi::efi;
using testing_support::FakeMemory;

std::string Text(const base::Error& error) {
  base::StringBuffer<256> text;
  base::Describe(error, text);
  return text.c_str();
}

class EfiMemoryMapTest : public ::testing::Test {
 protected:
  // Descriptors of `size` bytes each (firmware may use more than 40), placed in memory.
  uint64_t Place(const std::vector<efi::EFI_MEMORY_DESCRIPTOR>& descriptors, size_t size = 48) {
    std::vector<uint8_t> bytes(descriptors.size() * size, 0);
    for (size_t i = 0; i < descriptors.size(); ++i) std::memcpy(&bytes[i * size], &descriptors[i], sizeof(descriptors[i]));
    map_size_ = bytes.size();
    return memory_.PlaceBytes(bytes.data(), bytes.size(), 8);
  }
  base::Result<uint32_t> Add(uint64_t address, uint64_t descriptor_size = 48, uint32_t version = 1) {
    return bootinfo::AddEfiMemoryMap(memory_.View(), address, map_size_, descriptor_size, version, builder_);
  }

  FakeMemory memory_;
  uint64_t map_size_ = 0;
  bootabi::boot_e820_entry table_[bootabi::kE820MaxEntriesZeroPage] = {};
  bootinfo::E820Builder builder_{table_, bootabi::kE820MaxEntriesZeroPage};
};

efi::EFI_MEMORY_DESCRIPTOR Descriptor(efi::EFI_MEMORY_TYPE type, uint64_t start, uint64_t pages) {
  return {static_cast<uint32_t>(type), 0, start, 0, pages, 0};
}

TEST_F(EfiMemoryMapTest, TypesMapToE820AndBootServicesBecomeRam) {
  const uint64_t map = Place({Descriptor(efi::EFI_MEMORY_TYPE::EfiConventionalMemory, 0, 160),
                              Descriptor(efi::EFI_MEMORY_TYPE::EfiBootServicesData, 0x100000, 16),
                              Descriptor(efi::EFI_MEMORY_TYPE::EfiACPIReclaimMemory, 0x200000, 1),
                              Descriptor(efi::EFI_MEMORY_TYPE::EfiACPIMemoryNVS, 0x201000, 1),
                              Descriptor(efi::EFI_MEMORY_TYPE::EfiRuntimeServicesCode, 0x202000, 1),
                              Descriptor(efi::EFI_MEMORY_TYPE::EfiMemoryMappedIO, 0xfec00000, 1),
                              Descriptor(efi::EFI_MEMORY_TYPE::EfiPersistentMemory, 0x300000, 1),
                              Descriptor(efi::EFI_MEMORY_TYPE::EfiUnacceptedMemoryType, 0x400000, 1),
                              Descriptor(static_cast<efi::EFI_MEMORY_TYPE>(0x70000000), 0x500000, 1)});
  ASSERT_TRUE(Add(map).ok());
  ASSERT_EQ(builder_.count(), 9u);
  const uint32_t expected[] = {1, 1, 3, 4, 2, 2, 7, 2, 2};
  for (uint32_t i = 0; i < 9; ++i) EXPECT_EQ(table_[i].type, expected[i]) << i;
  EXPECT_EQ(table_[0].size, 160u * 4096);
}

TEST_F(EfiMemoryMapTest, DescriptorSizeBelowTheSpec) {
  const uint64_t map = Place({Descriptor(efi::EFI_MEMORY_TYPE::EfiConventionalMemory, 0, 1)}, 48);
  EXPECT_EQ(Text(Add(map, 32).error()),
            "DescriptorSize: descriptor size below the spec's or not a multiple of 8: expected 0x28, got 0x20");
}

TEST_F(EfiMemoryMapTest, DescriptorSizeNotAMultipleOf8) {
  const uint64_t map = Place({Descriptor(efi::EFI_MEMORY_TYPE::EfiConventionalMemory, 0, 1)}, 48);
  EXPECT_EQ(Text(Add(map, 44).error()),
            "DescriptorSize: descriptor size below the spec's or not a multiple of 8: expected 0x28, got 0x2c");
}

TEST_F(EfiMemoryMapTest, UnknownVersion) {
  const uint64_t map = Place({Descriptor(efi::EFI_MEMORY_TYPE::EfiConventionalMemory, 0, 1)});
  EXPECT_EQ(Text(Add(map, 48, 2).error()), "DescriptorVersion: unknown descriptor version: expected 0x1, got 0x2");
}

TEST_F(EfiMemoryMapTest, SizeNotAWholeNumberOfDescriptors) {
  const uint64_t map = Place({Descriptor(efi::EFI_MEMORY_TYPE::EfiConventionalMemory, 0, 1)});
  map_size_ += 8;
  EXPECT_EQ(Text(Add(map).error()), "MemoryMapSize: map size not a whole number of descriptors: expected 0x30, got 0x38");
}

TEST_F(EfiMemoryMapTest, MapPastMemory) {
  map_size_ = 48 * 4000;
  EXPECT_EQ(Text(Add(memory_.base()).error()), "MemoryMap: outside readable memory: expected 0x20000, got 0x3ee00");
}

TEST_F(EfiMemoryMapTest, PageCountThatOverflowsIsDropped) {
  const uint64_t map = Place({Descriptor(efi::EFI_MEMORY_TYPE::EfiConventionalMemory, 0x1000, ~uint64_t{0} / 2)});
  ASSERT_TRUE(Add(map).ok());
  EXPECT_EQ(builder_.count(), 0u);
  EXPECT_EQ(builder_.dropped(), 1u);
}

TEST_F(EfiMemoryMapTest, ZeroPagesAreDropped) {
  const uint64_t map = Place({Descriptor(efi::EFI_MEMORY_TYPE::EfiConventionalMemory, 0x1000, 0),
                              Descriptor(efi::EFI_MEMORY_TYPE::EfiConventionalMemory, 0x2000, 1)});
  ASSERT_TRUE(Add(map).ok());
  EXPECT_EQ(builder_.count(), 1u);
  EXPECT_EQ(builder_.dropped(), 1u);
}

TEST_F(EfiMemoryMapTest, UnsortedAndOverlappingDescriptorsAreSanitised) {
  const uint64_t map = Place({Descriptor(efi::EFI_MEMORY_TYPE::EfiConventionalMemory, 0x200000, 16),
                              Descriptor(efi::EFI_MEMORY_TYPE::EfiBootServicesCode, 0x100000, 256),
                              Descriptor(efi::EFI_MEMORY_TYPE::EfiRuntimeServicesData, 0x1ff000, 2)});
  ASSERT_TRUE(Add(map).ok());
  bootinfo::E820Scratch scratch;
  const auto result = bootinfo::SanitizeE820(table_, builder_.count(), bootabi::kE820MaxEntriesZeroPage, scratch);
  ASSERT_EQ(result.count, 3u);
  EXPECT_EQ(table_[0].addr, 0x100000u);  // sorted
  EXPECT_EQ(table_[0].size, 0xff000u);   // cut where runtime data (reserved) begins
  EXPECT_EQ(table_[1].type, 2u);
  EXPECT_EQ(table_[2].addr, 0x201000u);
}

TEST_F(EfiMemoryMapTest, MoreThan128AdjacentDescriptorsMergeIntoOneRange) {
  std::vector<efi::EFI_MEMORY_DESCRIPTOR> descriptors;
  for (uint64_t i = 0; i < 200; ++i) {
    descriptors.push_back(Descriptor(i % 2 == 0 ? efi::EFI_MEMORY_TYPE::EfiConventionalMemory
                                                : efi::EFI_MEMORY_TYPE::EfiBootServicesData,
                                     0x100000 + i * 0x1000, 1));
  }
  bootabi::boot_e820_entry wide[256] = {};
  bootinfo::E820Builder builder(wide, 256);
  const uint64_t map = Place(descriptors);
  ASSERT_TRUE(bootinfo::AddEfiMemoryMap(memory_.View(), map, map_size_, 48, 1, builder).ok());
  ASSERT_EQ(builder.count(), 200u);
  bootinfo::E820Scratch scratch;
  const auto result = bootinfo::SanitizeE820(wide, builder.count(), 256, scratch);
  EXPECT_EQ(result.count, 1u);
  EXPECT_EQ(wide[0].size, 200u * 4096);
}

std::string Convert(const std::u16string& text, size_t capacity = 64, size_t bytes = SIZE_MAX) {
  std::vector<char> out(capacity);
  const auto result = bootinfo::ConvertLoadOptions(reinterpret_cast<const uint16_t*>(text.c_str()),
                                                    bytes == SIZE_MAX ? (text.size() + 1) * 2 : bytes, out.data(),
                                                    capacity);
  if (result.is_error()) return "error: " + Text(result.error());
  return std::string(out.data()) + (result.value().truncated ? " [truncated]" : "");
}

TEST(LoadOptions, AsciiPassesThrough) { EXPECT_EQ(Convert(u"console=ttyS0 initrd=\\initrd.img"), "console=ttyS0 initrd=\\initrd.img"); }

TEST(LoadOptions, TabBecomesASpace) { EXPECT_EQ(Convert(u"a\tb"), "a b"); }

TEST(LoadOptions, StopsAtTheNulOrTheSize) {
  EXPECT_EQ(Convert(u"abc", 64, 4), "ab");  // two code units, no NUL
}

TEST(LoadOptions, NonAsciiCodeUnitIsAnError) {
  EXPECT_EQ(Convert(u"caf\u00e9"), "error: LoadOptions[3]: code unit outside printable ASCII: expected 0x7e, got 0xe9");
}

TEST(LoadOptions, ControlCharacterIsAnError) {
  EXPECT_EQ(Convert(u"a\nb"), "error: LoadOptions[1]: code unit outside printable ASCII: expected 0x7e, got 0xa");
}

TEST(LoadOptions, OddByteCountIsAnError) {
  EXPECT_EQ(Convert(u"ab", 64, 3), "error: LoadOptionsSize: load options are not whole UCS-2 code units: expected 0x2, got 0x3");
}

TEST(LoadOptions, TruncatedToTheCapacity) { EXPECT_EQ(Convert(u"abcdef", 4), "abc [truncated]"); }

TEST(LoadOptions, EmptyOptions) { EXPECT_EQ(Convert(u"", 4, 0), ""); }

// The path of the index-th initrd= word as UTF-8 (the converter writes UCS-2), "none" or the error.
std::string InitrdPath(const char* command_line, uint32_t index = 0, size_t capacity = 64) {
  std::vector<char16_t> out(capacity, u'?');
  const auto result = bootinfo::FindInitrdPath(command_line, index, out.data(), capacity);
  if (result.is_error()) return "error: " + Text(result.error());
  if (!result.value()) return out[0] == 0 ? "none" : "none, but out was written";
  std::string path;
  for (size_t i = 0; out[i] != 0; ++i) path += static_cast<char>(out[i]);
  return path;
}

TEST(InitrdPath, FoundAnywhereOnTheLine) {
  EXPECT_EQ(InitrdPath("initrd=\\a.img"), "\\a.img");
  EXPECT_EQ(InitrdPath("console=ttyS0  initrd=\\boot\\b.img quiet"), "\\boot\\b.img");
}

TEST(InitrdPath, SlashesBecomeBackslashes) { EXPECT_EQ(InitrdPath("initrd=/EFI/x/initrd"), "\\EFI\\x\\initrd"); }

TEST(InitrdPath, OnlyWholeWordsCount) {
  EXPECT_EQ(InitrdPath("noinitrd=\\a foo.initrd=\\b"), "none");
  EXPECT_EQ(InitrdPath(""), "none");
}

TEST(InitrdPath, IndexSelectsTheWord) {
  const char* line = "initrd=\\one x initrd=\\two";
  EXPECT_EQ(InitrdPath(line, 0), "\\one");
  EXPECT_EQ(InitrdPath(line, 1), "\\two");
  EXPECT_EQ(InitrdPath(line, 2), "none");
}

TEST(InitrdPath, WordEndIsJustPastThePath) {
  char16_t path[16];
  size_t end = 0;
  const char* line = "a initrd=\\x.img b";
  ASSERT_TRUE(bootinfo::FindInitrdPath(line, 0, path, 16, &end).value());
  EXPECT_EQ(end, 15u);  // the space before "b"
  ASSERT_TRUE(bootinfo::FindInitrdPath("initrd=\\x", 0, path, 16, &end).value());
  EXPECT_EQ(end, 9u);  // the end of the line
}

TEST(InitrdPath, EmptyPathIsAnError) {
  EXPECT_EQ(InitrdPath("a initrd= b"), "error: initrd=[0]: initrd= names no file");
}

TEST(InitrdPath, TooLongPathIsAnError) {
  EXPECT_EQ(InitrdPath("initrd=\\abcdefgh", 0, 8), "error: initrd=[0]: initrd= path too long: expected 0x7, got 0x9");
  EXPECT_EQ(InitrdPath("initrd=\\abcdef", 0, 8), "\\abcdef");  // exactly fits with its NUL
}

}  // namespace
