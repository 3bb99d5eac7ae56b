// SPDX-License-Identifier: MIT
#include "unientry/memory.h"

#include "base/string-buffer.h"
#include "init/frames.h"

namespace {

constexpr const char* kNotBuilt =
    "frames: the allocator is not built on this boot (before the frames init entry, or where it is excluded)";
base::StringBuffer<192> gLastError;

const char* Described(const base::Error& error) {
  gLastError.Clear();
  base::Describe(error, gLastError);
  return gLastError.c_str();
}

}  // namespace

namespace unientry {

FrameRun AllocateFrames(const FrameRequest& request) {
  frames::FrameAllocator* allocator = frames_init::Allocator();
  if (allocator == nullptr) return FrameRun{0, kNotBuilt};
  const auto run = allocator->Allocate(request);
  if (run.is_error()) return FrameRun{0, Described(run.error())};
  return FrameRun{run.value(), nullptr};
}

bool FreeFrames(uint64_t address, uint64_t count, const char** error) {
  frames::FrameAllocator* allocator = frames_init::Allocator();
  const char* why = kNotBuilt;
  if (allocator != nullptr) {
    const auto freed = allocator->Free(address, count);
    if (freed.ok()) return true;
    why = Described(freed.error());
  }
  if (error != nullptr) *error = why;
  return false;
}

uint64_t FreeFrameCount() {
  const frames::FrameAllocator* allocator = frames_init::Allocator();
  return allocator == nullptr ? 0 : allocator->FreeFrames();
}

uint64_t FrameCount() {
  const frames::FrameAllocator* allocator = frames_init::Allocator();
  return allocator == nullptr ? 0 : allocator->TotalFrames();
}

}  // namespace unientry
