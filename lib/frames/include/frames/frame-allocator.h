// SPDX-License-Identifier: MIT
// A physical frame allocator over the usable memory of a map: 4 KiB frames one at a time, or
// runs of contiguous frames with an alignment, the lowest or the highest run, below a limit
// (1 MiB for a real-mode trampoline, 4 GiB for a 32-bit DMA buffer). One bit per frame, kept
// in storage the caller provides (MetadataBytes), so the same code runs freestanding in the
// kernel and hosted in tests, fuzzers and benchmarks. Nothing is allocated dynamically.
#pragma once

#include <cstdint>

#include "base/error.h"
#include "base/result.h"

namespace frames {

inline constexpr uint64_t kFrameSize = 4096;

/// Usable memory, in address order and not overlapping; byte-exact (rounded inwards to whole
/// frames here).
struct FreeRange {
  uint64_t base;
  uint64_t size;
};

/// Where a run may be placed.
struct Request {
  uint64_t count = 1;                // frames
  uint64_t alignment = kFrameSize;   // bytes: a power of two, at least kFrameSize
  uint64_t below = ~uint64_t{0};     // the run ends at or below this address
  bool highest = false;              // the highest fitting run instead of the lowest
};

class FrameAllocator {
 public:
  /// The most ranges a map may give: far above any firmware's, a bound on garbage.
  static constexpr uint32_t kMaxRanges = 4096;

  /// Bytes of storage Init needs for these ranges: a table of ranges and one bit per frame.
  static uint64_t MetadataBytes(const FreeRange* ranges, uint32_t count);

  /// Builds the allocator over `ranges` with every frame free, in `storage` (8-byte aligned,
  /// at least MetadataBytes). Ranges out of order, overlapping, wrapping past 2^64 or too many
  /// are an error naming the range; ranges smaller than a frame once rounded are skipped.
  base::Result<> Init(const FreeRange* ranges, uint32_t count, void* storage, uint64_t storage_bytes);

  /// A free run for `request`, now allocated: its address. No fitting run, a count of 0, an
  /// alignment that is not a power of two of at least a frame: an error.
  base::Result<uint64_t> Allocate(const Request& request = {});

  /// Frees `count` frames from `address`, which must all be allocated frames of the map
  /// (freeing a free frame, or memory the map does not have, is an error naming it).
  base::Result<> Free(uint64_t address, uint64_t count = 1);

  /// Marks the frames [address, address + size) touches as in use, where the map has them
  /// (what is in use already stays so): the allocator's own storage, memory found in use.
  void Reserve(uint64_t address, uint64_t size);

  bool IsFree(uint64_t address) const;
  uint64_t FreeFrames() const { return free_; }
  uint64_t TotalFrames() const { return total_; }
  uint32_t RangeCount() const { return range_count_; }

 private:
  struct Range {
    uint64_t first_frame;  // absolute frame number
    uint64_t frames;
    uint64_t first_word;   // index of its first bitmap word
    uint64_t hint;         // no free frame in words below this one (relative to first_word)
  };

  // The index of the range holding `frame`, or range_count_.
  uint32_t RangeOf(uint64_t frame) const;
  bool FreeBit(uint64_t bit) const { return ((bits_[bit / 64] >> (bit % 64)) & 1) != 0; }
  void Take(const Range& range, uint64_t index, uint64_t count);
  // The lowest / highest allocated frame index of `range` in [from, to), or `to` when none.
  uint64_t FirstTaken(const Range& range, uint64_t from, uint64_t to) const;
  uint64_t LastTaken(const Range& range, uint64_t from, uint64_t to) const;
  bool FindRun(const Range& range, const Request& request, uint64_t& index) const;

  Range* ranges_ = nullptr;
  uint64_t* bits_ = nullptr;  // 1 = free
  uint32_t range_count_ = 0;
  uint64_t free_ = 0;
  uint64_t total_ = 0;
};

}  // namespace frames
