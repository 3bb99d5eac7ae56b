// SPDX-License-Identifier: MIT
// Xen PV start_info -> boot_params: well-formed and malformed inputs.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "abi/xen.h"
#include "base/string-buffer.h"
#include "bootinfo/xen-pv.h"
#include "support/fake-memory.h"

namespace {

namespace xen = bootabi::xen;
using testing_support::FakeMemory;

class XenPvTest : public ::testing::Test {
 protected:
  // 256 KiB of initial mapping: start_info first, then the 128 KiB frame list of 16384 pages
  // and four page-table frames, as Xen lays them out.
  XenPvTest() : memory_(0x100000, 256 * 1024) {
    handoff_ = bootinfo::Handoff{&params_, &descriptor_, command_line_, sizeof(command_line_), 0x5000, 0x6000};
    std::memcpy(info_.magic, "xen-3.0-x86_64", 15);
    info_.nr_pages = 16384;
    info_.shared_info = 0x12345000;  // a machine address: not in the guest's memory
    info_.flags = xen::kSifPrivileged | xen::kSifInitDomain;
    std::strcpy(info_.cmd_line, "hello dom0");
    info_.mfn_list = memory_.base() + 0x10000;
    info_.pt_base = memory_.base() + 0x30000;
    info_.nr_pt_frames = 4;
  }
  std::string Convert() {
    const uint64_t address = memory_.Place(info_);
    const auto result = bootinfo::ConvertXenPv(memory_.View(), address, handoff_, scratch_);
    if (result.ok()) return "ok";
    base::StringBuffer<256> text;
    base::Describe(result.error(), text);
    return text.c_str();
  }

