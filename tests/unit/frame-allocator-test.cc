// SPDX-License-Identifier: MIT
// The frame allocator: runs, alignment, limits, highest-first, freeing, reserving, bad input.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/string-buffer.h"
#include "frames/frame-allocator.h"

namespace {

using frames::FrameAllocator;
using frames::FreeRange;
using frames::kFrameSize;
using frames::Request;

std::string Describe(const base::Error& error) {
  base::StringBuffer<256> text;
  base::Describe(error, text);
  return text.c_str();
}

// An allocator with its storage.
struct Allocator {
  explicit Allocator(std::vector<FreeRange> ranges) : ranges(std::move(ranges)) {
    storage.resize(FrameAllocator::MetadataBytes(this->ranges.data(), static_cast<uint32_t>(this->ranges.size())) / 8 + 1);
    const auto result = allocator.Init(this->ranges.data(), static_cast<uint32_t>(this->ranges.size()), storage.data(),
                                       storage.size() * 8);
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : Describe(result.error()));
  }
  uint64_t Take(const Request& request = {}) {
    const auto result = allocator.Allocate(request);
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : Describe(result.error()));
    return result.ok() ? result.value() : 0;
  }
  std::vector<FreeRange> ranges;
  std::vector<uint64_t> storage;
  FrameAllocator allocator;
};

TEST(FrameAllocatorTest, RangesAreRoundedInwardsToWholeFrames) {
  Allocator a({{0x1800, 0x3000}, {0x10000, 0x800}, {0x100000, 0x100000}});
  EXPECT_EQ(a.allocator.RangeCount(), 2u);  // 0x2000-0x4000, and the MiB at 1 MiB
  EXPECT_EQ(a.allocator.TotalFrames(), 2u + 256u);
  EXPECT_EQ(a.Take(), 0x2000u);
  EXPECT_EQ(a.Take(), 0x3000u);
  EXPECT_EQ(a.Take(), 0x100000u);
  EXPECT_EQ(a.allocator.FreeFrames(), 255u);
}

TEST(FrameAllocatorTest, FreedFramesComeBackFirst) {
  Allocator a({{0x100000, 0x10000}});
  const uint64_t first = a.Take(), second = a.Take();
  ASSERT_TRUE(a.allocator.Free(first).ok());
  EXPECT_EQ(a.Take(), first);
  EXPECT_NE(a.Take(), second);
}

TEST(FrameAllocatorTest, AlignedRunsSkipWhatIsTaken) {
  Allocator a({{0x1000, 0x400000}});
  // 2 MiB-aligned, 4 frames: 0x200000 is the first aligned frame in the range.
  EXPECT_EQ(a.Take({.count = 4, .alignment = 0x200000}), 0x200000u);
  // The next 2 MiB-aligned run of 512 frames does not fit below 0x401000: none.
  const auto none = a.allocator.Allocate({.count = 512, .alignment = 0x200000});
  ASSERT_TRUE(none.is_error());
  EXPECT_EQ(Describe(none.error()), "count: no free run of frames fits: expected 0x3fc, got 0x200");
  EXPECT_EQ(a.Take({.count = 3}), 0x1000u);
  EXPECT_EQ(a.Take({.count = 0x1fc}), 0x4000u);  // right up to the taken run at 0x200000
  EXPECT_EQ(a.Take({.count = 2}), 0x204000u);
}

TEST(FrameAllocatorTest, BelowALimit) {
  Allocator a({{0x1000, 0x9e000}, {0x100000, 0x10000000}});
  // A trampoline below 1 MiB; a DMA buffer below 4 GiB from the top; nothing fits below 64 KiB.
  EXPECT_EQ(a.Take({.count = 1, .below = 0x100000, .highest = true}), 0x9e000u);
  EXPECT_EQ(a.Take({.count = 16, .below = 0x100000}), 0x1000u);
  EXPECT_EQ(a.Take({.count = 1, .highest = true}), 0x100ff000u);
  EXPECT_TRUE(a.allocator.Allocate({.count = 32, .below = 0x10000}).is_error());
  EXPECT_EQ(a.Take({.count = 1, .below = 0x101000}), 0x11000u);
}

