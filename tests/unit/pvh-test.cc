// SPDX-License-Identifier: MIT
// hvm_start_info -> boot_params: well-formed and malformed inputs, one defect per test.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "abi/hvm-start-info.h"
#include "base/string-buffer.h"
#include "bootinfo/pvh.h"
#include "support/acpi-builder.h"
#include "support/fake-memory.h"

namespace {

using bootabi::hvm_memmap_table_entry;
using bootabi::hvm_modlist_entry;
using bootabi::hvm_start_info;
using testing_support::FakeMemory;

constexpr uint32_t kRam = 1, kReserved = 2, kAcpi = 3;

std::string ToHex(uint64_t value) {
  char text[24];
  std::snprintf(text, sizeof(text), "%llx", static_cast<unsigned long long>(value));
  return text;
}

class PvhTest : public ::testing::Test {
 protected:
  PvhTest() {
    handoff_ = bootinfo::Handoff{&params_, &descriptor_, command_line_, sizeof(command_line_),
                                 0x5000, 0x6000, module_strings_, 0x7000};
  }

  hvm_start_info MakeInfo(uint32_t version = 1) {
    hvm_start_info info{};
    info.magic = bootabi::kHvmStartMagic;
    info.version = version;
    return info;
  }

  base::Result<> Convert(const hvm_start_info& info) {
    const uint64_t address = memory_.Place(info);
    return Convert(address);
  }
  base::Result<> Convert(uint64_t address) {
    return bootinfo::ConvertPvh(memory_.View(), address, handoff_, scratch_);
  }

  static std::string Message(const base::Result<>& result) {
    if (result.ok()) return "ok";
    base::StringBuffer<256> text;
    base::Describe(result.error(), text);
    return text.c_str();
  }

