// SPDX-License-Identifier: MIT
// frames: the physical frame allocator (lib/frames) over the typed map's usable memory, for
// unientry::AllocateFrames and FreeFrames. Its storage (one bit per frame, 32 KiB per GiB) is
// carved from the top of the highest usable range that holds it inside the identity map, and
// kept as in use, like the first page (address 0 is the null pointer, and on a PC the first
// page holds the real-mode interrupt table).
#include "init/frames.h"

#include "api/boot-info.h"
#include "base/string-buffer.h"
#include "common/console.h"
#include "common/exit.h"
#include "init/memory-map.h"
#include "inittab/init-entry.h"
#include "unientry/boot.h"
#include "unientry/init.h"

namespace {

constexpr uint32_t kMaxFreeRanges = memory::kMaxTypedRanges;  // so no usable range is ever left out
[[gnu::section(".scratch")]] constinit frames::FreeRange gFree[kMaxFreeRanges] = {};  // written before read
constinit frames::FrameAllocator gFrames;
constinit bool gReady = false;

uint64_t AlignDown(uint64_t value) { return value / frames::kFrameSize * frames::kFrameSize; }
uint64_t AlignUp(uint64_t value) { return AlignDown(value + frames::kFrameSize - 1); }

void BuildFrames() {
  const unientry::BootInfo& boot = unientry::Boot();
  uint32_t count = 0;
  for (const bootinfo::MemoryRange& range : boot.memory_map) {
    if (range.type != bootinfo::MemoryType::kUsable) continue;
    if (count == kMaxFreeRanges) Fail("frames: the typed map has more usable ranges than its capacity");
    gFree[count++] = frames::FreeRange{range.base, range.size};
  }
  const uint64_t bytes = AlignUp(frames::FrameAllocator::MetadataBytes(gFree, count));
  const uint64_t mapped_end = AlignDown(boot.IdentityMappedEnd());
  uint64_t storage = 0;
  for (uint32_t i = count; i-- > 0 && storage == 0;) {
    const uint64_t start = AlignUp(gFree[i].base);
    uint64_t end = AlignDown(gFree[i].base + gFree[i].size);
    if (end > mapped_end) end = mapped_end;
    if (end > start && end - start >= bytes && end - bytes >= frames::kFrameSize) storage = end - bytes;
  }
  if (storage == 0) {
    base::StringBuffer<128> message;
    message.Append("frames: no usable range inside the identity map holds the allocator's ");
    message.AppendDecimal(bytes);
    message.Append(" bytes");
    Fail(message.c_str());
  }
  const auto built = gFrames.Init(gFree, count, reinterpret_cast<void*>(storage), bytes);
  if (built.is_error()) FailWithError("frames", built.error());
  gFrames.Reserve(storage, bytes);
  gFrames.Reserve(0, frames::kFrameSize);
  gReady = true;
  console::Line()
      .Append("frames free=")
      .AppendDecimal(gFrames.FreeFrames())
      .Append(" total=")
      .AppendDecimal(gFrames.TotalFrames())
      .Append(" ranges=")
      .AppendDecimal(gFrames.RangeCount())
      .Append(" storage=")
      .AppendHex(storage)
      .Append("+")
      .AppendDecimal(bytes);
}

constexpr inittab::Exclusion kFramesExclusions[] = {
    inittab::OnFirmware(bootabi::Firmware::kXenPv,
                        "a Xen PV guest's memory past Xen's initial mapping is not mapped: frames would need "
                        "mapping by hypercall"),
};

}  // namespace

namespace frames_init {
frames::FrameAllocator* Allocator() { return gReady ? &gFrames : nullptr; }
}  // namespace frames_init

INIT_ENTRY(gFramesInit, "frames", INIT_LEVEL_PLATFORM, .run = BuildFrames,
           .depends = inittab::DependsOn<gIdentityMapInit>(), .exclusions = inittab::Exclude(kFramesExclusions));