TEST(FrameAllocatorTest, HighestRunsDescendPastTakenFrames) {
  Allocator a({{0x100000, 0x100000}});
  EXPECT_EQ(a.Take({.count = 1, .highest = true}), 0x1ff000u);
  EXPECT_EQ(a.Take({.count = 4, .alignment = 0x4000, .highest = true}), 0x1f8000u);
  EXPECT_EQ(a.Take({.count = 1, .highest = true}), 0x1fe000u);
  a.allocator.Reserve(0x180000, 0x7c000);  // 0x180000-0x1fbfff: 0x1fc000 and 0x1fd000 stay free
  EXPECT_EQ(a.Take({.count = 1, .highest = true}), 0x1fd000u);
  EXPECT_EQ(a.Take({.count = 3, .highest = true}), 0x17d000u);
}

TEST(FrameAllocatorTest, ReserveMarksOnlyFreeFramesOfTheMap) {
  Allocator a({{0x100000, 0x10000}});
  const uint64_t taken = a.Take();
  a.allocator.Reserve(0xff800, 0x2000);  // outside the map, the taken frame, and one more
  EXPECT_FALSE(a.allocator.IsFree(taken));
  EXPECT_FALSE(a.allocator.IsFree(0x101000));
  EXPECT_TRUE(a.allocator.IsFree(0x102000));
  EXPECT_EQ(a.allocator.FreeFrames(), 14u);
  a.allocator.Reserve(0x100000, ~uint64_t{0});  // to the end of the address space
  EXPECT_EQ(a.allocator.FreeFrames(), 0u);
}

TEST(FrameAllocatorTest, BadFreesAreErrors) {
  Allocator a({{0x100000, 0x10000}});
  const uint64_t frame = a.Take();
  EXPECT_EQ(Describe(a.allocator.Free(frame + 1).error()), "address: address not frame-aligned: expected 0x0, got 0x1");
  EXPECT_EQ(Describe(a.allocator.Free(0x200000).error()),
            "address: frames not in the allocator's memory: expected 0x1, got 0x200000");
  EXPECT_EQ(Describe(a.allocator.Free(frame, 17).error()),
            "address: frames not in the allocator's memory: expected 0x11, got 0x100000");
  EXPECT_EQ(Describe(a.allocator.Free(frame, 2).error()),
            "address: frame freed that is not allocated: expected 0x0, got 0x101000");
  EXPECT_EQ(a.allocator.FreeFrames(), 15u);  // nothing freed by a refused call
  ASSERT_TRUE(a.allocator.Free(frame).ok());
  EXPECT_TRUE(a.allocator.Free(frame).is_error());  // twice
}

TEST(FrameAllocatorTest, BadRequestsAndMapsAreErrors) {
  Allocator a({{0x100000, 0x10000}});
  EXPECT_EQ(Describe(a.allocator.Allocate({.count = 0}).error()), "count: a run of no frames");
  EXPECT_EQ(Describe(a.allocator.Allocate({.alignment = 0x3000}).error()),
            "alignment: alignment not a power of two of at least 4 KiB: expected 0x1000, got 0x3000");
  EXPECT_TRUE(a.allocator.Allocate({.alignment = 0x800}).is_error());

  FrameAllocator allocator;
  uint64_t storage[64];
  const FreeRange overlapping[] = {{0x100000, 0x2000}, {0x101000, 0x1000}};
  EXPECT_EQ(Describe(allocator.Init(overlapping, 2, storage, sizeof(storage)).error()),
            "ranges[1]: range overlaps or precedes the one before it: expected 0x102000, got 0x101000");
  const FreeRange wrapping[] = {{0xfffffffffffff000, 0x2000}};
  EXPECT_EQ(Describe(allocator.Init(wrapping, 1, storage, sizeof(storage)).error()),
            "ranges[0]: range end wraps past 2^64: expected 0xfff, got 0x2000");
  const FreeRange big[] = {{0, 0x100000000}};
  EXPECT_EQ(Describe(allocator.Init(big, 1, storage, sizeof(storage)).error()),
            "storage: storage smaller than MetadataBytes: expected 0x20020, got 0x200");
  EXPECT_TRUE(allocator.Init(big, FrameAllocator::kMaxRanges + 1, storage, sizeof(storage)).is_error());
}

TEST(FrameAllocatorTest, AnEmptyMapHasNothingToGive) {
  Allocator a({{0x1001, 0xffe}});
  EXPECT_EQ(a.allocator.TotalFrames(), 0u);
  EXPECT_TRUE(a.allocator.Allocate().is_error());
  EXPECT_TRUE(a.allocator.Allocate({.count = 1, .highest = true}).is_error());
}

}  // namespace