  FakeMemory memory_;
  xen::start_info info_{};
  bootabi::boot_params params_{};
  bootabi::boot_descriptor descriptor_{};
  char command_line_[bootabi::kCommandLineSize];
  bootinfo::Handoff handoff_{};
  bootinfo::E820Scratch scratch_{};
};

TEST_F(XenPvTest, Dom0StartInfo) {
  ASSERT_EQ(Convert(), "ok");
  EXPECT_EQ(params_.hdr.hardware_subarch, static_cast<uint32_t>(bootabi::HardwareSubarch::kXen));
  EXPECT_EQ(params_.hdr.type_of_loader, 0x90);
  EXPECT_EQ(descriptor_.entry, static_cast<uint8_t>(bootabi::BootEntry::kXenPv));
  EXPECT_STREQ(command_line_, "hello dom0");
  ASSERT_EQ(params_.e820_entries, 1);
  EXPECT_EQ(params_.e820_table[0].addr, 0u);
  EXPECT_EQ(params_.e820_table[0].size, 64u << 20);
  EXPECT_EQ(descriptor_.original_info_size, sizeof(xen::start_info));
  EXPECT_EQ(descriptor_.xen_pv_shared_info, 0x12345000u);
}

TEST_F(XenPvTest, SharedInfoNotAPage) {
  info_.shared_info = 0x12345008;
  EXPECT_EQ(Convert(), "start_info.shared_info: shared info is not a nonzero machine address aligned as a page: expected 0x1000, got 0x12345008");
}

TEST_F(XenPvTest, NoSharedInfo) {
  info_.shared_info = 0;
  EXPECT_EQ(Convert(), "start_info.shared_info: shared info is not a nonzero machine address aligned as a page: expected 0x1000, got 0x0");
}

// What Xen built and the kernel goes on using is kept as in use: the frame list, start_info's
// page and the bootstrap page tables, at the addresses start_info gives.
TEST_F(XenPvTest, KeepsTheFrameListStartInfoAndPageTables) {
  ASSERT_EQ(Convert(), "ok");
  ASSERT_EQ(descriptor_.loader_range_count, 3u);
  EXPECT_EQ(descriptor_.loader_ranges[0].paddr, memory_.base() + 0x10000);
  EXPECT_EQ(descriptor_.loader_ranges[0].size, 16384u * 8);
  EXPECT_EQ(descriptor_.loader_ranges[1].size, 4096u);
  EXPECT_EQ(descriptor_.loader_ranges[2].paddr, memory_.base() + 0x30000);
  EXPECT_EQ(descriptor_.loader_ranges[2].size, 4u * 4096);
}

TEST_F(XenPvTest, FrameListPastTheInitialMapping) {
  info_.mfn_list = memory_.base() + 0x30000;
  EXPECT_EQ(Convert(), "start_info.mfn_list: frame list not inside the initial mapping: expected 0x140000, got 0x150000");
}

TEST_F(XenPvTest, NoFrameList) {
  info_.mfn_list = 0;
  EXPECT_EQ(Convert(), "start_info.mfn_list: frame list not inside the initial mapping: expected 0x140000, got 0x20000");
}

TEST_F(XenPvTest, UnalignedPageTables) {
  info_.pt_base += 8;
  EXPECT_EQ(Convert(),
            "start_info.pt_base: bootstrap page tables not page-aligned frames of the guest: expected 0x4000, got 0x4");
}

TEST_F(XenPvTest, FrameListOverTheKernelIsAnError) {
  handoff_.kernel_start = memory_.base() + 0x20000;
  handoff_.kernel_end = memory_.base() + 0x21000;
  EXPECT_EQ(Convert(), "start_info.mfn_list: loader data overlaps the kernel's memory (image, .bss, handoff, stack): "
                       "0x110000-0x12ffff and 0x120000-0x120fff");
}

TEST_F(XenPvTest, BadMagic) {
  std::memcpy(info_.magic, "xen-3.0-x86_32p", 16);
  EXPECT_EQ(Convert(), "start_info.magic[12]: bad magic: expected \"xen-3.0-x86_64\": expected 0x36, got 0x33");
}

TEST_F(XenPvTest, NoPages) {
  info_.nr_pages = 0;
  EXPECT_EQ(Convert(), "start_info.nr_pages: memory size outside 1 page .. 64 TiB: expected 0x400000000, got 0x0");
}

TEST_F(XenPvTest, HugePageCount) {
  info_.nr_pages = ~uint64_t{0};
  EXPECT_EQ(Convert(),
            "start_info.nr_pages: memory size outside 1 page .. 64 TiB: expected 0x400000000, got 0xffffffffffffffff");
}

TEST_F(XenPvTest, CommandLineWithoutTerminator) {
  std::memset(info_.cmd_line, 'x', sizeof(info_.cmd_line));
  EXPECT_EQ(Convert(), "start_info.cmd_line: not NUL-terminated inside its field: expected 0x3ff, got 0x400");
}

TEST_F(XenPvTest, ModuleBecomesTheInitrd) {
  info_.mod_start = memory_.base() + 0x8000;
  info_.mod_len = 0x1000;
  ASSERT_EQ(Convert(), "ok");
  EXPECT_EQ(bootabi::RamdiskAddress(params_), memory_.base() + 0x8000);
  EXPECT_EQ(descriptor_.module_count, 1u);
}

TEST_F(XenPvTest, ModulePastTheInitialMapping) {
  info_.mod_start = 0x7000000;
  info_.mod_len = 0x1000;
  EXPECT_EQ(Convert(), "start_info.mod_start: module outside the initial mapping: expected 0x140000, got 0x7001000");
}

TEST_F(XenPvTest, ModuleAsAPfnIsRefused) {
  info_.mod_start = 0x120;
  info_.mod_len = 0x1000;
  info_.flags |= xen::kSifModStartPfn;
  EXPECT_EQ(Convert(),
            "start_info.flags: module given as a PFN: the kernel does not request SIF_MOD_START_PFN: expected 0x0, got 0x8");
}

TEST_F(XenPvTest, StartInfoPastMemory) {
  const auto result = bootinfo::ConvertXenPv(memory_.View(), memory_.end() - 100, handoff_, scratch_);
  base::StringBuffer<256> text;
  base::Describe(result.error(), text);
  EXPECT_STREQ(text.c_str(), "start_info: outside readable memory: expected 0x140000, got 0x14042c");
}

}  // namespace
