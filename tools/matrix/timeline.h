// SPDX-License-Identifier: MIT
// The boot timeline picture: one row per boot, one segment per step (entry to common entry,
// then each init entry), sized by the instructions it took (`unientry: cost` lines under
// -icount), failures marked. SVG, viewable in any browser.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace matrix {

struct TimelineRow {
  std::string name;
  std::string result;
  std::vector<std::pair<std::string, uint64_t>> costs;  // in the order the kernel printed them
};

std::string TimelineSvg(const std::vector<TimelineRow>& rows);

}  // namespace matrix
