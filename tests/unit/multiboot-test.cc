// SPDX-License-Identifier: MIT
// Multiboot 1 and 2 boot information -> boot_params: well-formed and malformed inputs.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "abi/multiboot1.h"
#include "abi/efi.h"
#include "abi/multiboot2.h"
#include "base/string-buffer.h"
#include "bootinfo/multiboot.h"
#include "support/acpi-builder.h"
#include "support/fake-memory.h"

namespace {

namespace mb1 = bootabi::multiboot1;
namespace mb2 = bootabi::multiboot2;
using testing_support::FakeMemory;

class MultibootTest : public ::testing::Test {
 protected:
  MultibootTest() : memory_(0x10000, 128 * 1024) {
    handoff_ = bootinfo::Handoff{&params_, &descriptor_, command_line_, sizeof(command_line_), 0x5000, 0x6000, module_strings_, 0x7000};
  }
  static std::string Text(const base::Result<>& result) {
    if (result.ok()) return "ok";
    base::StringBuffer<256> text;
    base::Describe(result.error(), text);
    return text.c_str();
  }
  std::string Convert1(const mb1::multiboot_info& info, uint32_t magic = mb1::kBootloaderMagic) {
    return Text(bootinfo::ConvertMultiboot1(memory_.View(), magic, memory_.Place(info), handoff_, scratch_));
  }
  std::string Convert2(const std::vector<uint8_t>& info, uint32_t magic = mb2::kBootloaderMagic) {
    const uint64_t address = memory_.PlaceBytes(info.data(), info.size(), 8);
    return Text(bootinfo::ConvertMultiboot2(memory_.View(), magic, address, handoff_, scratch_));
  }

