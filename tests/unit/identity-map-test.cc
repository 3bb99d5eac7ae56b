// SPDX-License-Identifier: MIT
// bootinfo/identity-map.h on host memory: the tables it builds, walked as the CPU walks them,
// translate every address to itself; what was mapped stays; a small pool says so.
#include "bootinfo/identity-map.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <optional>

#include "abi/x86-paging.h"

namespace {

namespace paging = bootabi::paging;

struct Tables {
  explicit Tables(uint32_t pool_pages)
      : memory(static_cast<uint64_t*>(std::aligned_alloc(4096, (pool_pages + 1) * 4096)), &std::free) {
    for (uint64_t i = 0; i < (pool_pages + 1) * 512ull; ++i) memory.get()[i] = 0;
    pool = {memory.get() + 512, pool_pages, 0};
  }
  uint64_t* pml4() { return memory.get(); }
  std::unique_ptr<uint64_t, decltype(&std::free)> memory;
  bootinfo::PageTablePool pool{};
};

// The physical address `address` translates to under `pml4`, or nothing when unmapped.
std::optional<uint64_t> Translate(const uint64_t* pml4, uint64_t address) {
  const uint64_t pml4e = pml4[(address >> 39) & 511];
  if ((pml4e & paging::kPresent) == 0) return std::nullopt;
  const auto* pdpt = reinterpret_cast<const uint64_t*>(pml4e & paging::kAddressMask);
  const uint64_t pdpte = pdpt[(address >> 30) & 511];
  if ((pdpte & paging::kPresent) == 0) return std::nullopt;
  if (pdpte & paging::kHuge) return (pdpte & paging::kAddressMask) + (address & (paging::kPageBytes1G - 1));
  const auto* pd = reinterpret_cast<const uint64_t*>(pdpte & paging::kAddressMask);
  const uint64_t pde = pd[(address >> 21) & 511];
  if ((pde & paging::kPresent) == 0 || (pde & paging::kHuge) == 0) return std::nullopt;
  return (pde & paging::kAddressMask) + (address & (paging::kPageBytes2M - 1));
}

constexpr uint64_t kGiB = uint64_t{1} << 30;

TEST(IdentityMap, TwoMegabytePagesMapEveryAddressToItself) {
  Tables tables(16);
  const auto mapped = bootinfo::ExtendIdentityMap(tables.pml4(), 0, 6 * kGiB + 5, false, tables.pool);
  ASSERT_FALSE(mapped.is_error());
  EXPECT_EQ(mapped.value(), 6 * kGiB + paging::kPageBytes2M);
  for (uint64_t address : {uint64_t{0}, uint64_t{0x1234567}, 4 * kGiB - 1, 5 * kGiB + 0x3000, 6 * kGiB + 4}) {
    EXPECT_EQ(Translate(tables.pml4(), address), address) << std::hex << address;
  }
  EXPECT_EQ(Translate(tables.pml4(), 6 * kGiB + paging::kPageBytes2M), std::nullopt);
  EXPECT_EQ(tables.pool.used, bootinfo::IdentityMapTablesNeeded(6 * kGiB + 5, false));  // 1 PDPT + 7 PDs
}

TEST(IdentityMap, GigabytePagesNeedOnlyDirectoryPointerTables) {
  Tables tables(4);
  const uint64_t end = 600 * kGiB;  // past one PML4 entry's 512 GiB
  ASSERT_FALSE(bootinfo::ExtendIdentityMap(tables.pml4(), 0, end, true, tables.pool).is_error());
  EXPECT_EQ(tables.pool.used, 2u);
  EXPECT_EQ(Translate(tables.pml4(), 599 * kGiB + 0x1234), 599 * kGiB + 0x1234);
}

TEST(IdentityMap, WhatIsMappedStays) {
  Tables tables(16);
  // A static 4 GiB map with 2 MiB pages, one page deliberately pointing elsewhere.
  ASSERT_FALSE(bootinfo::ExtendIdentityMap(tables.pml4(), 0, 4 * kGiB, false, tables.pool).is_error());
  const auto* pdpt = reinterpret_cast<uint64_t*>(tables.pml4()[0] & paging::kAddressMask);
  auto* pd = reinterpret_cast<uint64_t*>(pdpt[0] & paging::kAddressMask);
  pd[1] = 0x40000000 | paging::kHuge | paging::kPresent | paging::kWritable;
  const uint32_t before = tables.pool.used;
  ASSERT_FALSE(bootinfo::ExtendIdentityMap(tables.pml4(), 0, 5 * kGiB, false, tables.pool).is_error());
  EXPECT_EQ(Translate(tables.pml4(), 0x200000), 0x40000000u);
  EXPECT_EQ(tables.pool.used, before + 1);  // one more PD for the fifth GiB
  EXPECT_EQ(Translate(tables.pml4(), 4 * kGiB + 0x10), 4 * kGiB + 0x10);
}

TEST(IdentityMap, AStartAboveZeroLeavesWhatIsBelowIt) {
  Tables tables(16);
  ASSERT_FALSE(bootinfo::ExtendIdentityMap(tables.pml4(), 5 * kGiB + 0x1000, 6 * kGiB, false, tables.pool).is_error());
  EXPECT_EQ(Translate(tables.pml4(), 5 * kGiB), 5 * kGiB);  // rounded down to its 2 MiB page
  EXPECT_EQ(Translate(tables.pml4(), 4 * kGiB), std::nullopt);
  EXPECT_EQ(tables.pool.used, 2u);
}

TEST(IdentityMap, AnExhaustedPoolIsAnErrorNamingTheAddress) {
  Tables tables(3);
  const auto mapped = bootinfo::ExtendIdentityMap(tables.pml4(), 0, 8 * kGiB, false, tables.pool);
  ASSERT_TRUE(mapped.is_error());
  EXPECT_STREQ(mapped.error().what, "page table pool exhausted");
  EXPECT_EQ(mapped.error().got, 2 * kGiB);  // the PDPT and two PDs were all there was
}

TEST(IdentityMap, BeyondFourLevelPagingIsRefused) {
  Tables tables(1);
  EXPECT_TRUE(bootinfo::ExtendIdentityMap(tables.pml4(), 0, (uint64_t{1} << 48) + 1, true, tables.pool).is_error());
}

}  // namespace
