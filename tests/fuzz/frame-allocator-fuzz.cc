// SPDX-License-Identifier: MIT
// The frame allocator under random maps and random requests: every run it returns lies in
// the map's whole frames, is aligned, ends below its limit and overlaps nothing allocated or
// reserved; a free of what is not allocated is refused; the free count stays exact.
#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

#include "frames/frame-allocator.h"

namespace {

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

struct Input {
  const uint8_t* data;
  size_t size;
  uint64_t Take(unsigned bytes) {
    uint64_t value = 0;
    for (unsigned i = 0; i < bytes && size > 0; ++i, ++data, --size) value |= uint64_t{*data} << (8 * i);
    return value;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Input input{data, size};
  // Up to 16 ranges of up to 1 MiB + change each, with gaps, at byte precision.
  std::vector<frames::FreeRange> ranges;
  uint64_t at = input.Take(3) * 16;
  const unsigned range_count = static_cast<unsigned>(input.Take(1) % 17);
  for (unsigned i = 0; i < range_count; ++i) {
    const uint64_t size_bytes = input.Take(3) % 0x180000;
    ranges.push_back({at, size_bytes});
    at += size_bytes + input.Take(2) * 8;
  }
  frames::FrameAllocator allocator;
  std::vector<uint64_t> storage(frames::FrameAllocator::MetadataBytes(ranges.data(), range_count) / 8 + 1);
  if (!allocator.Init(ranges.data(), range_count, storage.data(), storage.size() * 8).ok()) return 0;

  // The model: which frames are taken (allocated or reserved).
  std::map<uint64_t, bool> taken;  // frame -> allocated by us (true) or reserved (false)
  auto in_map = [&](uint64_t frame) {
    for (const auto& range : ranges) {
      const uint64_t first = (range.base + frames::kFrameSize - 1) / frames::kFrameSize;
      const uint64_t end = (range.base + range.size) / frames::kFrameSize;
      if (frame >= first && frame < end) return true;
    }
    return false;
  };
  std::vector<std::pair<uint64_t, uint64_t>> runs;  // allocated: address, count
  while (input.size > 0) {
    const unsigned op = static_cast<unsigned>(input.Take(1) % 4);
    if (op <= 1) {
      frames::Request request;
      request.count = 1 + input.Take(1) % 64;
      request.alignment = frames::kFrameSize << (input.Take(1) % 10);
      request.below = input.Take(1) % 2 ? ~uint64_t{0} : input.Take(3) * 64;
      request.highest = input.Take(1) % 2;
      const auto result = allocator.Allocate(request);
      if (!result.ok()) continue;
      const uint64_t address = result.value();
      Check(address % request.alignment == 0);
      Check(address + request.count * frames::kFrameSize <= request.below);
      for (uint64_t i = 0; i < request.count; ++i) {
        const uint64_t frame = address / frames::kFrameSize + i;
        Check(in_map(frame));
        Check(taken.count(frame) == 0);
        taken[frame] = true;
      }
      runs.push_back({address, request.count});
    } else if (op == 2 && !runs.empty()) {
      const size_t which = input.Take(1) % runs.size();
      const auto [address, count] = runs[which];
      Check(allocator.Free(address, count).ok());
      for (uint64_t i = 0; i < count; ++i) taken.erase(address / frames::kFrameSize + i);
      runs.erase(runs.begin() + static_cast<std::ptrdiff_t>(which));
    } else {
      const uint64_t address = input.Take(3) * 16, size_bytes = input.Take(2) * 16;
      if (input.Take(1) % 2) {  // a free of something not allocated must be refused
        const uint64_t frame = address / frames::kFrameSize;
        if (taken.count(frame) == 0) Check(!allocator.Free(frame * frames::kFrameSize).ok());
        continue;
      }
      allocator.Reserve(address, size_bytes);
      if (size_bytes == 0) continue;
      for (uint64_t frame = address / frames::kFrameSize;
           frame * frames::kFrameSize < address + size_bytes; ++frame) {
        if (in_map(frame) && taken.count(frame) == 0) taken[frame] = false;
      }
    }
    Check(allocator.FreeFrames() + taken.size() == allocator.TotalFrames());
  }
  for (const auto& [frame, ours] : taken) Check(!allocator.IsFree(frame * frames::kFrameSize));
  return 0;
}