  FakeMemory memory_;
  bootabi::boot_params params_{};
  bootabi::boot_descriptor descriptor_{};
  char command_line_[bootabi::kCommandLineSize];
  char module_strings_[bootabi::kBootDescriptorMaxModules * bootabi::kBootModuleStringSize];
  bootinfo::Handoff handoff_{};
  bootinfo::E820Scratch scratch_{};
};

// --- Multiboot 1 ------------------------------------------------------------------------

std::vector<uint8_t> MmapBytes(const std::vector<mb1::multiboot_mmap_entry>& entries) {
  std::vector<uint8_t> bytes(entries.size() * sizeof(mb1::multiboot_mmap_entry));
  std::memcpy(bytes.data(), entries.data(), bytes.size());
  return bytes;
}

TEST_F(MultibootTest, OneFullInformation) {
  mb1::multiboot_info info{};
  info.flags = mb1::kInfoCmdline | mb1::kInfoModules | mb1::kInfoMemoryMap | mb1::kInfoBootLoaderName |
               mb1::kInfoMemory;
  info.cmdline = static_cast<uint32_t>(memory_.PlaceString("/boot/kernel console=ttyS0"));
  info.boot_loader_name = static_cast<uint32_t>(memory_.PlaceString("GRUB 2.06"));
  const auto role = static_cast<uint32_t>(memory_.PlaceString("role=helper"));
  std::vector<mb1::multiboot_mod_list> modules = {{0x200000, 0x201000, 0, 0}, {0x300000, 0x300010, role, 0}};
  info.mods_count = 2;
  info.mods_addr = static_cast<uint32_t>(memory_.PlaceArray(modules));
  const auto map = MmapBytes({{20, 0, 0x9fc00, 1}, {20, 0x100000, 0x7ee0000, 1}});
  info.mmap_addr = static_cast<uint32_t>(memory_.PlaceBytes(map.data(), map.size(), 4));
  info.mmap_length = static_cast<uint32_t>(map.size());
  ASSERT_EQ(Convert1(info), "ok");
  EXPECT_STREQ(command_line_, "/boot/kernel console=ttyS0");  // as the loader passed it
  EXPECT_STREQ(descriptor_.loader_name, "GRUB 2.06");
  EXPECT_EQ(params_.hdr.type_of_loader, 0x70);
  EXPECT_EQ(descriptor_.entry, static_cast<uint8_t>(bootabi::BootEntry::kMultiboot1));
  EXPECT_EQ(params_.e820_entries, 2);
  EXPECT_EQ(descriptor_.module_count, 2u);
  EXPECT_EQ(bootabi::RamdiskAddress(params_), 0x200000u);
  EXPECT_EQ(bootabi::RamdiskSize(params_), 0x1000u);
  EXPECT_EQ(descriptor_.modules[1].cmdline_paddr, 0x7000u + bootabi::kBootModuleStringSize);
  EXPECT_STREQ(module_strings_ + bootabi::kBootModuleStringSize, "role=helper");
  EXPECT_EQ(params_.hdr.hardware_subarch, 0u);
}

TEST_F(MultibootTest, OneBadMagic) {
  EXPECT_EQ(Convert1({}, 0x36d76289), "eax: bad Multiboot 1 magic: expected 0x2badb002, got 0x36d76289");
}

TEST_F(MultibootTest, OneFieldsNotClaimedAreNotRead) {
  mb1::multiboot_info info{};
  info.cmdline = 0xdeadbeef;  // garbage, but flags do not claim it
  info.mmap_addr = 0xdeadbeef;
  ASSERT_EQ(Convert1(info), "ok");
  EXPECT_STREQ(command_line_, "");
  EXPECT_EQ(params_.e820_entries, 0);
}

TEST_F(MultibootTest, OneMemLowerUpperWithoutAMap) {
  mb1::multiboot_info info{};
  info.flags = mb1::kInfoMemory;
  info.mem_lower = 639;
  info.mem_upper = 130048;
  ASSERT_EQ(Convert1(info), "ok");
  ASSERT_EQ(params_.e820_entries, 2);
  EXPECT_EQ(params_.e820_table[0].size, 639u * 1024);
  EXPECT_EQ(params_.e820_table[1].addr, 0x100000u);
  EXPECT_EQ(params_.e820_table[1].size, 130048ull * 1024);
}

TEST_F(MultibootTest, OneMapEntrySizeZero) {
  mb1::multiboot_info info{};
  info.flags = mb1::kInfoMemoryMap;
  const auto map = MmapBytes({{20, 0, 0x9fc00, 1}, {0, 0x100000, 0x1000, 1}});
  info.mmap_addr = static_cast<uint32_t>(memory_.PlaceBytes(map.data(), map.size(), 4));
  info.mmap_length = static_cast<uint32_t>(map.size());
  EXPECT_EQ(Convert1(info), "multiboot_mmap_entry.size[1]: entry smaller than the spec's 20 bytes: expected 0x14, got 0x0");
}

TEST_F(MultibootTest, OneMapEntryPastTheEnd) {
  mb1::multiboot_info info{};
  info.flags = mb1::kInfoMemoryMap;
  const auto map = MmapBytes({{20, 0, 0x9fc00, 1}, {60, 0x100000, 0x1000, 1}});
  info.mmap_addr = static_cast<uint32_t>(memory_.PlaceBytes(map.data(), map.size(), 4));
  info.mmap_length = static_cast<uint32_t>(map.size());
  EXPECT_EQ(Convert1(info), "multiboot_mmap_entry.size[1]: entry runs past mmap_length: expected 0x14, got 0x3c");
}

TEST_F(MultibootTest, OneMapLengthCutsAnEntryHeader) {
  mb1::multiboot_info info{};
  info.flags = mb1::kInfoMemoryMap;
  const auto map = MmapBytes({{20, 0, 0x9fc00, 1}, {20, 0x100000, 0x1000, 1}});
  info.mmap_addr = static_cast<uint32_t>(memory_.PlaceBytes(map.data(), map.size(), 4));
  info.mmap_length = 26;
  EXPECT_EQ(Convert1(info), "multiboot_mmap_entry.size[1]: entry header runs past mmap_length: expected 0x1a, got 0x1c");
}

TEST_F(MultibootTest, OneLargerEntriesAreWalkedBySize) {
  // An entry with 8 extra bytes (size 28): the walk must skip them.
  std::vector<uint8_t> map(32 + 24, 0);
  const mb1::multiboot_mmap_entry first{28, 0, 0x9fc00, 1};
  const mb1::multiboot_mmap_entry second{20, 0x100000, 0x1000, 1};
  std::memcpy(map.data(), &first, sizeof(first));
  std::memcpy(map.data() + 32, &second, sizeof(second));
  mb1::multiboot_info info{};
  info.flags = mb1::kInfoMemoryMap;
  info.mmap_addr = static_cast<uint32_t>(memory_.PlaceBytes(map.data(), map.size(), 4));
  info.mmap_length = static_cast<uint32_t>(map.size());
  ASSERT_EQ(Convert1(info), "ok");
  EXPECT_EQ(params_.e820_entries, 2);
  EXPECT_EQ(descriptor_.memmap_entries_in, 2u);
}

TEST_F(MultibootTest, OneMapPointingNowhere) {
  mb1::multiboot_info info{};
  info.flags = mb1::kInfoMemoryMap;
  info.mmap_addr = 0x7fff0000;
  info.mmap_length = 48;
  EXPECT_EQ(Convert1(info), "multiboot_info.mmap_addr: outside readable memory: expected 0x30000, got 0x7fff0030");
}

// kexec-tools places the map at physical 0: a valid address, read like any other.
TEST_F(MultibootTest, OneMapAtPhysicalZero) {
  FakeMemory low(0, 0x20000);
  const auto map = MmapBytes({{20, 0, 0x9fc00, 1}, {20, 0x100000, 0x7ee0000, 1}});
  low.WriteBytes(0, map.data(), map.size());
  low.PlaceBytes(map.data(), map.size(), 8);  // the info block must not overlap the map
  mb1::multiboot_info info{};
  info.flags = mb1::kInfoMemoryMap;
  info.mmap_addr = 0;
  info.mmap_length = static_cast<uint32_t>(map.size());
  const uint64_t address = low.Place(info);
  ASSERT_EQ(Text(bootinfo::ConvertMultiboot1(low.View(), mb1::kBootloaderMagic, address, handoff_, scratch_)), "ok");
  EXPECT_EQ(params_.e820_entries, 2);
  EXPECT_EQ(params_.e820_table[1].addr, 0x100000u);
}

TEST_F(MultibootTest, OneFlagsClaimACommandLineAtZero) {
  mb1::multiboot_info info{};
  info.flags = mb1::kInfoCmdline;
  EXPECT_EQ(Convert1(info), "multiboot_info.cmdline: flags claim a command line but cmdline is 0");
}

TEST_F(MultibootTest, OneCommandLinePointingNowhere) {
  mb1::multiboot_info info{};
  info.flags = mb1::kInfoCmdline;
  info.cmdline = 0x7fff0000;
  EXPECT_EQ(Convert1(info), "multiboot_info.cmdline: outside readable memory: expected 0x30000, got 0x7fff0000");
}

TEST_F(MultibootTest, OneTooManyModules) {
  mb1::multiboot_info info{};
  info.flags = mb1::kInfoModules;
  info.mods_count = 100000;
  info.mods_addr = 0x10000;
  EXPECT_EQ(Convert1(info), "multiboot_info.mods_count: more modules than any loader passes: expected 0x1000, got 0x186a0");
}

TEST_F(MultibootTest, OneModuleListPastMemory) {
  mb1::multiboot_info info{};
  info.flags = mb1::kInfoModules;
  info.mods_count = 1025;
  info.mods_addr = 0x2c000;
  EXPECT_EQ(Convert1(info), "multiboot_info.mods_addr: outside readable memory: expected 0x30000, got 0x30010");
}

TEST_F(MultibootTest, OneModuleEndingBeforeItStarts) {
  std::vector<mb1::multiboot_mod_list> modules = {{0x300000, 0x200000, 0, 0}};
  mb1::multiboot_info info{};
  info.flags = mb1::kInfoModules;
  info.mods_count = 1;
  info.mods_addr = static_cast<uint32_t>(memory_.PlaceArray(modules));
  EXPECT_EQ(Convert1(info), "multiboot_mod_list.mod_end[0]: module ends before it starts: expected 0x300000, got 0x200000");
}

TEST_F(MultibootTest, OneFramebufferIsRecorded) {
  mb1::multiboot_info info{};
  info.flags = mb1::kInfoFramebuffer;
  info.framebuffer_addr = 0xfd000000;
  info.framebuffer_width = 1024;
  info.framebuffer_height = 768;
  info.framebuffer_bpp = 32;
  info.framebuffer_type = 1;
  const uint8_t bgrx[6] = {16, 8, 8, 8, 0, 8};  // red at 16, green at 8, blue at 0
  std::memcpy(info.color_info, bgrx, sizeof(bgrx));
  ASSERT_EQ(Convert1(info), "ok");
  EXPECT_EQ(descriptor_.framebuffer_addr, 0xfd000000u);
  EXPECT_EQ(descriptor_.framebuffer_width, 1024u);
  EXPECT_EQ(descriptor_.framebuffer_bpp, 32);
  EXPECT_EQ(descriptor_.framebuffer_red.shift, 16);
  EXPECT_EQ(descriptor_.framebuffer_blue.shift, 0);
  // Multiboot has no field for the unused byte: the bits the colours leave become it.
  EXPECT_EQ(descriptor_.framebuffer_reserved.shift, 24);
  EXPECT_EQ(descriptor_.framebuffer_reserved.size, 8);
}

TEST_F(MultibootTest, OneRgbFramebufferWithoutColoursIsAnError) {
  mb1::multiboot_info info{};
  info.flags = mb1::kInfoFramebuffer;
  info.framebuffer_addr = 0xfd000000;
  info.framebuffer_bpp = 32;
  info.framebuffer_type = 1;
  EXPECT_EQ(Convert1(info), "multiboot_info.framebuffer: RGB framebuffer without a red channel");
}

// --- Multiboot 2 ------------------------------------------------------------------------

// Builds a boot information structure tag by tag, each padded to 8 bytes.
class InfoBuilder {
 public:
  InfoBuilder() : bytes_(8, 0) {}
  InfoBuilder& Tag(uint32_t type, const std::vector<uint8_t>& payload, uint32_t size_override = 0) {
    const uint32_t size = size_override != 0 ? size_override : static_cast<uint32_t>(8 + payload.size());
    Append(&type, 4);
    Append(&size, 4);
    bytes_.insert(bytes_.end(), payload.begin(), payload.end());
    while (bytes_.size() % 8 != 0) bytes_.push_back(0);
    return *this;
  }
  InfoBuilder& String(uint32_t type, const std::string& text) {
    return Tag(type, std::vector<uint8_t>(text.c_str(), text.c_str() + text.size() + 1));
  }
  template <typename T>
  InfoBuilder& Struct(uint32_t type, const T& value) {
    std::vector<uint8_t> payload(sizeof(T) - 8);
    std::memcpy(payload.data(), reinterpret_cast<const uint8_t*>(&value) + 8, payload.size());
    return Tag(type, payload);
  }
  InfoBuilder& End() { return Tag(mb2::kTagEnd, {}); }
  std::vector<uint8_t> Bytes(uint32_t total_override = 0) {
    const uint32_t total = total_override != 0 ? total_override : static_cast<uint32_t>(bytes_.size());
    std::memcpy(bytes_.data(), &total, 4);
    return bytes_;
  }

