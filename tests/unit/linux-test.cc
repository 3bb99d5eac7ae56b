// SPDX-License-Identifier: MIT
// A loader-filled zero page -> boot_params: well-formed and malformed inputs, one defect each.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/string-buffer.h"
#include "bootinfo/linux.h"
#include "support/acpi-builder.h"
#include "support/fake-memory.h"

namespace {

using bootabi::boot_e820_entry;
using bootabi::boot_params;
using testing_support::FakeMemory;

class LinuxTest : public ::testing::Test {
 protected:
  LinuxTest() : memory_(0x10000, 256 * 1024) {
    handoff_ = bootinfo::Handoff{&out_, &descriptor_, command_line_, sizeof(command_line_), 0x5000, 0x6000};
    in_.hdr.header = bootabi::kSetupHeaderMagic;
    in_.hdr.version = 0x020c;
    in_.hdr.cmdline_size = 2047;
    in_.hdr.type_of_loader = 0xb0;
  }

  std::string Convert(bootabi::BootEntry entry = bootabi::BootEntry::kLinux64) {
    address_ = memory_.Place(in_);
    const auto result = bootinfo::ConvertLinux(memory_.View(), address_, entry, handoff_, scratch_);
    if (result.ok()) return "ok";
    base::StringBuffer<256> text;
    base::Describe(result.error(), text);
    return text.c_str();
  }

  uint64_t PlaceSetupData(uint32_t type, const std::vector<uint8_t>& payload, uint64_t next = 0) {
    std::vector<uint8_t> node(sizeof(bootabi::setup_data) + payload.size());
    const bootabi::setup_data header{next, type, static_cast<uint32_t>(payload.size())};
    std::memcpy(node.data(), &header, sizeof(header));
    std::memcpy(node.data() + sizeof(header), payload.data(), payload.size());
    return memory_.PlaceBytes(node.data(), node.size(), 8);
  }

  // The loader's way with a long map: the first 128 in the zero page, the rest in one
  // SETUP_E820_EXT node.
  void PassMap(const std::vector<boot_e820_entry>& ranges) {
    in_.e820_entries = bootabi::kE820MaxEntriesZeroPage;
    std::memcpy(in_.e820_table, ranges.data(), sizeof(in_.e820_table));
    std::vector<uint8_t> bytes((ranges.size() - bootabi::kE820MaxEntriesZeroPage) * sizeof(boot_e820_entry));
    std::memcpy(bytes.data(), ranges.data() + bootabi::kE820MaxEntriesZeroPage, bytes.size());
    in_.hdr.setup_data = PlaceSetupData(bootabi::kSetupE820Ext, bytes);
  }