  FakeMemory memory_;
  bootabi::boot_params params_{};
  bootabi::boot_descriptor descriptor_{};
  char command_line_[bootabi::kCommandLineSize];
  char module_strings_[bootabi::kBootDescriptorMaxModules * bootabi::kBootModuleStringSize];
  bootinfo::Handoff handoff_{};
  bootinfo::E820Scratch scratch_{};
};

TEST_F(PvhTest, MinimalV1FillsHeaderAndDescriptor) {
  const hvm_start_info info = MakeInfo();
  const uint64_t address = memory_.Place(info);
  ASSERT_EQ(Message(Convert(address)), "ok");
  EXPECT_EQ(params_.hdr.header, bootabi::kSetupHeaderMagic);
  EXPECT_EQ(params_.hdr.hardware_subarch, 0u);  // PVH is X86_SUBARCH_PC, as in Linux
  EXPECT_EQ(params_.hdr.hardware_subarch_data, 0x5000u);
  EXPECT_EQ(bootabi::CommandLineAddress(params_), 0x6000u);
  EXPECT_EQ(params_.e820_entries, 0);
  EXPECT_EQ(descriptor_.magic, bootabi::kBootDescriptorMagic);
  EXPECT_EQ(descriptor_.version, bootabi::kBootDescriptorVersion);
  EXPECT_EQ(descriptor_.entry, static_cast<uint8_t>(bootabi::BootEntry::kPvh));
  EXPECT_EQ(descriptor_.original_info_paddr, address);
  EXPECT_EQ(descriptor_.original_info_size, 56u);
  EXPECT_STREQ(command_line_, "");
}

TEST_F(PvhTest, BadMagic) {
  hvm_start_info info = MakeInfo();
  info.magic = 0xdeadbeef;
  EXPECT_EQ(Message(Convert(info)), "hvm_start_info.magic: bad magic: expected 0x336ec578, got 0xdeadbeef");
}

TEST_F(PvhTest, AddressZeroIsAbsent) {
  EXPECT_EQ(Message(Convert(0)), "ebx: start info address is 0 (absent)");
}

TEST_F(PvhTest, StartInfoOutsideMemory) {
  EXPECT_EQ(Message(Convert(memory_.end() - 2)),
            "hvm_start_info.magic: outside readable memory: expected 0x20000, got 0x20002");
}

TEST_F(PvhTest, VersionZeroReadsOnly40Bytes) {
  // A v0 structure placed so that its 40 bytes end exactly at the end of memory: reading the
  // v1 fields would run past it.
  hvm_start_info info = MakeInfo(0);
  const uint64_t address = memory_.end() - bootabi::kHvmStartInfoSizeV0;
  memory_.WriteBytes(address, &info, bootabi::kHvmStartInfoSizeV0);
  ASSERT_EQ(Message(Convert(address)), "ok");
  EXPECT_EQ(descriptor_.original_info_size, 40u);
}

TEST_F(PvhTest, VersionZeroIgnoresMemoryMapFields) {
  // Bytes 40..55 of a v0 structure are not ours to read; garbage there must not be a map.
  hvm_start_info info = MakeInfo(0);
  info.memmap_paddr = 0x12345678;
  info.memmap_entries = 99;
  ASSERT_EQ(Message(Convert(info)), "ok");
  EXPECT_EQ(params_.e820_entries, 0);
  EXPECT_EQ(descriptor_.memmap_entries_in, 0u);
}

TEST_F(PvhTest, LaterVersionIsReadAsVersionOne) {
  std::vector<hvm_memmap_table_entry> map = {{0, 0x9fc00, kRam, 0}};
  hvm_start_info info = MakeInfo(7);
  info.memmap_paddr = memory_.PlaceArray(map);
  info.memmap_entries = 1;
  ASSERT_EQ(Message(Convert(info)), "ok");
  EXPECT_EQ(descriptor_.original_info_size, 56u);
  EXPECT_EQ(params_.e820_entries, 1);
}

TEST_F(PvhTest, MemoryMapIsCopiedSortedAndMerged) {
  std::vector<hvm_memmap_table_entry> map = {
      {0x100000, 0x7ee0000, kRam, 0},
      {0, 0x9fc00, kRam, 0},
      {0x9fc00, 0x400, kReserved, 0},
      {0xf0000, 0x10000, kReserved, 0},
      {0x7fe0000, 0x20000, kAcpi, 0},
  };
  hvm_start_info info = MakeInfo();
  info.memmap_paddr = memory_.PlaceArray(map);
  info.memmap_entries = static_cast<uint32_t>(map.size());
  ASSERT_EQ(Message(Convert(info)), "ok");
  ASSERT_EQ(params_.e820_entries, 5);
  EXPECT_EQ(params_.e820_table[0].addr, 0u);
  EXPECT_EQ(params_.e820_table[1].addr, 0x9fc00u);
  EXPECT_EQ(params_.e820_table[3].addr, 0x100000u);
  EXPECT_EQ(params_.e820_table[4].type, kAcpi);
  EXPECT_EQ(descriptor_.memmap_entries_in, 5u);
  EXPECT_EQ(descriptor_.memmap_entries_dropped, 0u);
}

TEST_F(PvhTest, ZeroLengthAndWrappingEntriesAreDropped) {
  std::vector<hvm_memmap_table_entry> map = {
      {0, 0x9fc00, kRam, 0},
      {0, 0, 0, 0},  // microvm's trailing all-zero entry
      {0xffffffffffff0000, 0x20000, kRam, 0},  // wraps past 2^64
  };
  hvm_start_info info = MakeInfo();
  info.memmap_paddr = memory_.PlaceArray(map);
  info.memmap_entries = 3;
  ASSERT_EQ(Message(Convert(info)), "ok");
  EXPECT_EQ(params_.e820_entries, 1);
  EXPECT_EQ(descriptor_.memmap_entries_dropped, 2u);
}

TEST_F(PvhTest, OverlappingRangesResolveToTheStricterType) {
  std::vector<hvm_memmap_table_entry> map = {
      {0x0, 0x200000, kRam, 0},
      {0x100000, 0x1000, kReserved, 0},  // a hole punched into RAM
  };
  hvm_start_info info = MakeInfo();
  info.memmap_paddr = memory_.PlaceArray(map);
  info.memmap_entries = 2;
  ASSERT_EQ(Message(Convert(info)), "ok");
  ASSERT_EQ(params_.e820_entries, 3);
  EXPECT_EQ(params_.e820_table[0].addr, 0u);
  EXPECT_EQ(params_.e820_table[0].size, 0x100000u);
  EXPECT_EQ(params_.e820_table[1].type, kReserved);
  EXPECT_EQ(params_.e820_table[2].addr, 0x101000u);
  EXPECT_EQ(params_.e820_table[2].size, 0xff000u);
}

TEST_F(PvhTest, MoreThan128EntriesAreClamped) {
  std::vector<hvm_memmap_table_entry> map;
  for (uint64_t i = 0; i < 200; ++i) map.push_back({i * 0x2000, 0x1000, kRam, 0});
  hvm_start_info info = MakeInfo();
  info.memmap_paddr = memory_.PlaceArray(map);
  info.memmap_entries = 200;
  ASSERT_EQ(Message(Convert(info)), "ok");
  EXPECT_EQ(params_.e820_entries, 128);
  EXPECT_EQ(descriptor_.memmap_entries_dropped, 72u);
}

TEST_F(PvhTest, MemoryMapCountPastMemoryIsAnError) {
  hvm_start_info info = MakeInfo();
  info.memmap_paddr = memory_.base() + 0x100;
  info.memmap_entries = 0xffffffff;
  EXPECT_EQ(Message(Convert(info)),
            "hvm_start_info.memmap_paddr: outside readable memory: expected 0x20000, got 0x18000100e8");
}

TEST_F(PvhTest, MemoryMapAtAddressZeroIsAnError) {
  hvm_start_info info = MakeInfo();
  info.memmap_entries = 3;
  EXPECT_EQ(Message(Convert(info)),
            "hvm_start_info.memmap_paddr: memory map entries listed but the map is absent");
}

TEST_F(PvhTest, MemoryMapPointerThatOverflows) {
  hvm_start_info info = MakeInfo();
  info.memmap_paddr = 0xfffffffffffffff0;
  info.memmap_entries = 2;
  EXPECT_EQ(Message(Convert(info)),
            "hvm_start_info.memmap_paddr: outside readable memory: expected 0x20000, got 0xfffffffffffffff0");
}

TEST_F(PvhTest, CommandLineIsCopied) {
  hvm_start_info info = MakeInfo();
  info.cmdline_paddr = memory_.PlaceString("console=ttyS0 quiet");
  ASSERT_EQ(Message(Convert(info)), "ok");
  EXPECT_STREQ(command_line_, "console=ttyS0 quiet");
  EXPECT_EQ(descriptor_.cmdline_truncated, 0u);
}

TEST_F(PvhTest, LongCommandLineIsTruncatedAndFlagged) {
  const std::string text(5000, 'x');
  hvm_start_info info = MakeInfo();
  info.cmdline_paddr = memory_.PlaceString(text.c_str());
  ASSERT_EQ(Message(Convert(info)), "ok");
  EXPECT_EQ(std::string(command_line_), std::string(bootabi::kCommandLineSize - 1, 'x'));
  EXPECT_EQ(descriptor_.cmdline_truncated, 1u);
}

TEST_F(PvhTest, CommandLineWithoutTerminatorIsAnError) {
  hvm_start_info info = MakeInfo();
  const char tail[] = {'a', 'b', 'c'};
  const uint64_t address = memory_.end() - sizeof(tail);
  memory_.WriteBytes(address, tail, sizeof(tail));
  info.cmdline_paddr = address;
  EXPECT_EQ(Message(Convert(info)),
            "hvm_start_info.cmdline_paddr: not NUL-terminated before the end of readable memory: "
            "expected 0x20000, got 0x20000");
  EXPECT_STREQ(command_line_, "");
}

TEST_F(PvhTest, CommandLineOutsideMemoryIsAnError) {
  hvm_start_info info = MakeInfo();
  info.cmdline_paddr = 0x900000;
  EXPECT_EQ(Message(Convert(info)),
            "hvm_start_info.cmdline_paddr: outside readable memory: expected 0x20000, got 0x900000");
}

TEST_F(PvhTest, FirstModuleBecomesTheInitrdAndAllAreRecorded) {
  const uint64_t string = memory_.PlaceString("role=helper");
  std::vector<hvm_modlist_entry> modules = {{0x7f96000, 300000, 0, 0}, {0x8000000, 4096, string, 0}};
  hvm_start_info info = MakeInfo();
  info.modlist_paddr = memory_.PlaceArray(modules);
  info.nr_modules = 2;
  ASSERT_EQ(Message(Convert(info)), "ok");
  EXPECT_EQ(bootabi::RamdiskAddress(params_), 0x7f96000u);
  EXPECT_EQ(bootabi::RamdiskSize(params_), 300000u);
  ASSERT_EQ(descriptor_.module_count, 2u);
  EXPECT_EQ(descriptor_.modules[1].paddr, 0x8000000u);
  // The string is a copy in the handoff area (slot 1), not the loader's.
  EXPECT_EQ(descriptor_.modules[0].cmdline_paddr, 0u);
  EXPECT_EQ(descriptor_.modules[1].cmdline_paddr, 0x7000u + bootabi::kBootModuleStringSize);
  EXPECT_STREQ(module_strings_ + bootabi::kBootModuleStringSize, "role=helper");
  EXPECT_EQ(descriptor_.module_strings_truncated, 0u);
}

TEST_F(PvhTest, ALongModuleStringIsCutAndFlagged) {
  const std::string text(400, 'p');
  const uint64_t string = memory_.PlaceString(text.c_str());
  std::vector<hvm_modlist_entry> modules = {{0x7f96000, 300000, string, 0}};
  hvm_start_info info = MakeInfo();
  info.modlist_paddr = memory_.PlaceArray(modules);
  info.nr_modules = 1;
  ASSERT_EQ(Message(Convert(info)), "ok");
  EXPECT_EQ(std::string(module_strings_), std::string(bootabi::kBootModuleStringSize - 1, 'p'));
  EXPECT_EQ(descriptor_.module_strings_truncated, 1u);
}

TEST_F(PvhTest, AModuleStringPastMemoryIsAnError) {
  std::vector<hvm_modlist_entry> modules = {{0x7f96000, 300000, 0x900000, 0}};
  hvm_start_info info = MakeInfo();
  info.modlist_paddr = memory_.PlaceArray(modules);
  info.nr_modules = 1;
  EXPECT_EQ(Message(Convert(info)), "hvm_modlist_entry[0]: outside readable memory: expected 0x20000, got 0x900000");
}

// The kernel's memory (image, .bss, handoff area, stack) is cleared and written while the boot
// goes on: boot data a loader left there is refused before anything reads or trusts it.
TEST_F(PvhTest, AModuleOverTheKernelIsAnError) {
  handoff_.kernel_start = 0x100000;
  handoff_.kernel_end = 0x17e0f0;
  std::vector<hvm_modlist_entry> modules = {{0x12f000, 200000, 0, 0}};
  hvm_start_info info = MakeInfo();
  info.modlist_paddr = memory_.PlaceArray(modules);
  info.nr_modules = 1;
  EXPECT_EQ(Message(Convert(info)),
            "hvm_modlist_entry[0]: module overlaps the kernel's memory (image, .bss, handoff, stack): "
            "0x12f000-0x15fd3f and 0x100000-0x17e0ef");
  modules[0].paddr = 0x17e0f0;  // just after it
  info.modlist_paddr = memory_.PlaceArray(modules);
  EXPECT_EQ(Message(Convert(info)), "ok");
}

TEST_F(PvhTest, StartInfoInTheKernelsMemoryIsAnError) {
  const hvm_start_info info = MakeInfo();
  const uint64_t address = memory_.Place(info);
  const auto converted =
      bootinfo::ConvertPvh(memory_.View().ReservingKernel(address + 8, address + 0x1000), address, handoff_, scratch_);
  EXPECT_EQ(Message(converted), "hvm_start_info: lies in the kernel's memory (image, .bss, handoff, stack): 0x" +
                                    ToHex(address) + "-0x" + ToHex(address + 55) + " and 0x" + ToHex(address + 8) +
                                    "-0x" + ToHex(address + 0xfff));
}

TEST_F(PvhTest, InitrdAbove4GiBUsesTheExtFields) {
  std::vector<hvm_modlist_entry> modules = {{0x1'2000'0000, 0x1'0000'0000, 0, 0}};
  hvm_start_info info = MakeInfo();
  info.modlist_paddr = memory_.PlaceArray(modules);
  info.nr_modules = 1;
  ASSERT_EQ(Message(Convert(info)), "ok");
  EXPECT_EQ(params_.hdr.ramdisk_image, 0x2000'0000u);
  EXPECT_EQ(params_.ext_ramdisk_image, 1u);
  EXPECT_EQ(params_.ext_ramdisk_size, 1u);
}

TEST_F(PvhTest, ModulesPastTheDescriptorCapacityAreCounted) {
  std::vector<hvm_modlist_entry> modules;
  for (uint64_t i = 0; i < 20; ++i) modules.push_back({0x100000 * (i + 1), 16, 0, 0});
  hvm_start_info info = MakeInfo();
  info.modlist_paddr = memory_.PlaceArray(modules);
  info.nr_modules = 20;
  ASSERT_EQ(Message(Convert(info)), "ok");
  EXPECT_EQ(descriptor_.module_count, bootabi::kBootDescriptorMaxModules);
  EXPECT_EQ(descriptor_.modules_dropped, 4u);
}

TEST_F(PvhTest, ModuleCountPastAnySaneBound) {
  hvm_start_info info = MakeInfo();
  info.modlist_paddr = memory_.base();
  info.nr_modules = 100000;
  EXPECT_EQ(Message(Convert(info)),
            "hvm_start_info.nr_modules: more modules than any loader passes: expected 0x1000, got 0x186a0");
}

TEST_F(PvhTest, ModulesWithoutAList) {
  hvm_start_info info = MakeInfo();
  info.nr_modules = 1;
  EXPECT_EQ(Message(Convert(info)),
            "hvm_start_info.modlist_paddr: modules listed but the list is absent");
}

TEST_F(PvhTest, ModuleAtAddressZero) {
  std::vector<hvm_modlist_entry> modules = {{0x200000, 16, 0, 0}, {0, 16, 0, 0}};
  hvm_start_info info = MakeInfo();
  info.modlist_paddr = memory_.PlaceArray(modules);
  info.nr_modules = 2;
  EXPECT_EQ(Message(Convert(info)), "hvm_modlist_entry[1]: module address is 0 (absent)");
}

TEST_F(PvhTest, ModuleThatWraps) {
  std::vector<hvm_modlist_entry> modules = {{0xfffffffffffff000, 0x2000, 0, 0}};
  hvm_start_info info = MakeInfo();
  info.modlist_paddr = memory_.PlaceArray(modules);
  info.nr_modules = 1;
  EXPECT_EQ(Message(Convert(info)),
            "hvm_modlist_entry[0]: module end wraps past 2^64: expected 0xfff, got 0x2000");
}

TEST_F(PvhTest, RsdpIsRecordedAndZeroMeansAbsent) {
  const std::vector<uint8_t> rsdp = testing_support::MakeRsdp();
  hvm_start_info info = MakeInfo();
  info.rsdp_paddr = memory_.PlaceBytes(rsdp.data(), rsdp.size(), 16);
  ASSERT_EQ(Message(Convert(info)), "ok");
  EXPECT_EQ(params_.acpi_rsdp_addr, info.rsdp_paddr);
  // Absent, and no BIOS area in this memory: none.
  info.rsdp_paddr = 0;
  ASSERT_EQ(Message(Convert(info)), "ok");
  EXPECT_EQ(params_.acpi_rsdp_addr, 0u);
}

TEST_F(PvhTest, AnRsdpThatIsNotOneIsAnError) {
  std::vector<uint8_t> rsdp = testing_support::MakeRsdp();
  rsdp[9] ^= 1;  // an OEM byte: the checksum no longer holds
  hvm_start_info info = MakeInfo();
  info.rsdp_paddr = memory_.PlaceBytes(rsdp.data(), rsdp.size(), 16);
  EXPECT_EQ(Message(Convert(info)).rfind("hvm_start_info.rsdp_paddr: no valid RSDP there (signature, checksums)", 0), 0u);
}

TEST_F(PvhTest, ConversionStartsFromZeroedOutputs) {
  std::memset(&params_, 0xaa, sizeof(params_));
  std::memset(&descriptor_, 0xaa, sizeof(descriptor_));
  ASSERT_EQ(Message(Convert(MakeInfo())), "ok");
  EXPECT_EQ(params_.e820_entries, 0);
  EXPECT_EQ(params_.acpi_rsdp_addr, 0u);
  EXPECT_EQ(descriptor_.module_count, 0u);
  EXPECT_EQ(descriptor_.translation_error[0], '\0');
}

}  // namespace
