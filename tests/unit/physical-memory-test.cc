// SPDX-License-Identifier: MIT
// PhysicalMemory's window and its reserved range (the kernel's own memory): every read that
// touches the range is refused, naming the field and both ranges.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/string-buffer.h"
#include "bootinfo/physical-memory.h"

namespace {

std::string Message(const base::Error& error) {
  base::StringBuffer<256> text;
  base::Describe(error, text);
  return text.c_str();
}

class PhysicalMemoryTest : public ::testing::Test {
 protected:
  // Physical [0x10000, 0x20000), the kernel at [0x14000, 0x18000).
  std::vector<uint8_t> bytes_ = std::vector<uint8_t>(0x10000, 0);
  bootinfo::PhysicalMemory memory_ =
      bootinfo::PhysicalMemory(0x10000, bytes_.size(), reinterpret_cast<uintptr_t>(bytes_.data()))
          .ReservingKernel(0x14000, 0x18000);
};

TEST_F(PhysicalMemoryTest, ReadsBesideTheKernelAreAllowed) {
  EXPECT_TRUE(memory_.Contains(0x10000, 0x4000));  // ends where the kernel starts
  EXPECT_TRUE(memory_.Contains(0x18000, 0x8000));  // starts where the kernel ends
  EXPECT_TRUE(memory_.Read<uint32_t>(0x13ffc, "before").ok());
  EXPECT_TRUE(memory_.Read<uint32_t>(0x18000, "after").ok());
  EXPECT_TRUE(memory_.CheckArray(0x14000, 0, 16, "empty").ok());
}

TEST_F(PhysicalMemoryTest, ReadsTouchingTheKernelAreRefused) {
  EXPECT_FALSE(memory_.Contains(0x13ffd, 4));   // runs into its first byte
  EXPECT_FALSE(memory_.Contains(0x17fff, 1));   // its last byte
  EXPECT_FALSE(memory_.Contains(0x10000, 0x10000));  // spans it
  EXPECT_TRUE(memory_.Reserved(0x15000, 1));
  EXPECT_FALSE(memory_.Reserved(0x18000, 1));
  const auto read = memory_.Read<uint64_t>(0x13ffc, "hvm_start_info");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(Message(read.error()),
            "hvm_start_info: lies in the kernel's memory (image, .bss, handoff, stack): 0x13ffc-0x14003 and "
            "0x14000-0x17fff");
  const auto array = memory_.CheckArray(0x16000, 4, 24, "e820_table");
  ASSERT_FALSE(array.ok());
  EXPECT_EQ(Message(array.error()),
            "e820_table: lies in the kernel's memory (image, .bss, handoff, stack): 0x16000-0x1605f and "
            "0x14000-0x17fff");
}

TEST_F(PhysicalMemoryTest, ReadableBytesStopAtTheKernel) {
  EXPECT_EQ(memory_.ReadableFrom(0x13000), 0x1000u);
  EXPECT_EQ(memory_.ReadableFrom(0x14000), 0u);
  EXPECT_EQ(memory_.ReadableFrom(0x1f000), 0x1000u);
}

TEST_F(PhysicalMemoryTest, OutsideTheWindowIsStillThatError) {
  const auto read = memory_.Read<uint32_t>(0x1fffe, "cmdline");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(Message(read.error()), "cmdline: outside readable memory: expected 0x20000, got 0x20002");
}

TEST(PhysicalMemory, WithoutAReservedRangeNothingIsReserved) {
  const bootinfo::PhysicalMemory memory(0, 0x1000, 0);
  EXPECT_FALSE(memory.Reserved(0, 0x1000));
  EXPECT_TRUE(memory.Contains(0, 0x1000));
}

}  // namespace