  FakeMemory memory_;
  boot_params in_{};
  uint64_t address_ = 0;
  boot_params out_{};
  bootabi::boot_descriptor descriptor_{};
  char command_line_[bootabi::kCommandLineSize];
  bootinfo::Handoff handoff_{};
  bootinfo::E820Scratch scratch_{};
};

TEST_F(LinuxTest, KeepsTheLoadersFieldsAndPointsAtOurDescriptor) {
  const std::vector<uint8_t> rsdp = testing_support::MakeRsdp();
  in_.hdr.hardware_subarch_data = 0x1234;
  in_.acpi_rsdp_addr = memory_.PlaceBytes(rsdp.data(), rsdp.size(), 16);
  ASSERT_EQ(Convert(bootabi::BootEntry::kLinux16), "ok");
  EXPECT_EQ(out_.hdr.type_of_loader, 0xb0);
  EXPECT_EQ(out_.acpi_rsdp_addr, in_.acpi_rsdp_addr);
  EXPECT_EQ(out_.hdr.hardware_subarch_data, 0x5000u);
  EXPECT_EQ(descriptor_.loader_subarch_data, 0x1234u);
  EXPECT_EQ(descriptor_.entry, static_cast<uint8_t>(bootabi::BootEntry::kLinux16));
  EXPECT_EQ(descriptor_.original_info_paddr, address_);
  EXPECT_EQ(descriptor_.original_info_size, 4096u);
}

TEST_F(LinuxTest, ZeroPageAddressZero) {
  EXPECT_EQ(bootinfo::ConvertLinux(memory_.View(), 0, bootabi::BootEntry::kLinux64, handoff_, scratch_)
                .error()
                .what,
            std::string("zero page address is 0 (absent)"));
}

TEST_F(LinuxTest, ZeroPagePastMemory) {
  const auto result = bootinfo::ConvertLinux(memory_.View(), memory_.end() - 100,
                                             bootabi::BootEntry::kLinux64, handoff_, scratch_);
  base::StringBuffer<256> text;
  base::Describe(result.error(), text);
  EXPECT_STREQ(text.c_str(), "boot_params: outside readable memory: expected 0x50000, got 0x50f9c");
}

TEST_F(LinuxTest, BadHeaderMagic) {
  in_.hdr.header = 0;
  EXPECT_EQ(Convert(), "boot_params.hdr.header: bad setup header magic: expected 0x53726448, got 0x0");
}

TEST_F(LinuxTest, UnknownSubarch) {
  in_.hdr.hardware_subarch = 7;
  EXPECT_EQ(Convert(), "boot_params.hdr.hardware_subarch: unknown hardware subarch: expected 0x4, got 0x7");
}

TEST_F(LinuxTest, XenSubarchIsHonoured) {
  in_.hdr.hardware_subarch = static_cast<uint32_t>(bootabi::HardwareSubarch::kXen);
  ASSERT_EQ(Convert(), "ok");
  EXPECT_EQ(out_.hdr.hardware_subarch, 2u);
}

TEST_F(LinuxTest, CommandLineSplitAcrossLowAndExtFields) {
  const uint64_t text = memory_.PlaceString("root=/dev/vda quiet");
  bootabi::SetCommandLineAddress(in_, text);
  ASSERT_EQ(Convert(), "ok");
  EXPECT_STREQ(command_line_, "root=/dev/vda quiet");
  EXPECT_EQ(bootabi::CommandLineAddress(out_), 0x6000u);
}

TEST_F(LinuxTest, CommandLineIsBoundedByCmdlineSize) {
  in_.hdr.cmdline_size = 4;
  bootabi::SetCommandLineAddress(in_, memory_.PlaceString("abcdefgh"));
  ASSERT_EQ(Convert(), "ok");
  EXPECT_STREQ(command_line_, "abcd");
  EXPECT_EQ(descriptor_.cmdline_truncated, 1u);
}

TEST_F(LinuxTest, CommandLineWithoutTerminator) {
  const char tail[] = {'x', 'y'};
  const uint64_t address = memory_.end() - sizeof(tail);
  memory_.WriteBytes(address, tail, sizeof(tail));
  bootabi::SetCommandLineAddress(in_, address);
  EXPECT_EQ(Convert(), "boot_params.hdr.cmd_line_ptr: not NUL-terminated before the end of readable "
                       "memory: expected 0x50000, got 0x50000");
}

TEST_F(LinuxTest, CommandLinePastMemory) {
  bootabi::SetCommandLineAddress(in_, 0x1'0000'0000);
  EXPECT_EQ(Convert(), "boot_params.hdr.cmd_line_ptr: outside readable memory: expected 0x50000, got 0x100000000");
}

TEST_F(LinuxTest, E820IsSanitised) {
  in_.e820_entries = 4;
  in_.e820_table[0] = {0x100000, 0x7ee0000, 1};
  in_.e820_table[1] = {0, 0x9fc00, 1};
  in_.e820_table[2] = {0x9fc00, 0, 2};  // zero length: dropped
  in_.e820_table[3] = {0x100000, 0x1000, 2};  // overlaps RAM: reserved wins
  ASSERT_EQ(Convert(), "ok");
  ASSERT_EQ(out_.e820_entries, 3);
  EXPECT_EQ(out_.e820_table[0].addr, 0u);
  EXPECT_EQ(out_.e820_table[1].type, 2u);
  EXPECT_EQ(out_.e820_table[2].addr, 0x101000u);
  EXPECT_EQ(descriptor_.memmap_entries_dropped, 1u);
}

TEST_F(LinuxTest, E820CountPastTheTable) {
  in_.e820_entries = 200;
  EXPECT_EQ(Convert(), "boot_params.e820_entries: more entries than e820_table holds: expected 0x80, got 0xc8");
}

TEST_F(LinuxTest, SetupDataE820ExtEntriesJoinTheMap) {
  in_.e820_entries = 1;
  in_.e820_table[0] = {0, 0x9fc00, 1};
  std::vector<boot_e820_entry> extra = {{0x100000, 0x100000, 1}, {0xfee00000, 0x1000, 2}};
  std::vector<uint8_t> bytes(extra.size() * sizeof(boot_e820_entry));
  std::memcpy(bytes.data(), extra.data(), bytes.size());
  const uint64_t other = PlaceSetupData(bootabi::kSetupDtb, {1, 2, 3});
  in_.hdr.setup_data = PlaceSetupData(bootabi::kSetupE820Ext, bytes, other);
  ASSERT_EQ(Convert(), "ok");
  EXPECT_EQ(out_.e820_entries, 3);
  EXPECT_EQ(descriptor_.setup_data_nodes, 2u);
  EXPECT_EQ(descriptor_.e820_ext_entries, 2u);
  EXPECT_EQ(out_.hdr.setup_data, 0u);  // the loader's chain: taken, not handed on
}

// 128 ranges in the zero page and 172 more in a SETUP_E820_EXT node, as Linux's EFI stub
// passes a large firmware map: RAM pages with a reserved page between each, so that nothing
// merges.
std::vector<boot_e820_entry> AlternatingRanges(uint32_t count) {
  std::vector<boot_e820_entry> ranges;
  for (uint32_t i = 0; i < count; ++i) ranges.push_back({0x100000 + uint64_t{i} * 0x1000, 0x1000, i % 2 == 0 ? 1u : 2u});
  return ranges;
}

TEST_F(LinuxTest, MapPastTheZeroPageIsKeptWhole) {
  const std::vector<boot_e820_entry> ranges = AlternatingRanges(300);
  PassMap(ranges);
  std::vector<boot_e820_entry> whole(bootabi::kBootMemoryMapMaxEntries);
  handoff_.memory_map = whole.data();
  handoff_.memory_map_address = 0x7000;
  ASSERT_EQ(Convert(), "ok");
  EXPECT_EQ(descriptor_.memmap_entries_in, 300u);
  EXPECT_EQ(descriptor_.memmap_entries_dropped, 0u);
  EXPECT_EQ(descriptor_.memory_map_paddr, 0x7000u);
  ASSERT_EQ(descriptor_.memory_map_entries, 300u);
  for (uint32_t i = 0; i < 300; ++i) {
    EXPECT_EQ(whole[i].addr, ranges[i].addr) << i;
    EXPECT_EQ(whole[i].type, ranges[i].type) << i;
  }
  // The zero page holds the first 128, as Linux's does.
  ASSERT_EQ(out_.e820_entries, 128);
  EXPECT_EQ(out_.e820_table[127].addr, ranges[127].addr);
}

TEST_F(LinuxTest, MapPastTheZeroPageWithoutWholeMapStorageCountsWhatWasLost) {
  const std::vector<boot_e820_entry> ranges = AlternatingRanges(300);
  PassMap(ranges);
  ASSERT_EQ(Convert(), "ok");
  EXPECT_EQ(out_.e820_entries, 128);
  EXPECT_EQ(descriptor_.memmap_entries_dropped, 172u);
  EXPECT_EQ(descriptor_.memory_map_entries, 0u);
}

TEST_F(LinuxTest, SetupDataLoop) {
  const uint64_t first = PlaceSetupData(bootabi::kSetupDtb, {0});
  const uint64_t second = PlaceSetupData(bootabi::kSetupDtb, {0}, first);
  bootabi::setup_data header{second, bootabi::kSetupDtb, 1};
  memory_.WriteBytes(first, &header, sizeof(header));  // first -> second -> first
  in_.hdr.setup_data = first;
  EXPECT_EQ(Convert(), "setup_data.next[1]: setup_data chain loops back to an earlier node: expected 0x0, got 0x" +
                           [&] {
                             base::StringBuffer<32> hex;
                             hex.AppendHex(first);
                             return std::string(hex.c_str() + 2);
                           }());
}

TEST_F(LinuxTest, SetupDataSelfLoop) {
  const uint64_t node = PlaceSetupData(bootabi::kSetupDtb, {0});
  bootabi::setup_data header{node, bootabi::kSetupDtb, 1};
  memory_.WriteBytes(node, &header, sizeof(header));
  in_.hdr.setup_data = node;
  EXPECT_NE(Convert().find("setup_data chain loops back to an earlier node"), std::string::npos);
}

TEST_F(LinuxTest, SetupDataMisaligned) {
  in_.hdr.setup_data = PlaceSetupData(bootabi::kSetupDtb, {0}) + 4;
  EXPECT_NE(Convert().find("setup_data[0]: setup_data node not 8-byte aligned"), std::string::npos);
}

TEST_F(LinuxTest, SetupDataPastMemory) {
  in_.hdr.setup_data = 0x7fff0000;
  EXPECT_EQ(Convert(), "setup_data: outside readable memory: expected 0x50000, got 0x7fff0010");
}

TEST_F(LinuxTest, SetupDataPayloadPastMemory) {
  const uint64_t node = memory_.end() - sizeof(bootabi::setup_data);
  bootabi::setup_data header{0, bootabi::kSetupDtb, 64};
  memory_.WriteBytes(node, &header, sizeof(header));
  in_.hdr.setup_data = node;
  EXPECT_EQ(Convert(), "setup_data.len[0]: outside readable memory: expected 0x50000, got 0x50040");
}

TEST_F(LinuxTest, SetupDataE820ExtWithPartialEntry) {
  in_.hdr.setup_data = PlaceSetupData(bootabi::kSetupE820Ext, std::vector<uint8_t>(30));
  EXPECT_EQ(Convert(), "setup_data.len[0]: SETUP_E820_EXT length is not a whole number of entries: expected 0x14, got 0x1e");
}

TEST_F(LinuxTest, InitrdBecomesModuleZero) {
  bootabi::SetRamdisk(in_, 0x7f96000, 300000);
  ASSERT_EQ(Convert(), "ok");
  EXPECT_EQ(descriptor_.module_count, 1u);
  EXPECT_EQ(descriptor_.modules[0].paddr, 0x7f96000u);
  EXPECT_EQ(bootabi::RamdiskSize(out_), 300000u);
}

TEST_F(LinuxTest, InitrdThatWraps) {
  bootabi::SetRamdisk(in_, 0xffff'ffff'ffff'0000, 0x20000);
  EXPECT_EQ(Convert(), "boot_params.hdr.ramdisk_size: ramdisk end wraps past 2^64: expected 0xffff, got 0x20000");
}

TEST_F(LinuxTest, InitrdSizeWithoutAddress) {
  bootabi::SetRamdisk(in_, 0, 4096);
  EXPECT_EQ(Convert(), "boot_params.hdr.ramdisk_image: ramdisk size given but its address is 0");
}

// A loader that ran under UEFI signs efi_info ("EL64" or "EL32"): the firmware is UEFI whichever
// entry it took (GRUB EFI's `linux` enters linux32). Anything else leaves the BIOS data area
// probe to decide, and this test memory has none.
TEST_F(LinuxTest, EfiLoaderSignatureMeansUefi) {
  for (uint32_t signature : {bootabi::kEfi64LoaderSignature, bootabi::kEfi32LoaderSignature}) {
    in_.efi_info.efi_loader_signature = signature;
    ASSERT_EQ(Convert(bootabi::BootEntry::kLinux32), "ok");
    EXPECT_EQ(descriptor_.firmware, static_cast<uint8_t>(bootabi::Firmware::kUefi));
  }
  in_.efi_info.efi_loader_signature = 0x12345678;  // a stale or foreign value is not UEFI
  ASSERT_EQ(Convert(bootabi::BootEntry::kLinux32), "ok");
  EXPECT_EQ(descriptor_.firmware, static_cast<uint8_t>(bootabi::Firmware::kNone));
}

}  // namespace

