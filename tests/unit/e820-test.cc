// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "bootinfo/e820.h"

namespace {

using bootabi::boot_e820_entry;

std::vector<boot_e820_entry> Sanitize(std::vector<boot_e820_entry> entries, uint32_t* dropped = nullptr) {
  static bootinfo::E820Scratch scratch;
  const auto count = static_cast<uint32_t>(entries.size());
  entries.resize(std::max<size_t>(count, bootabi::kE820MaxEntriesZeroPage));
  const auto result = bootinfo::SanitizeE820(entries.data(), count, bootabi::kE820MaxEntriesZeroPage, scratch);
  if (dropped != nullptr) *dropped = result.dropped;
  entries.resize(result.count);
  return entries;
}

bool operator==(const boot_e820_entry& a, const boot_e820_entry& b) {
  return a.addr == b.addr && a.size == b.size && a.type == b.type;
}

TEST(E820Builder, DropsZeroLengthWrappingAndOverflowingEntries) {
  boot_e820_entry table[2];
  bootinfo::E820Builder builder(table, 2);
  EXPECT_EQ(builder.Add(0, 0x1000, 1), bootinfo::E820Builder::AddResult::kAdded);
  EXPECT_EQ(builder.Add(0x5000, 0, 1), bootinfo::E820Builder::AddResult::kZeroLength);
  EXPECT_EQ(builder.Add(0xfffffffffffff000, 0x1000, 1), bootinfo::E820Builder::AddResult::kWraps);
  EXPECT_EQ(builder.Add(0x2000, 0x1000, 2), bootinfo::E820Builder::AddResult::kAdded);
  EXPECT_EQ(builder.Add(0x4000, 0x1000, 2), bootinfo::E820Builder::AddResult::kFull);
  EXPECT_EQ(builder.count(), 2u);
  EXPECT_EQ(builder.dropped(), 3u);
}

TEST(SanitizeE820, SortsAndMergesAdjacentRangesOfOneType) {
  const auto result = Sanitize({{0x2000, 0x1000, 1}, {0x0, 0x1000, 1}, {0x1000, 0x1000, 1}});
  ASSERT_EQ(result.size(), 1u);
  EXPECT_TRUE((result[0] == boot_e820_entry{0, 0x3000, 1}));
}

TEST(SanitizeE820, KeepsAdjacentRangesOfDifferentTypesApart) {
  const auto result = Sanitize({{0x0, 0x1000, 1}, {0x1000, 0x1000, 2}});
  ASSERT_EQ(result.size(), 2u);
  EXPECT_EQ(result[1].type, 2u);
}

TEST(SanitizeE820, OverlapGoesToTheLargerType) {
  const auto result = Sanitize({{0x0, 0x4000, 1}, {0x1000, 0x1000, 3}, {0x3000, 0x2000, 2}});
  ASSERT_EQ(result.size(), 4u);
  EXPECT_TRUE((result[0] == boot_e820_entry{0x0, 0x1000, 1}));
  EXPECT_TRUE((result[1] == boot_e820_entry{0x1000, 0x1000, 3}));
  EXPECT_TRUE((result[2] == boot_e820_entry{0x2000, 0x1000, 1}));
  EXPECT_TRUE((result[3] == boot_e820_entry{0x3000, 0x2000, 2}));
}

TEST(SanitizeE820, IdenticalDuplicatesCollapse) {
  const auto result = Sanitize({{0x0, 0x1000, 2}, {0x0, 0x1000, 2}});
  ASSERT_EQ(result.size(), 1u);
}

TEST(SanitizeE820, ZeroLengthAndWrappingEntriesVanish) {
  const auto result = Sanitize({{0x0, 0, 1}, {0xfffffffffffff000, 0x2000, 1}, {0x1000, 0x1000, 1}});
  ASSERT_EQ(result.size(), 1u);
  EXPECT_EQ(result[0].addr, 0x1000u);
}

TEST(SanitizeE820, RangeEndingAtTheTopOfTheAddressSpace) {
  const auto result = Sanitize({{0xfffffffffffff000, 0xfff, 2}});
  ASSERT_EQ(result.size(), 1u);
  EXPECT_EQ(result[0].size, 0xfffu);
}

TEST(SanitizeE820, EmptyMapStaysEmpty) {
  bootinfo::E820Scratch scratch;
  EXPECT_EQ(bootinfo::SanitizeE820(nullptr, 0, 0, scratch).count, 0u);
}

TEST(SanitizeE820, NeverWritesPastTheCapacity) {
  // Two entries in, three ranges out, room for two: the third is dropped, not written.
  std::vector<boot_e820_entry> entries = {{0, 0x3000, 1}, {0x1000, 0x1000, 2}, {0xdead, 0xdead, 9}};
  bootinfo::E820Scratch scratch;
  const auto result = bootinfo::SanitizeE820(entries.data(), 2, 2, scratch);
  EXPECT_EQ(result.count, 2u);
  EXPECT_EQ(result.dropped, 1u);
  EXPECT_TRUE((entries[2] == boot_e820_entry{0xdead, 0xdead, 9}));
}

TEST(SanitizeE820, ResultsBeyond128EntriesAreDroppedAndCounted) {
  // 128 reserved holes punched into one RAM range give 255 ranges.
  std::vector<boot_e820_entry> entries = {{0, 0x1000000, 1}};
  for (uint64_t i = 0; i < 127; ++i) entries.push_back({0x1000 + i * 0x2000, 0x1000, 2});
  uint32_t dropped = 0;
  const auto result = Sanitize(entries, &dropped);
  EXPECT_EQ(result.size(), 128u);
  EXPECT_EQ(dropped, 255u - 128u);
}

TEST(SanitizeE820, IsIdempotent) {
  const auto once = Sanitize({{0x0, 0x4000, 1}, {0x1000, 0x1000, 3}, {0x9000, 0x1000, 1}});
  const auto twice = Sanitize(once);
  ASSERT_EQ(once.size(), twice.size());
  for (size_t i = 0; i < once.size(); ++i) EXPECT_TRUE(once[i] == twice[i]);
}

// Sorted maps without overlaps take a one-pass path; the same ranges shuffled (so they are no
// longer sorted) take the general one. Both must give the same map, on many random maps with
// gaps, neighbours of equal and different types, empty ranges and type 0.
TEST(SanitizeE820, SortedFastPathAgreesWithTheGeneralPath) {
  std::mt19937_64 random(20261126);
  for (int round = 0; round < 2000; ++round) {
    std::vector<boot_e820_entry> sorted;
    uint64_t address = random() % 4 * 0x1000;
    const int count = 2 + static_cast<int>(random() % 40);
    for (int i = 0; i < count; ++i) {
      const uint64_t size = random() % 5 == 0 ? 0 : (1 + random() % 4) * 0x1000;
      sorted.push_back({address, size, static_cast<uint32_t>(random() % 5)});  // type 0..4
      address += size + (random() % 3 == 0 ? 0x1000 : 0);
    }
    std::vector<boot_e820_entry> shuffled = sorted;
    std::shuffle(shuffled.begin(), shuffled.end(), random);
    // The ranges (zero-size entries are not ranges) must be out of order to force the general
    // path: if the shuffle left them sorted, swap the first two.
    std::vector<size_t> ranges;
    for (size_t i = 0; i < shuffled.size(); ++i) {
      if (shuffled[i].size != 0) ranges.push_back(i);
    }
    if (ranges.size() < 2) continue;  // one range: there is no order to break
    const auto in_order = [&] {
      for (size_t k = 1; k < ranges.size(); ++k) {
        if (shuffled[ranges[k]].addr < shuffled[ranges[k - 1]].addr) return false;
      }
      return true;
    };
    if (in_order()) std::swap(shuffled[ranges[0]], shuffled[ranges[1]]);
    ASSERT_FALSE(in_order());
    const auto fast = Sanitize(sorted);
    const auto general = Sanitize(shuffled);
    ASSERT_EQ(fast.size(), general.size()) << "round " << round;
    for (size_t i = 0; i < fast.size(); ++i) ASSERT_TRUE(fast[i] == general[i]) << "round " << round << " entry " << i;
  }
}

// The general path against the definition, page by page: each page takes the largest type of
// the ranges covering it (type 0 covers nothing), and runs of pages of one type are one range.
// Random overlapping maps, up to the 512 entries the sanitiser takes in.
TEST(SanitizeE820, OverlapsResolveAsThePageByPageDefinition) {
  std::mt19937_64 random(20261202);
  constexpr uint64_t kPages = 96, kPage = 0x1000;
  for (int round = 0; round < 1000; ++round) {
    std::vector<boot_e820_entry> map;
    const int count = 1 + static_cast<int>(random() % (round < 990 ? 24 : 512));
    for (int i = 0; i < count; ++i) {
      const uint64_t first = random() % kPages;
      const uint64_t pages = 1 + random() % 12;
      map.push_back({first * kPage, pages * kPage, static_cast<uint32_t>(random() % 6)});
    }
    std::vector<uint32_t> page_type(kPages + 12, 0);
    for (const auto& entry : map) {
      for (uint64_t page = entry.addr / kPage; page < (entry.addr + entry.size) / kPage; ++page) {
        page_type[page] = std::max(page_type[page], entry.type);
      }
    }
    std::vector<boot_e820_entry> expected;
    for (uint64_t page = 0; page < page_type.size(); ++page) {
      if (page_type[page] == 0) continue;
      if (!expected.empty() && expected.back().type == page_type[page] &&
          expected.back().addr + expected.back().size == page * kPage) {
        expected.back().size += kPage;
      } else {
        expected.push_back({page * kPage, kPage, page_type[page]});
      }
    }
    const auto sanitized = Sanitize(map);
    ASSERT_EQ(sanitized.size(), expected.size()) << "round " << round;
    for (size_t i = 0; i < expected.size(); ++i) {
      ASSERT_TRUE(sanitized[i] == expected[i]) << "round " << round << " entry " << i;
    }
  }
}

}  // namespace
