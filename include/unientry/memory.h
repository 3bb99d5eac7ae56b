// SPDX-License-Identifier: MIT
// Physical memory after the boot: 4 KiB frames from the usable memory of the typed map
// (Boot().memory_map), identity-mapped (virtual = physical) like all of RAM. Available from
// the framework's "frames" init entry on (depend on gFramesInit in an init entry; always in
// KernelMain), except where that entry is excluded (a Xen PV guest: see the init trace).
//
//   const unientry::FrameRun page = unientry::AllocateFrames();
//   const unientry::FrameRun dma = unientry::AllocateFrames({.count = 16, .below = 4ull << 30});
//   const unientry::FrameRun trampoline = unientry::AllocateFrames({.below = 1 << 20});
#pragma once

#include <cstdint>

#include "frames/frame-allocator.h"

namespace unientry {

inline constexpr uint64_t kFrameSize = frames::kFrameSize;

/// How many frames, at what alignment (bytes, a power of two of at least 4 KiB), ending at or
/// below which address, the lowest fitting run (default) or the highest.
using FrameRequest = frames::Request;

/// A run of frames, or why there is none (`error`: field, what was wrong, expected and got).
struct FrameRun {
  uint64_t address = 0;
  const char* error = nullptr;  // valid until the next failing call
  constexpr bool ok() const { return error == nullptr; }
};

FrameRun AllocateFrames(const FrameRequest& request = {});

/// Gives back `count` frames from `address`, all of them allocated; false with `*error` set
/// (when given) for a run that is not, nothing freed then.
bool FreeFrames(uint64_t address, uint64_t count = 1, const char** error = nullptr);

/// Free frames now, and all the frames of the usable memory; 0 before the frames entry ran.
uint64_t FreeFrameCount();
uint64_t FrameCount();

}  // namespace unientry
