// SPDX-License-Identifier: MIT
// Sealing a checked kernel: its run order written into the image's plan seal
// (inittab/plan-seal.h), so that the kernel confirms the build's plan at boot in O(n + d)
// instead of checking and sorting its table again.
#pragma once

#include <cstdint>
#include <vector>

#include "image/elf-image.h"

namespace image {

/// The image's bytes with the seal filled in for `order` (table indices in run order);
/// ImageError when the image has no seal of the right size or too many entries.
std::vector<uint8_t> SealedImage(const ElfImage& image, const std::vector<uint32_t>& order);

/// The sealed order, or nothing when the image is not sealed.
std::vector<uint32_t> ReadSealedOrder(const ElfImage& image, bool& sealed);

}  // namespace image
