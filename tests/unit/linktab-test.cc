// SPDX-License-Identifier: MIT
// linktab in a hosted program with the default linker script (this binary) and with the
// sorted layout (the same test, built as linktab-sorted-test with tests/linktab/sorted.ld).
#include <gtest/gtest.h>

#include <iterator>
#include <span>
#include <type_traits>

#include "table.h"

namespace {

TEST(Linktab, EntriesFromTwoFilesComeInLevelThenLinkOrder) {
  EXPECT_EQ(ItemLevels(), kExpectedItemLevels);
  EXPECT_EQ(ItemOrder(), kExpectedItemLinkOrder);
}

TEST(Linktab, SingleLevelTableIsAContiguousSpan) {
  EXPECT_EQ(FlagsThroughSpan(), "1 2");
  const auto flags = linktab::Entries<LINKTAB_TABLE(flags)>();
  static_assert(std::is_same_v<decltype(flags.data()), const Flag*>);
  EXPECT_EQ(flags.end() - flags.begin(), 2);
}

TEST(Linktab, EmptyTableIsValidAndEmpty) {
  EXPECT_EQ(NothingCount(), 0u);
  const auto nothing = linktab::Entries<LINKTAB_TABLE(nothing)>();
  EXPECT_TRUE(nothing.empty());
  EXPECT_EQ(nothing.begin(), nothing.end());
  for ([[maybe_unused]] const Flag& flag : nothing) FAIL() << "an empty table yielded an entry";
}

TEST(Linktab, LargeEntriesAreNotOverAligned) { EXPECT_TRUE(BigsAreContiguous()); }

TEST(Linktab, MultiLevelTableCountsEveryEntry) {
  const auto items = linktab::Entries<LINKTAB_TABLE(items)>();
  EXPECT_EQ(items.size(), 5u);
  EXPECT_EQ(static_cast<size_t>(std::distance(items.begin(), items.end())), 5u);
}

TEST(Linktab, LevelsAreCheckedAtCompileTime) {
  static_assert(LINKTAB_TABLE(items)::HasLevel(ITEM_LEVEL_SECOND));
  static_assert(!LINKTAB_TABLE(items)::HasLevel(15000));
  static_assert(linktab::LevelsAreValid<10000, 20000>());
  static_assert(!linktab::LevelsAreValid<20000, 10000>());  // not ascending
  static_assert(!linktab::LevelsAreValid<9999>());          // not five digits
  static_assert(!linktab::LevelsAreValid<100000>());
}

}  // namespace