 private:
  void Append(const void* data, size_t size) {
    const auto* bytes = static_cast<const uint8_t*>(data);
    bytes_.insert(bytes_.end(), bytes, bytes + size);
  }
  std::vector<uint8_t> bytes_;
};

std::vector<uint8_t> MmapPayload(uint32_t entry_size, uint32_t version, const std::vector<mb2::mmap_entry>& entries) {
  std::vector<uint8_t> payload(8 + entries.size() * entry_size, 0);
  std::memcpy(payload.data(), &entry_size, 4);
  std::memcpy(payload.data() + 4, &version, 4);
  for (size_t i = 0; i < entries.size(); ++i) std::memcpy(payload.data() + 8 + i * entry_size, &entries[i], sizeof(mb2::mmap_entry));
  return payload;
}

TEST_F(MultibootTest, TwoFullInformation) {
  mb2::tag_module module{mb2::kTagModule, 0, 0x200000, 0x200800};
  std::vector<uint8_t> module_payload(8 + 5, 0);
  std::memcpy(module_payload.data(), &module.mod_start, 8);
  std::memcpy(module_payload.data() + 8, "args", 5);
  const std::vector<uint8_t> rsdp = testing_support::MakeRsdp(0);
  const auto info = InfoBuilder()
                        .String(mb2::kTagCmdline, "console=ttyS0")
                        .String(mb2::kTagBootLoaderName, "GRUB 2.06")
                        .Tag(mb2::kTagModule, module_payload)
                        .Tag(mb2::kTagMmap, MmapPayload(24, 0, {{0, 0x9fc00, 1, 0}, {0x100000, 0x7ee0000, 1, 0}}))
                        .Tag(mb2::kTagAcpiOld, rsdp)
                        .Tag(mb2::kTagLoadBaseAddr, {0, 0, 0x10, 0})  // known: the kernel knows where it runs
                        .Tag(9, {1, 2, 3, 4})   // ELF sections: not ours to use
                        .End()
                        .Bytes();
  ASSERT_EQ(Convert2(info), "ok");
  EXPECT_STREQ(command_line_, "console=ttyS0");
  EXPECT_STREQ(descriptor_.loader_name, "GRUB 2.06");
  EXPECT_EQ(descriptor_.module_count, 1u);
  EXPECT_EQ(bootabi::RamdiskSize(params_), 0x800u);
  EXPECT_EQ(params_.e820_entries, 2);
  // The tag is the loader's memory: the RSDP is copied into the descriptor, and points there.
  EXPECT_EQ(params_.acpi_rsdp_addr, 0x5000u + offsetof(bootabi::boot_descriptor, rsdp_copy));
  EXPECT_EQ(std::memcmp(descriptor_.rsdp_copy, rsdp.data(), rsdp.size()), 0);
  EXPECT_EQ(descriptor_.unknown_items, 1u);
  EXPECT_EQ(descriptor_.entry, static_cast<uint8_t>(bootabi::BootEntry::kMultiboot2));
}

TEST_F(MultibootTest, TwoNewRsdpWinsOverTheOld) {
  const std::vector<uint8_t> fresh = testing_support::MakeRsdp(2, 0x1111, 0x2222);
  const auto info = InfoBuilder().Tag(mb2::kTagAcpiNew, fresh).Tag(mb2::kTagAcpiOld, testing_support::MakeRsdp(0, 0x3333)).End().Bytes();
  ASSERT_EQ(Convert2(info), "ok");
  EXPECT_EQ(std::memcmp(descriptor_.rsdp_copy, fresh.data(), fresh.size()), 0);
}

TEST_F(MultibootTest, TwoAcpiTagWithoutAnRsdpIsAnError) {
  EXPECT_EQ(Convert2(InfoBuilder().Tag(mb2::kTagAcpiOld, std::vector<uint8_t>(20, 'R')).End().Bytes()),
            "tag_acpi[0]: ACPI tag holds no valid RSDP (signature, checksums)");
}

TEST_F(MultibootTest, TwoBasicMeminfoWithoutAMap) {
  mb2::tag_basic_meminfo meminfo{mb2::kTagBasicMeminfo, 16, 639, 130048};
  ASSERT_EQ(Convert2(InfoBuilder().Struct(mb2::kTagBasicMeminfo, meminfo).End().Bytes()), "ok");
  EXPECT_EQ(params_.e820_entries, 2);
}

TEST_F(MultibootTest, TwoBadMagic) {
  EXPECT_EQ(Convert2(InfoBuilder().End().Bytes(), 0x2badb002), "eax: bad Multiboot 2 magic: expected 0x36d76289, got 0x2badb002");
}

TEST_F(MultibootTest, TwoMisalignedInformation) {
  const auto info = InfoBuilder().End().Bytes();
  const uint64_t address = memory_.PlaceBytes(info.data(), info.size(), 8) + 4;
  EXPECT_EQ(Text(bootinfo::ConvertMultiboot2(memory_.View(), mb2::kBootloaderMagic, address, handoff_, scratch_)),
            "ebx: information not 8-byte aligned: expected 0x10000, got 0x10004");
}

TEST_F(MultibootTest, TwoTotalSizeSmallerThanTheHeader) {
  EXPECT_EQ(Convert2(InfoBuilder().End().Bytes(4)),
            "boot_information.total_size: total size smaller than the header and an end tag: expected 0x10, got 0x4");
}

TEST_F(MultibootTest, TwoTotalSizePastMemory) {
  EXPECT_EQ(Convert2(InfoBuilder().End().Bytes(0x80000)),
            "boot_information.total_size: outside readable memory: expected 0x30000, got 0x90000");
}

TEST_F(MultibootTest, TwoMissingEndTag) {
  EXPECT_EQ(Convert2(InfoBuilder().String(mb2::kTagCmdline, "x").Bytes()),
            "boot_information.total_size: tag list ends without an end tag: expected 0x20, got 0x18");
}

TEST_F(MultibootTest, TwoTagSizeSmallerThanItsHeader) {
  EXPECT_EQ(Convert2(InfoBuilder().Tag(99, {}, 4).End().Bytes()), "tag.size[0]: tag smaller than its header: expected 0x8, got 0x4");
}

TEST_F(MultibootTest, TwoTagSizeThatOverflows) {
  EXPECT_EQ(Convert2(InfoBuilder().Tag(99, {}, 0xfffffff8).End().Bytes()),
            "tag.size[0]: tag runs past total_size: expected 0x10, got 0xfffffff8");
}

TEST_F(MultibootTest, TwoTagRunningPastTotalSize) {
  EXPECT_EQ(Convert2(InfoBuilder().Tag(99, {1, 2, 3, 4}, 40).End().Bytes()),
            "tag.size[0]: tag runs past total_size: expected 0x18, got 0x28");
}

TEST_F(MultibootTest, TwoEndTagWithAPayload) {
  EXPECT_EQ(Convert2(InfoBuilder().Tag(mb2::kTagEnd, {0, 0, 0, 0, 0, 0, 0, 0}).Bytes()),
            "tag.size[0]: end tag with a payload: expected 0x8, got 0x10");
}

TEST_F(MultibootTest, TwoCommandLineWithoutTerminator) {
  EXPECT_EQ(Convert2(InfoBuilder().Tag(mb2::kTagCmdline, {'a', 'b', 'c'}).End().Bytes()),
            "tag_string[0]: string not NUL-terminated inside its tag: expected 0xb, got 0xc");
}

TEST_F(MultibootTest, TwoMmapEntrySizeZero) {
  EXPECT_EQ(Convert2(InfoBuilder().Tag(mb2::kTagMmap, MmapPayload(0, 0, {})).End().Bytes()),
            "tag_mmap.entry_size[0]: entry size not a multiple of 8 of at least 24: expected 0x18, got 0x0");
}

TEST_F(MultibootTest, TwoMmapEntrySizeNotAMultipleOf8) {
  EXPECT_EQ(Convert2(InfoBuilder().Tag(mb2::kTagMmap, MmapPayload(28, 0, {{0, 0x1000, 1, 0}})).End().Bytes()),
            "tag_mmap.entry_size[0]: entry size not a multiple of 8 of at least 24: expected 0x18, got 0x1c");
}

TEST_F(MultibootTest, TwoMmapUnknownVersion) {
  EXPECT_EQ(Convert2(InfoBuilder().Tag(mb2::kTagMmap, MmapPayload(24, 1, {{0, 0x1000, 1, 0}})).End().Bytes()),
            "tag_mmap.entry_version[0]: unknown entry version: expected 0x0, got 0x1");
}

TEST_F(MultibootTest, TwoLargerMmapEntriesAreSteppedByEntrySize) {
  ASSERT_EQ(Convert2(InfoBuilder().Tag(mb2::kTagMmap, MmapPayload(32, 0, {{0, 0x9fc00, 1, 0}, {0x100000, 0x1000, 1, 0}})).End().Bytes()),
            "ok");
  EXPECT_EQ(params_.e820_entries, 2);
}

TEST_F(MultibootTest, TwoModuleTooSmall) {
  EXPECT_EQ(Convert2(InfoBuilder().Tag(mb2::kTagModule, {0, 0, 0, 0}).End().Bytes()),
            "tag_module.size[0]: module tag too small: expected 0x11, got 0xc");
}

TEST_F(MultibootTest, TwoUnknownTagsAreSkippedAndCounted) {
  ASSERT_EQ(Convert2(InfoBuilder().Tag(100, {1}).Tag(101, {}).Tag(mb2::kTagBootdev, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}).End().Bytes()),
            "ok");
  EXPECT_EQ(descriptor_.unknown_items, 3u);
}

