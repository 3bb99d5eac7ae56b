// SPDX-License-Identifier: MIT
// The kernel's own relocations (.rela.dyn), as arch/x86/relocate.S applies them where a loader
// put the image away from its link address. That code knows one kind, R_X86_64_RELATIVE, and
// skips the linker's unused R_X86_64_NONE slots: the build refuses an image with any other,
// or with one that would write outside the image.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "image/elf-image.h"

namespace image {

struct SelfRelocations {
  uint64_t relative = 0;  // applied at boot
  uint64_t unused = 0;    // R_X86_64_NONE slots
  std::vector<std::string> errors;
};

/// Reads and checks .rela.dyn; an image without one (not a PIE) has nothing to relocate.
SelfRelocations CheckSelfRelocations(const ElfImage& elf);

}  // namespace image
