// SPDX-License-Identifier: MIT
#include "frames/frame-allocator.h"

namespace frames {
namespace {

constexpr uint64_t kAllOnes = ~uint64_t{0};

uint64_t Words(uint64_t frames) { return (frames + 63) / 64; }

// The whole frames of a byte range: [first, end) in frame numbers, rounded inwards; false
// when none.
bool WholeFrames(const FreeRange& range, uint64_t& first, uint64_t& end) {
  first = range.base / kFrameSize + (range.base % kFrameSize != 0);
  const uint64_t last_byte_end = range.size > kAllOnes - range.base ? kAllOnes : range.base + range.size;
  end = last_byte_end / kFrameSize;
  return end > first;
}

// Bits [from, to) of a word (0 <= from < to <= 64).
uint64_t Mask(uint64_t from, uint64_t to) {
  const uint64_t high = to == 64 ? kAllOnes : (uint64_t{1} << to) - 1;
  return high & ~((uint64_t{1} << from) - 1);
}

}  // namespace

uint64_t FrameAllocator::MetadataBytes(const FreeRange* ranges, uint32_t count) {
  uint64_t words = 0;
  uint32_t kept = 0;
  for (uint32_t i = 0; i < count && i < kMaxRanges; ++i) {
    uint64_t first, end;
    if (!WholeFrames(ranges[i], first, end)) continue;
    words += Words(end - first);
    ++kept;
  }
  return kept * sizeof(Range) + words * sizeof(uint64_t);
}

base::Result<> FrameAllocator::Init(const FreeRange* ranges, uint32_t count, void* storage, uint64_t storage_bytes) {
  *this = FrameAllocator{};
  if (count > kMaxRanges) {
    return base::MakeError("more free ranges than any memory map has", "ranges", kMaxRanges, count);
  }
  const uint64_t needed = MetadataBytes(ranges, count);
  if (storage_bytes < needed) return base::MakeError("storage smaller than MetadataBytes", "storage", needed, storage_bytes);
  if (reinterpret_cast<uintptr_t>(storage) % alignof(uint64_t) != 0) {
    return base::MakeError("storage not 8-byte aligned", "storage", 0, reinterpret_cast<uintptr_t>(storage) % 8);
  }
  uint32_t kept = 0;
  for (uint32_t i = 0; i < count; ++i) {
    if (ranges[i].size > kAllOnes - ranges[i].base) {
      return base::AtIndex(base::MakeError("range end wraps past 2^64", "ranges", kAllOnes - ranges[i].base,
                                           ranges[i].size),
                           i);
    }
    if (i > 0 && ranges[i].base < ranges[i - 1].base + ranges[i - 1].size) {
      return base::AtIndex(base::MakeError("range overlaps or precedes the one before it", "ranges",
                                           ranges[i - 1].base + ranges[i - 1].size, ranges[i].base),
                           i);
    }
    uint64_t first, end;
    if (WholeFrames(ranges[i], first, end)) ++kept;
  }
  ranges_ = static_cast<Range*>(storage);
  bits_ = reinterpret_cast<uint64_t*>(static_cast<uint8_t*>(storage) + kept * sizeof(Range));
  uint64_t word = 0;
  for (uint32_t i = 0; i < count; ++i) {
    uint64_t first, end;
    if (!WholeFrames(ranges[i], first, end)) continue;
    Range& range = ranges_[range_count_++];
    range = Range{first, end - first, word, 0};
    const uint64_t words = Words(range.frames);
    for (uint64_t w = 0; w < words; ++w) bits_[word + w] = kAllOnes;
    if (range.frames % 64 != 0) bits_[word + words - 1] = Mask(0, range.frames % 64);  // no padding frame is free
    word += words;
    total_ += range.frames;
  }
  free_ = total_;
  return base::Ok{};
}

uint32_t FrameAllocator::RangeOf(uint64_t frame) const {
  // Binary search: ranges are in address order.
  uint32_t low = 0, high = range_count_;
  while (low < high) {
    const uint32_t middle = low + (high - low) / 2;
    const Range& range = ranges_[middle];
    if (frame < range.first_frame) {
      high = middle;
    } else if (frame - range.first_frame >= range.frames) {
      low = middle + 1;
    } else {
      return middle;
    }
  }
  return range_count_;
}

void FrameAllocator::Take(const Range& range, uint64_t index, uint64_t count) {
  for (uint64_t bit = range.first_word * 64 + index, end = bit + count; bit < end;) {
    const uint64_t in_word = bit % 64, span = end - bit < 64 - in_word ? end - bit : 64 - in_word;
    bits_[bit / 64] &= ~Mask(in_word, in_word + span);
    bit += span;
  }
  free_ -= count;
}

uint64_t FrameAllocator::FirstTaken(const Range& range, uint64_t from, uint64_t to) const {
  const uint64_t base = range.first_word * 64;
  for (uint64_t bit = base + from, end = base + to; bit < end;) {
    const uint64_t in_word = bit % 64, span = end - bit < 64 - in_word ? end - bit : 64 - in_word;
    const uint64_t taken = ~bits_[bit / 64] & Mask(in_word, in_word + span);
    if (taken != 0) return bit - in_word + static_cast<uint64_t>(__builtin_ctzll(taken)) - base;
    bit += span;
  }
  return to;
}

uint64_t FrameAllocator::LastTaken(const Range& range, uint64_t from, uint64_t to) const {
  const uint64_t base = range.first_word * 64;
  for (uint64_t end = base + to, start = base + from; end > start;) {
    const uint64_t last = end - 1, in_word = last % 64;
    const uint64_t word_start = last - in_word;
    const uint64_t lowest = start > word_start ? start - word_start : 0;
    const uint64_t taken = ~bits_[last / 64] & Mask(lowest, in_word + 1);
    if (taken != 0) return word_start + 63 - static_cast<uint64_t>(__builtin_clzll(taken)) - base;
    end = word_start + lowest;
  }
  return to;
}

// A fitting run in `range`: its first index. Candidates are indexes whose absolute frame is
// aligned; a taken frame inside a candidate rules out every candidate that contains it, so
// the search jumps past it (ascending) or to the runs that end below it (descending).
bool FrameAllocator::FindRun(const Range& range, const Request& request, uint64_t& index) const {
  const uint64_t align = request.alignment / kFrameSize, count = request.count;
  // The run must end at or below `below`: indexes [0, limit).
  const uint64_t below_frame = request.below / kFrameSize;
  if (below_frame <= range.first_frame) return false;
  const uint64_t limit = below_frame - range.first_frame < range.frames ? below_frame - range.first_frame : range.frames;
  if (count > limit) return false;
  auto align_up = [&](uint64_t i, uint64_t& out) {  // the lowest aligned index >= i, if < limit
    const uint64_t rest = (range.first_frame + i) % align, add = rest == 0 ? 0 : align - rest;
    if (add >= limit - i) return false;
    out = i + add;
    return true;
  };
  auto align_down = [&](uint64_t i, uint64_t& out) {  // the highest aligned index <= i
    const uint64_t rest = (range.first_frame + i) % align;
    if (rest > i) return false;
    out = i - rest;
    return true;
  };
  uint64_t i;
  if (!request.highest) {
    if (!align_up(0, i)) return false;
    while (i <= limit - count) {
      const uint64_t taken = LastTaken(range, i, i + count);
      if (taken == i + count) {
        index = i;
        return true;
      }
      if (taken + 1 >= limit || !align_up(taken + 1, i)) return false;
    }
    return false;
  }
  if (!align_down(limit - count, i)) return false;
  for (;;) {
    const uint64_t taken = FirstTaken(range, i, i + count);
    if (taken == i + count) {
      index = i;
      return true;
    }
    if (taken < count || !align_down(taken - count, i)) return false;  // i strictly decreases
  }
}

base::Result<uint64_t> FrameAllocator::Allocate(const Request& request) {
  if (request.count == 0) return base::MakeError("a run of no frames", "count");
  if (request.alignment < kFrameSize || (request.alignment & (request.alignment - 1)) != 0) {
    return base::MakeError("alignment not a power of two of at least 4 KiB", "alignment", kFrameSize, request.alignment);
  }
  // One frame anywhere, the common case: the first free bit from each range's hint.
  if (request.count == 1 && request.alignment == kFrameSize && request.below == kAllOnes && !request.highest) {
    for (uint32_t r = 0; r < range_count_; ++r) {
      Range& range = ranges_[r];
      const uint64_t words = Words(range.frames);
      for (uint64_t w = range.hint; w < words; ++w) {
        const uint64_t word = bits_[range.first_word + w];
        if (word == 0) continue;
        range.hint = w;
        const uint64_t index = w * 64 + static_cast<uint64_t>(__builtin_ctzll(word));
        Take(range, index, 1);
        return (range.first_frame + index) * kFrameSize;
      }
      range.hint = words;
    }
  } else {
    for (uint32_t n = 0; n < range_count_; ++n) {
      Range& range = ranges_[request.highest ? range_count_ - 1 - n : n];
      uint64_t index;
      if (!FindRun(range, request, index)) continue;
      Take(range, index, request.count);
      return (range.first_frame + index) * kFrameSize;
    }
  }
  return base::MakeError("no free run of frames fits", "count", free_, request.count);
}

base::Result<> FrameAllocator::Free(uint64_t address, uint64_t count) {
  if (address % kFrameSize != 0) return base::MakeError("address not frame-aligned", "address", 0, address % kFrameSize);
  const uint64_t first = address / kFrameSize;
  const uint32_t which = RangeOf(first);
  Range* range = which < range_count_ ? &ranges_[which] : nullptr;
  if (range == nullptr || count == 0 || count > range->frames - (first - range->first_frame)) {
    return base::MakeError("frames not in the allocator's memory", "address", count, address);
  }
  const uint64_t index = first - range->first_frame;
  for (uint64_t i = 0; i < count; ++i) {
    if (FreeBit(range->first_word * 64 + index + i)) {
      return base::MakeError("frame freed that is not allocated", "address", 0, (first + i) * kFrameSize);
    }
  }
  for (uint64_t i = 0; i < count; ++i) {
    const uint64_t bit = range->first_word * 64 + index + i;
    bits_[bit / 64] |= uint64_t{1} << (bit % 64);
  }
  const uint64_t word = index / 64;
  if (word < range->hint) range->hint = word;
  free_ += count;
  return base::Ok{};
}

void FrameAllocator::Reserve(uint64_t address, uint64_t size) {
  if (size == 0) return;
  const uint64_t first = address / kFrameSize;
  const uint64_t end_byte = size > kAllOnes - address ? kAllOnes : address + size;
  const uint64_t end = end_byte / kFrameSize + (end_byte % kFrameSize != 0);
  for (uint32_t r = 0; r < range_count_; ++r) {
    const Range& range = ranges_[r];
    const uint64_t from = first > range.first_frame ? first : range.first_frame;
    const uint64_t range_end = range.first_frame + range.frames;
    const uint64_t to = end < range_end ? end : range_end;
    for (uint64_t frame = from; frame < to; ++frame) {
      const uint64_t bit = range.first_word * 64 + (frame - range.first_frame);
      if (!FreeBit(bit)) continue;
      bits_[bit / 64] &= ~(uint64_t{1} << (bit % 64));
      --free_;
    }
  }
}

bool FrameAllocator::IsFree(uint64_t address) const {
  const uint32_t which = RangeOf(address / kFrameSize);
  if (which == range_count_) return false;
  const Range& range = ranges_[which];
  return FreeBit(range.first_word * 64 + (address / kFrameSize - range.first_frame));
}

}  // namespace frames