// The firmware: Multiboot 2 EFI tags say UEFI; without them (and without a BIOS data area in
// this test memory, which does not reach 0x400) it is none.
TEST_F(MultibootTest, Multiboot2EfiTagsMeanUefi) {
  bootabi::efi::EFI_SYSTEM_TABLE table{};  // no configuration tables: no RSDP there
  const uint64_t address = memory_.Place(table);
  std::vector<uint8_t> pointer(8);
  std::memcpy(pointer.data(), &address, 8);
  ASSERT_EQ(Convert2(InfoBuilder().Tag(mb2::kTagEfi64SystemTable, pointer).End().Bytes()), "ok");
  EXPECT_EQ(descriptor_.efi_system_table, address);
  EXPECT_EQ(descriptor_.firmware, static_cast<uint8_t>(bootabi::Firmware::kUefi));
  EXPECT_EQ(descriptor_.unknown_items, 0u);
}

TEST_F(MultibootTest, Multiboot2WithoutEfiTagsOrBiosDataAreaIsNone) {
  ASSERT_EQ(Convert2(InfoBuilder().Tag(mb2::kTagCmdline, {'x', 0}).End().Bytes()), "ok");
  EXPECT_EQ(descriptor_.firmware, static_cast<uint8_t>(bootabi::Firmware::kNone));
}


