// SPDX-License-Identifier: MIT
// The typed memory map: in-use memory carved out of RAM, the firmware's types elsewhere.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bootinfo/typed-map.h"

namespace {

using bootinfo::InUseRange;
using bootinfo::MemoryType;
using E820 = bootabi::boot_e820_entry;

std::string Map(const std::vector<E820>& e820, const std::vector<InUseRange>& used, uint32_t capacity = 64,
                uint32_t* dropped = nullptr) {
  std::vector<bootinfo::MemoryRange> out(capacity);
  std::vector<uint64_t> scratch(bootinfo::TypedMapScratchWords(static_cast<uint32_t>(used.size())));
  const auto result = bootinfo::BuildTypedMap(e820.data(), static_cast<uint32_t>(e820.size()), used.data(),
                                              static_cast<uint32_t>(used.size()), scratch.data(), out.data(), capacity);
  if (dropped != nullptr) *dropped = result.dropped;
  std::string text;
  for (uint32_t i = 0; i < result.count; ++i) {
    char line[96];
    std::snprintf(line, sizeof(line), "%#llx+%#llx %s/%u\n", static_cast<unsigned long long>(out[i].base),
                  static_cast<unsigned long long>(out[i].size), bootinfo::MemoryTypeName(out[i].type),
                  out[i].firmware_type);
    text += line;
  }
  return text;
}

TEST(TypedMap, KernelFrameworkAndModulesAreCarvedOutOfRam) {
  EXPECT_EQ(Map({{0, 0x9fc00, 1}, {0x9fc00, 0x400, 2}, {0x100000, 0x700000, 1}},
                {{0x100000, 0x20000, MemoryType::kKernel},
                 {0x120000, 0x10000, MemoryType::kFramework},
                 {0x149000, 0x2000, MemoryType::kModule}}),
            "0+0x9fc00 usable/1\n"
            "0x9fc00+0x400 reserved/2\n"
            "0x100000+0x20000 kernel/1\n"
            "0x120000+0x10000 framework/1\n"
            "0x130000+0x19000 usable/1\n"
            "0x149000+0x2000 module/1\n"
            "0x14b000+0x6b5000 usable/1\n");
}

TEST(TypedMap, TheFirstListedRangeWinsWhereTheyOverlap) {
  // Page tables inside the kernel image: listed first, they stay framework memory.
  EXPECT_EQ(Map({{0x100000, 0x100000, 1}}, {{0x108000, 0x3000, MemoryType::kFramework},
                                             {0x100000, 0x20000, MemoryType::kKernel}}),
            "0x100000+0x8000 kernel/1\n"
            "0x108000+0x3000 framework/1\n"
            "0x10b000+0x15000 kernel/1\n"
            "0x120000+0xe0000 usable/1\n");
}

TEST(TypedMap, InUseMemoryOutsideRamKeepsTheFirmwaresType) {
  EXPECT_EQ(Map({{0xe0000, 0x20000, 2}, {0x100000, 0x10000, 1}}, {{0xf0000, 0x18000, MemoryType::kModule}}),
            "0xe0000+0x20000 reserved/2\n"
            "0x100000+0x8000 module/1\n"
            "0x108000+0x8000 usable/1\n");
}

TEST(TypedMap, FirmwareTypesAreNamed) {
  EXPECT_EQ(Map({{0, 0x1000, 3}, {0x1000, 0x1000, 4}, {0x2000, 0x1000, 5}, {0x3000, 0x1000, 7}, {0x4000, 0x1000, 12},
                 {0x5000, 0x1000, 99}},
                {}),
            "0+0x1000 acpi-reclaimable/3\n"
            "0x1000+0x1000 acpi-nvs/4\n"
            "0x2000+0x1000 bad/5\n"
            "0x3000+0x1000 persistent/7\n"
            "0x4000+0x1000 persistent/12\n"
            "0x5000+0x1000 reserved/99\n");
}

TEST(TypedMap, EmptyAndWrappingInUseRangesAreHarmless) {
  EXPECT_EQ(Map({{0x100000, 0x1000, 1}}, {{0x100800, 0, MemoryType::kModule}, {0xfffffffffffff000, 0x2000, MemoryType::kModule}}),
            "0x100000+0x1000 usable/1\n");
}

TEST(TypedMap, RangesPastTheCapacityAreCounted) {
  uint32_t dropped = 0;
  Map({{0, 0x1000, 1}, {0x2000, 0x1000, 2}, {0x4000, 0x1000, 1}}, {}, 2, &dropped);
  EXPECT_EQ(dropped, 1u);
}

}  // namespace

TEST(TypedMap, WholePagesRoundEachRangeInwards) {
  using bootinfo::MemoryRange;
  using bootinfo::MemoryType;
  constexpr MemoryRange kAligned{0x100000, 0x3000, MemoryType::kUsable, 1};
  static_assert(kAligned.FirstWholePage() == 0x100000 && kAligned.WholePages() == 3);
  // A usable range after the handoff area starts mid-page and ends mid-page.
  constexpr MemoryRange kOdd{0x1550d0, 0x3000, MemoryType::kUsable, 1};
  static_assert(kOdd.FirstWholePage() == 0x156000 && kOdd.WholePages() == 2 && kOdd.end() == 0x1580d0);
  constexpr MemoryRange kSubPage{0x1001, 0xffe, MemoryType::kUsable, 1};
  static_assert(kSubPage.WholePages() == 0);
  constexpr MemoryRange kEmpty{0x2000, 0, MemoryType::kUsable, 1};
  static_assert(kEmpty.WholePages() == 0);
  // A range ending at 2^64: the pages are counted without wrapping; end() saturates.
  constexpr MemoryRange kTop{~uint64_t{0} - 0x2fff, 0x3000, MemoryType::kReserved, 2};
  static_assert(kTop.end() == ~uint64_t{0} && kTop.FirstWholePage() == ~uint64_t{0} - 0x2fff && kTop.WholePages() == 3);
  // A size past 2^64 (no sanitised map has one) counts only what lies below 2^64.
  constexpr MemoryRange kWrap{~uint64_t{0} - 0xfff, 0x10000, MemoryType::kReserved, 2};
  static_assert(kWrap.WholePages() == 1);
  EXPECT_EQ(kOdd.WholePages(), 2u);
}
