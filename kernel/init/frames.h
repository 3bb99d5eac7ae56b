// SPDX-License-Identifier: MIT
// The frame allocator the frames init entry builds (init/frames.cc), for the public API.
#pragma once

#include "frames/frame-allocator.h"

namespace frames_init {

/// The allocator once the frames entry ran, else nullptr (before it, or where it is excluded).
frames::FrameAllocator* Allocator();

}  // namespace frames_init