// An RGB framebuffer tag: the common part, then the colour info (red, green, blue: position, size).
std::vector<uint8_t> FramebufferPayload(uint8_t type, std::vector<uint8_t> color_info) {
  mb2::tag_framebuffer_common common{};
  common.framebuffer_addr = 0xfc000000;
  common.framebuffer_pitch = 4096;
  common.framebuffer_width = 1024;
  common.framebuffer_height = 768;
  common.framebuffer_bpp = 32;
  common.framebuffer_type = type;
  std::vector<uint8_t> payload(sizeof(common) - 8);
  std::memcpy(payload.data(), reinterpret_cast<const uint8_t*>(&common) + 8, payload.size());
  payload.insert(payload.end(), color_info.begin(), color_info.end());
  return payload;
}

TEST_F(MultibootTest, TwoFramebufferChannels) {
  ASSERT_EQ(Convert2(InfoBuilder().Tag(mb2::kTagFramebuffer, FramebufferPayload(1, {0, 8, 8, 8, 16, 8})).End().Bytes()),
            "ok");
  EXPECT_EQ(descriptor_.framebuffer_addr, 0xfc000000u);
  EXPECT_EQ(descriptor_.framebuffer_red.shift, 0);
  EXPECT_EQ(descriptor_.framebuffer_red.size, 8);
  EXPECT_EQ(descriptor_.framebuffer_green.shift, 8);
  EXPECT_EQ(descriptor_.framebuffer_blue.shift, 16);
  EXPECT_EQ(descriptor_.framebuffer_reserved.shift, 24);
}

TEST_F(MultibootTest, TwoRgbFramebufferWithoutColourInfo) {
  EXPECT_EQ(Convert2(InfoBuilder().Tag(mb2::kTagFramebuffer, FramebufferPayload(1, {})).End().Bytes()),
            "tag_framebuffer.size[0]: RGB framebuffer tag without its colour info: expected 0x26, got 0x20");
}

TEST_F(MultibootTest, TwoOverlappingChannels) {
  EXPECT_EQ(Convert2(InfoBuilder().Tag(mb2::kTagFramebuffer, FramebufferPayload(1, {0, 8, 4, 8, 16, 8})).End().Bytes()),
            "tag_framebuffer[0]: two colour channels share bits: expected 0x0, got 0xf0");
}

TEST_F(MultibootTest, TwoEgaTextHasNoChannels) {
  ASSERT_EQ(Convert2(InfoBuilder().Tag(mb2::kTagFramebuffer, FramebufferPayload(2, {})).End().Bytes()), "ok");
  EXPECT_EQ(descriptor_.framebuffer_type, 2);
  EXPECT_EQ(descriptor_.framebuffer_red.size, 0);
}

}  // namespace

